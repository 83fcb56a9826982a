package org.casw.routes.transform.asean.acdd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.AseanSamples;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.declaration.DecReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A partner's ACDD Customs Response becomes a native customs receipt; bad partner input gives violations, never exceptions. */
class AcddResponseTranslatorTest {

    private final AcddResponseTranslator translator = new AcddResponseTranslator();

    static Stream<Path> invalidSamples() {
        return AseanSamples.list(AseanSamples.ACDD.resolve("invalid"));
    }

    @ParameterizedTest
    @CsvSource({"accepted, L", "released, P", "rejected, E"})
    void responseBecomesTheCommittedNativeReceiptWithItsCustomsStatus(String status, String channel) {
        Translation receipt = translator.toNative(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/customs-response-" + status + ".xml")));

        assertThat(receipt.violations()).isEmpty();
        assertThat(receipt.type()).isEqualTo(DocumentType.DECLARATION_RECEIPT);
        assertThat(AseanSamples.text(receipt.payload()))
                .isEqualTo(AseanSamples.golden(AseanSamples.NATIVE.resolve("receipt-customs-response-" + status + ".xml")));
        assertThat(TestDocuments.schemaErrors(DocumentType.DECLARATION_RECEIPT, receipt.payload())).isEmpty();
        DecReceipt read = (DecReceipt) TestDocuments.read(DocumentType.DECLARATION_RECEIPT, receipt.payload());
        DocumentReader.ReceiptFacts facts = AseanSamples.READER.receiptFacts(DocumentType.DECLARATION_RECEIPT, read);
        assertThat(facts.code()).isEqualTo(channel);
        assertThat(facts.refersTo()).as("the gateway tracking id the ACDD was delivered with").startsWith("SW2026");
    }

    @Test
    void rejectionCarriesEveryErrorWithItsPointer() {
        Translation receipt = translator.toNative(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/customs-response-rejected.xml")));
        DecReceipt read = (DecReceipt) TestDocuments.read(DocumentType.DECLARATION_RECEIPT, receipt.payload());

        assertThat(read.getNote()).contains("[ACDD-E017]", "at /Declaration/GoodsShipment/Importer",
                "[ACDD-E031]", "at /Declaration/GoodsShipment/Consignment/UnloadingLocation");
        assertThat(read.getClientSeqNo()).isEqualTo("QZDEMO-20261121-0002");
    }

    @Test
    void aLongListOfErrorsIsCutToWhatTheReceiptHolds() {
        StringBuilder errors = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            errors.append("<Error><ValidationCode>E").append(i).append("</ValidationCode><Description>")
                    .append("x".repeat(200)).append("</Description></Error>");
        }
        String response = AseanSamples.text(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/customs-response-rejected.xml")))
                .replaceAll("(?s)<Error>.*</Error>", errors.toString());

        Translation receipt = translator.toNative(response.getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.violations()).isEmpty();
        assertThat(TestDocuments.schemaErrors(DocumentType.DECLARATION_RECEIPT, receipt.payload())).isEmpty();
        DecReceipt read = (DecReceipt) TestDocuments.read(DocumentType.DECLARATION_RECEIPT, receipt.payload());
        assertThat(read.getNote()).hasSize(1000).endsWith("…");
    }

    @ParameterizedTest
    @MethodSource("invalidSamples")
    void invalidPartnerInputGivesExactlyTheViolationItIsNamedAfter(Path sample) {
        Translation refused = translator.toNative(AseanSamples.bytes(sample));

        assertThat(refused.payload()).isNull();
        assertThat(refused.violations()).isNotEmpty().extracting(Violation::code).containsOnly(AseanSamples.codeOf(sample));
    }

    @Test
    void everyKindOfBadPartnerInputHasAnInvalidSample() {
        assertThat(invalidSamples().map(AseanSamples::codeOf)).containsExactlyInAnyOrder(ViolationCodes.PAYLOAD_EMPTY,
                ViolationCodes.XML_MALFORMED, ViolationCodes.XML_DOCTYPE_FORBIDDEN, ViolationCodes.UNKNOWN_DOCUMENT_TYPE,
                ViolationCodes.SCHEMA_VIOLATION);
    }

    @Test
    void malformedAndSchemaInvalidInputIsLocatedByLineAndColumn() {
        List<Violation> malformed = translator.toNative(AseanSamples.bytes(AseanSamples.ACDD.resolve("invalid/xml-malformed.xml"))).violations();
        List<Violation> invalid = translator.toNative(AseanSamples.bytes(AseanSamples.ACDD.resolve("invalid/schema-violation.xml"))).violations();

        assertThat(malformed).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(3);
            assertThat(v.column()).isPositive();
        });
        assertThat(invalid).extracting(Violation::path).contains("/CustomsResponse/StatusCode", "/CustomsResponse/Declaration/TraderAssignedReferenceID");
        assertThat(invalid).allSatisfy(v -> {
            assertThat(v.line()).isPositive();
            assertThat(v.column()).isPositive();
        });
    }

    @Test
    void recognisesOnlyCustomsResponses() {
        assertThat(translator.recognises(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/customs-response-accepted.xml")))).isTrue();
        assertThat(translator.recognises(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/export-rail-two-containers.xml"))))
                .as("an ACDD declaration is what the gateway sends, not what it reads").isFalse();
        assertThat(translator.recognises(AseanSamples.bytes(AseanSamples.SAMPLES.resolve("declaration-receipt/valid/released.xml")))).isFalse();
        assertThat(translator.recognises(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("valid/form-e-durian-th-cn.xml")))).isFalse();
        assertThat(translator.recognises(AseanSamples.bytes(AseanSamples.ACDD.resolve("invalid/xml-doctype-forbidden.xml")))).isFalse();
        assertThat(translator.recognises(new byte[0])).isFalse();
        assertThat(translator.recognises(null)).isFalse();
        assertThat(translator.recognises("UNA:+.? 'UNB+UNOC:3'".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(translator.format()).isEqualTo("WCO-ACDD");
    }

    @Test
    void recognitionReadsOnlyTheStartOfTheDocument() {
        String truncated = "<?xml version=\"1.0\"?><CustomsResponse xmlns=\"urn:casw:asean:acdd:1\"><FunctionCode>9</Funct";

        assertThat(translator.recognises(truncated.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(translator.toNative(truncated.getBytes(StandardCharsets.UTF_8)).violations())
                .extracting(Violation::code).containsExactly(ViolationCodes.XML_MALFORMED);
    }
}
