package org.casw.routes.transform.asean.eco;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.AseanSamples;
import org.casw.routes.transform.asean.AseanTranslationCodes;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates of origin and utilization notices travel as ASW-ECO and come back unchanged, field by field. */
class AswEcoTranslatorTest {

    private static final Path CERTIFICATES = AseanSamples.SAMPLES.resolve("certificate-of-origin/valid");
    private static final Path UTILIZATION = AseanSamples.SAMPLES.resolve("certificate-utilization/valid/durian-used-qinzhou.xml");
    /** What the certificate registry knows in these tests. */
    private static final Map<String, String> REGISTERED = Map.of("E26-TH-0001187", "TH", "RCEP-CN-QZ-2026-000214", "CN");

    private final AswEcoOutboundTranslator outbound = new AswEcoOutboundTranslator(AseanSamples.READER, AseanSamples.CLOCK,
            certificateNo -> Optional.ofNullable(REGISTERED.get(certificateNo)));
    private final AswEcoInboundTranslator inbound = new AswEcoInboundTranslator();
    private final OriginRules originRules = new OriginRules(AseanSamples.CLOCK);

    static Stream<Path> validCertificates() {
        return AseanSamples.list(CERTIFICATES);
    }

    static Stream<Path> validPartnerMessages() {
        return AseanSamples.list(AseanSamples.ASW_ECO.resolve("valid"));
    }

    static Stream<Path> invalidPartnerMessages() {
        return AseanSamples.list(AseanSamples.ASW_ECO.resolve("invalid"));
    }

    @ParameterizedTest
    @MethodSource("validCertificates")
    void certificateSurvivesTheRoundTripFieldByField(Path sample) {
        byte[] original = AseanSamples.bytes(sample);

        Translation eco = outbound.fromNative(DocumentType.CERTIFICATE_OF_ORIGIN, original);
        assertThat(eco.violations()).isEmpty();
        assertThat(AseanSamples.ecoSchemaViolations(eco.payload())).isEmpty();
        Translation back = inbound.toNative(eco.payload());

        assertThat(back.violations()).isEmpty();
        assertThat(back.type()).isEqualTo(DocumentType.CERTIFICATE_OF_ORIGIN);
        assertThat(TestDocuments.schemaErrors(DocumentType.CERTIFICATE_OF_ORIGIN, back.payload())).isEmpty();
        CertificateOfOrigin returned = (CertificateOfOrigin) TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, back.payload());
        assertThat(returned).usingRecursiveComparison()
                .isEqualTo(TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, original));
        assertThat(ruleViolations(returned)).isEmpty();
    }

    @Test
    void everyOptionalBoxSurvivesTheRoundTrip() {
        String everything = AseanSamples.text(AseanSamples.bytes(CERTIFICATES.resolve("back-to-back-rubber-sg-cn.xml")))
                .replace("  <Item>", "  <OfficialUse>Preferential treatment given under ACFTA</OfficialUse>\n  <Item>")
                .replace("<BackToBack>true</BackToBack>", "<ThirdCountryInvoicing>true</ThirdCountryInvoicing><BackToBack>true</BackToBack>"
                        + "<Exhibition>false</Exhibition><IssuedRetroactively>false</IssuedRetroactively><Accumulation>true</Accumulation>"
                        + "<DeMinimis>true</DeMinimis><PartialCumulation>false</PartialCumulation>")
                .replace("<IssueDate>2026-11-05</IssueDate>", "<IssueDate>2026-11-05</IssueDate><ShipmentDate>2026-11-06</ShipmentDate>");
        byte[] original = everything.getBytes(StandardCharsets.UTF_8);
        assertThat(TestDocuments.schemaErrors(DocumentType.CERTIFICATE_OF_ORIGIN, original)).isEmpty();

        Translation back = inbound.toNative(outbound.fromNative(DocumentType.CERTIFICATE_OF_ORIGIN, original).payload());

        CertificateOfOrigin returned = (CertificateOfOrigin) TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, back.payload());
        assertThat(returned).usingRecursiveComparison().isEqualTo(TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, original));
        assertThat(returned.getOfficialUse()).isEqualTo("Preferential treatment given under ACFTA");
        assertThat(returned.getFlags().isPartialCumulation()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"form-e-durian-th-cn.xml", "rcep-approved-exporter-cn-sg.xml"})
    void certificateTranslatesToTheCommittedAswEcoMessage(String name) {
        Translation eco = outbound.fromNative(DocumentType.CERTIFICATE_OF_ORIGIN, AseanSamples.bytes(CERTIFICATES.resolve(name)));

        assertThat(AseanSamples.text(eco.payload())).isEqualTo(AseanSamples.golden(AseanSamples.ASW_ECO.resolve("valid/" + name)));
    }

    @Test
    void certificateGoesFromTheExportingToTheImportingSingleWindow() {
        String eco = AseanSamples.text(outbound.fromNative(DocumentType.CERTIFICATE_OF_ORIGIN,
                AseanSamples.bytes(CERTIFICATES.resolve("form-d-palm-oil-my-sg.xml"))).payload());

        assertThat(eco).contains("<Sender>\n      <Country>MY</Country>", "<Receiver>\n      <Country>SG</Country>",
                "<MessageID>ECO-KL-D26-0038861</MessageID>", "<SentAt>2026-11-22T04:00:00Z</SentAt>");
    }

    @Test
    void utilizationNoticeGoesBackToTheIssuingSideAndSurvivesTheRoundTrip() {
        byte[] original = AseanSamples.bytes(UTILIZATION);

        Translation eco = outbound.fromNative(DocumentType.CERTIFICATE_UTILIZATION, original);
        assertThat(eco.violations()).isEmpty();
        assertThat(AseanSamples.text(eco.payload()))
                .isEqualTo(AseanSamples.golden(AseanSamples.ASW_ECO.resolve("valid/utilization-durian-used-qinzhou.xml")));
        assertThat(AseanSamples.ecoSchemaViolations(eco.payload())).isEmpty();
        Translation back = inbound.toNative(eco.payload());

        assertThat(back.violations()).isEmpty();
        assertThat(back.type()).isEqualTo(DocumentType.CERTIFICATE_UTILIZATION);
        assertThat(TestDocuments.schemaErrors(DocumentType.CERTIFICATE_UTILIZATION, back.payload())).isEmpty();
        assertThat(TestDocuments.read(DocumentType.CERTIFICATE_UTILIZATION, back.payload())).usingRecursiveComparison()
                .isEqualTo(TestDocuments.read(DocumentType.CERTIFICATE_UTILIZATION, original));
    }

    @Test
    void utilizationOfAnUnregisteredCertificateHasNoReceiver() {
        String notice = AseanSamples.text(AseanSamples.bytes(UTILIZATION)).replace("E26-TH-0001187", "E26-TH-9999999");

        Translation refused = outbound.fromNative(DocumentType.CERTIFICATE_UTILIZATION, notice.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.payload()).isNull();
        assertThat(refused.violations()).extracting(Violation::code, Violation::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AseanTranslationCodes.RECEIVER_UNKNOWN, "/CertificateUtilization/CertificateNo"));
    }

    @Test
    void theRegistryTellsWhereACertificateWasIssued() {
        CertificateRegistry registry = new CertificateRegistry() {
            @Override
            public Optional<KnownCertificate> find(String certificateNo) {
                return "E26-TH-0001187".equals(certificateNo)
                        ? Optional.of(new KnownCertificate(certificateNo, "ACFTA", "TH", "CN", null, null, List.of()))
                        : Optional.empty();
            }

            @Override
            public Optional<Registrant> registrantOf(String certificateNo) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Registered register(String trackingId, String registrant, KnownCertificate certificate, List<Claim> drawdown) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void withdraw(String trackingId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean claim(String declarationTrackingId, List<Claim> claims) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void release(String declarationTrackingId) {
                throw new UnsupportedOperationException();
            }
        };

        IssuingCountries countries = IssuingCountries.from(registry);

        assertThat(countries.of("E26-TH-0001187")).contains("TH");
        assertThat(countries.of("E26-TH-9999999")).isEmpty();
    }

    @Test
    void onlyCertificatesAndUtilizationNoticesTranslate() {
        assertThat(outbound.translates(DocumentType.CERTIFICATE_OF_ORIGIN)).isTrue();
        assertThat(outbound.translates(DocumentType.CERTIFICATE_UTILIZATION)).isTrue();
        assertThat(outbound.translates(DocumentType.DECLARATION)).isFalse();
        assertThat(outbound.fromNative(DocumentType.DECLARATION, AseanSamples.bytes(UTILIZATION)).violations())
                .extracting(Violation::code).containsExactly(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE);
        assertThat(outbound.format()).isEqualTo("ASW-ECO");
        assertThat(inbound.format()).isEqualTo("ASW-ECO");
    }

    @ParameterizedTest
    @MethodSource("validPartnerMessages")
    void partnerMessageBecomesANativeDocumentTheIntakeAccepts(Path sample) {
        Translation translated = inbound.toNative(AseanSamples.bytes(sample));

        assertThat(translated.violations()).isEmpty();
        assertThat(TestDocuments.schemaErrors(translated.type(), translated.payload())).isEmpty();
        Object document = TestDocuments.read(translated.type(), translated.payload());
        BusinessKeys keys = AseanSamples.READER.keysOf(translated.type(), document);
        assertThat(keys.first(BusinessKeys.Kind.CERTIFICATE_NO)).isNotBlank();
        if (document instanceof CertificateOfOrigin co) {
            assertThat(ruleViolations(co)).isEmpty();
        } else {
            assertThat(((CertificateUtilization) document).getUsedItem()).isNotEmpty();
        }
    }

    @Test
    void partnerBox13TicksAndItemsArrive() {
        Translation translated = inbound.toNative(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("valid/form-e-dragon-fruit-vn-cn.xml")));
        CertificateOfOrigin co = (CertificateOfOrigin) TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, translated.payload());

        assertThat(co.getFlags().isIssuedRetroactively()).isTrue();
        assertThat(co.getFlags().isBackToBack()).as("a tick the partner did not state stays unstated").isNull();
        assertThat(co.getItem()).extracting(i -> i.getHsCode() + " " + i.getQuantity().toPlainString() + " " + i.getQuantityUnit())
                .containsExactly("081090 12000 KGM", "080450 3000 KGM");
        assertThat(co.getItem().get(1).getFobValue().getCurrency()).isEqualTo("USD");
        assertThat(co.getItem().get(1).getFobValue().getValue().toPlainString()).isEqualTo("4500.50");
    }

    @ParameterizedTest
    @MethodSource("invalidPartnerMessages")
    void invalidPartnerInputGivesExactlyTheViolationItIsNamedAfter(Path sample) {
        Translation refused = inbound.toNative(AseanSamples.bytes(sample));

        assertThat(refused.payload()).isNull();
        assertThat(refused.violations()).isNotEmpty().extracting(Violation::code).containsOnly(AseanSamples.codeOf(sample));
    }

    @Test
    void everyKindOfBadPartnerInputHasAnInvalidSample() {
        assertThat(invalidPartnerMessages().map(AseanSamples::codeOf)).containsExactlyInAnyOrder(ViolationCodes.PAYLOAD_EMPTY,
                ViolationCodes.XML_MALFORMED, ViolationCodes.XML_DOCTYPE_FORBIDDEN, ViolationCodes.UNKNOWN_DOCUMENT_TYPE,
                ViolationCodes.SCHEMA_VIOLATION);
    }

    @Test
    void schemaViolationsOfPartnerInputNamePathLineAndColumn() {
        List<Violation> violations = inbound.toNative(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("invalid/schema-violation.xml"))).violations();

        assertThat(violations).extracting(Violation::path)
                .contains("/EcoMessage/Certificate/GoodsItem/HSCode", "/EcoMessage/Certificate/GoodsItem[2]/Quantity");
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.line()).isPositive();
            assertThat(v.column()).isPositive();
        });
    }

    @Test
    void doctypeIsRefusedBeforeAnythingItNamesIsRead() {
        List<Violation> violations = inbound.toNative(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("invalid/xml-doctype-forbidden.xml"))).violations();

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCodes.XML_DOCTYPE_FORBIDDEN);
            assertThat(v.line()).isEqualTo(2);
            assertThat(v.message()).doesNotContain("root:");
        });
    }

    @Test
    void recognisesOnlyAswEcoMessages() {
        assertThat(inbound.recognises(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("valid/form-e-dragon-fruit-vn-cn.xml")))).isTrue();
        assertThat(inbound.recognises(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("valid/utilization-sg-rcep-furniture.xml")))).isTrue();
        assertThat(inbound.recognises(AseanSamples.bytes(CERTIFICATES.resolve("form-e-durian-th-cn.xml")))).as("native certificate").isFalse();
        assertThat(inbound.recognises(AseanSamples.bytes(AseanSamples.ACDD.resolve("valid/customs-response-accepted.xml")))).isFalse();
        assertThat(inbound.recognises(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("invalid/unknown-document-type.xml")))).isFalse();
        assertThat(inbound.recognises(AseanSamples.bytes(AseanSamples.ASW_ECO.resolve("invalid/xml-doctype-forbidden.xml")))).isFalse();
        assertThat(inbound.recognises(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0})).isFalse();
        assertThat(inbound.recognises(new byte[0])).isFalse();
    }

    private List<Violation> ruleViolations(CertificateOfOrigin co) {
        RuleViolations out = new RuleViolations();
        originRules.check(co, out);
        return out.list();
    }
}
