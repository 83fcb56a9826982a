package org.casw.routes.transform.edifact;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.InterchangeReportsTest.interchange;
import static org.casw.routes.transform.edifact.InterchangeReportsTest.message;

/** The interchange report as a CONTRL: addressed by the agreement, positions in UCS/UCD, valid against its generated schema. */
class ContrlWriterTest {

    private static final String COARRI = EdifactTestSupport.text(
            EdifactTestSupport.bytes(EdifactTestSupport.EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi")));
    private static final PartnerProfile PORT = new PartnerProfile("PORT-QINZHOU", "Beibu Gulf Port Qinzhou terminal", PartyRole.PORT,
            List.of("91450700MA5KX41CXK"), DeliveryChannel.JMS, null, null, null, false, "CN", null, null, null, null, null, null, null,
            new EdifactAgreement("91450700MA5KX41CXK", "ZZZ", "CNSW-QINZHOU", "ZZZ", null, null));

    private final ContrlWriter writer = new ContrlWriter(ControlReferences.counting(7000));

    private static byte[] report(byte[] interchange, List<MessageOutcome> outcomes) {
        return NativeXml.write(InterchangeReports.report(interchange, outcomes, InterchangeReportsTest.ISSUED));
    }

    private static String contrl(Translation translation) {
        assertThat(translation.violations()).isEmpty();
        return new String(translation.payload(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anAcceptedInterchangeIsAcknowledgedWithEachMessageAndAddressedByTheAgreement() {
        byte[] report = report(interchange(message(COARRI)), List.of(new MessageOutcome("QZGO0017", "TRK-1", true, List.of()),
                new MessageOutcome("QZDS0009", "TRK-2", true, List.of())));

        String contrl = contrl(writer.fromNative(DocumentType.INTERCHANGE_REPORT, report, PORT));

        assertThat(contrl).isEqualTo("""
                UNA:+.? '
                UNB+UNOC:3+CNSW-QINZHOU:ZZZ+91450700MA5KX41CXK:ZZZ+261120:1521+7001'
                UNH+1+CONTRL:D:3:UN'
                UCI+QZCODECO00017+91450700MA5KX41CXK:ZZZ+CN-CUSTOMS-7205:ZZZ+7'
                UCM+QZGO0017+CODECO:D:96B:UN+7'
                UCM+QZDS0009+COARRI:D:96B:UN+7'
                UNT+5+1'
                UNZ+1+7001'
                """);
    }

    @Test
    void aRejectedMessageCarriesTheSegmentAndElementOfEachError() {
        String coarri = message(COARRI).replace("RFF+BM:COSU6401234560'\nDTM+203:20261120081500",
                "RFF+BM:COSU6401234560123456789012345678901XYZ'\nDTM+203:20261120081500").replace("LOC+11+CNQZH:139:6'\n",
                "LOC+11+CNQZH:139:6'\nFTX+AAI+++STRAY'\n").replace("UNT+22+", "UNT+23+");
        Violation rule = Violation.of("EVENT_DUPLICATE", "/ContainerEvents/Event[1]", "Already reported.");
        byte[] report = report(interchange(coarri), List.of(new MessageOutcome("QZGO0017", "TRK-1", true, List.of()),
                new MessageOutcome("QZDS0009", null, false, List.of(rule))));

        String contrl = contrl(writer.fromNative(DocumentType.INTERCHANGE_REPORT, report, PORT));

        assertThat(contrl).contains("""
                UCM+QZDS0009+COARRI:D:96B:UN+4+18'
                UCS+6+15'
                UCS+10'
                UCD+39+1:2'
                UNT+8+1'
                """);
    }

    @Test
    void aRejectedInterchangeNamesTheEnvelopeErrorAndIsAnsweredToItsSenderWithoutAnAgreement() {
        byte[] broken = new String(interchange(message(COARRI)), StandardCharsets.ISO_8859_1).replace("UNZ+2+", "UNZ+3+")
                .getBytes(StandardCharsets.ISO_8859_1);

        String contrl = contrl(writer.fromNative(DocumentType.INTERCHANGE_REPORT, report(broken, List.of())));

        assertThat(contrl).contains("UNB+UNOC:3+CN-CUSTOMS-7205:ZZZ+91450700MA5KX41CXK:ZZZ+261120:1521+7001'",
                "UCI+QZCODECO00017+91450700MA5KX41CXK:ZZZ+CN-CUSTOMS-7205:ZZZ+4+29+UNZ+1'").doesNotContain("UCM");
    }

    @Test
    void controlReferencesComeFromTheSourceAndAreNotReused() {
        byte[] report = report(interchange(message(COARRI)), List.of());

        String first = contrl(writer.fromNative(DocumentType.INTERCHANGE_REPORT, report, PORT));
        String second = contrl(writer.fromNative(DocumentType.INTERCHANGE_REPORT, report, PORT));

        assertThat(first).contains("+7001'\nUNH").endsWith("UNZ+1+7001'\n");
        assertThat(second).contains("+7002'\nUNH").endsWith("UNZ+1+7002'\n");
    }

    @Test
    void theContrlReadsBackWithStaediAgainstTheGeneratedSchema() throws Exception {
        String coarri = message(COARRI).replace("LOC+11+CNQZH:139:6'\n", "LOC+11+CNQZH:139:6'\nFTX+AAI+++STRAY'\n")
                .replace("UNT+22+", "UNT+23+");
        byte[] contrl = writer.fromNative(DocumentType.INTERCHANGE_REPORT, report(interchange(coarri), List.of()), PORT).payload();
        Schema schema = SchemaFactory.newFactory().createSchema(getClass().getClassLoader().getResource(ContrlWriter.SCHEMA));

        List<String> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (EDIStreamReader reader = EDIInputFactory.newFactory().createEDIStreamReader(new ByteArrayInputStream(contrl))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_TRANSACTION -> reader.setTransactionSchema(schema);
                    case START_SEGMENT -> segments.add(reader.getText());
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> errors.add(reader.getLocation().getSegmentTag()
                            + " " + reader.getErrorType());
                    default -> {
                    }
                }
            }
        }
        assertThat(errors).isEmpty();
        assertThat(segments).containsExactly("UNA", "UNB", "UNH", "UCI", "UCM", "UCM", "UCS", "UNT", "UNZ");
    }

    @Test
    void theGeneratedSchemaRefusesWhatCONTRLDoesNotAllow() {
        String bad = "UNA:+.? '\nUNB+UNOC:3+A:ZZZ+B:ZZZ+261120:1521+1'\nUNH+1+CONTRL:D:3:UN'\nUCI+R+A:ZZZ+B:ZZZ+9'\n"
                + "UCS+1+12'\nUNT+4+1'\nUNZ+1+1'\n";

        assertThat(ContrlWriter.validate(bad.getBytes(StandardCharsets.ISO_8859_1))).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(e -> assertThat(e).startsWith("UCI"));
    }

    @Test
    void onlyInterchangeReportsAreWrittenAsContrl() {
        assertThat(writer.translates(DocumentType.INTERCHANGE_REPORT)).isTrue();
        assertThat(writer.translates(DocumentType.MANIFEST_RECEIPT)).isFalse();
        assertThat(writer.format()).isEqualTo("EDIFACT-D96B");
        assertThat(writer.fromNative(DocumentType.MANIFEST_RECEIPT, new byte[0]).violations()).isNotEmpty();
    }
}
