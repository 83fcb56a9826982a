package org.casw.routes.transform.edifact;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.interchange.Action;
import org.casw.schemas.interchange.InterchangeReport;
import org.casw.schemas.interchange.Message;
import org.casw.schemas.interchange.ReportedError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/** The interchange report says what became of the interchange and each message, with every error's 0085 code and position. */
class InterchangeReportsTest {

    private static final String CODECO = text(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")));
    private static final String COARRI = text(bytes(EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi")));
    static final OffsetDateTime ISSUED = OffsetDateTime.parse("2026-11-20T15:21:07+08:00");

    static String message(String interchange) {
        return interchange.substring(interchange.indexOf("UNH+"), interchange.indexOf("UNZ+"));
    }

    /** A CODECO and a COARRI in one interchange, the COARRI as given. */
    static byte[] interchange(String coarri) {
        return (CODECO.substring(0, CODECO.indexOf("UNH+")) + message(CODECO) + coarri + "UNZ+2+QZCODECO00017'\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static InterchangeReport report(byte[] interchange, List<MessageOutcome> outcomes) {
        return InterchangeReports.report(interchange, outcomes, ISSUED);
    }

    @Test
    void anAcceptedAndARejectedMessageAreReportedWithTheTrackingIdAndTheReason() {
        Violation duplicate = Violation.of("EVENT_DUPLICATE", "/ContainerEvents/Event[1]/EventId",
                "Event QZPORT-DS-20261120-0009-01 was already reported.");
        byte[] xml = InterchangeReports.compose(interchange(message(COARRI)), List.of(
                new MessageOutcome("QZGO0017", "TRK-20261120-000041", true, List.of()),
                new MessageOutcome("QZDS0009", null, false, List.of(duplicate))));

        assertThat(TestDocuments.schemaErrors(DocumentType.INTERCHANGE_REPORT, xml)).isEmpty();
        InterchangeReport report = (InterchangeReport) TestDocuments.read(DocumentType.INTERCHANGE_REPORT, xml);
        assertThat(report.getAction()).isEqualTo(Action.ACCEPTED);
        assertThat(report.getErrors()).isNull();
        assertThat(report.getInterchange().getSender().getId()).isEqualTo("91450700MA5KX41CXK");
        assertThat(report.getInterchange().getSender().getQualifier()).isEqualTo("ZZZ");
        assertThat(report.getInterchange().getRecipient().getId()).isEqualTo("CN-CUSTOMS-7205");
        assertThat(report.getInterchange().getControlReference()).isEqualTo("QZCODECO00017");
        assertThat(report.getInterchange().getSyntaxIdentifier()).isEqualTo("UNOC");
        assertThat(report.getInterchange().getPreparedDate()).isEqualTo("261120");
        assertThat(report.getMessage()).extracting(Message::getReference, Message::getType, Message::getRelease, Message::getAction,
                Message::getTrackingId).containsExactly(tuple("QZGO0017", "CODECO", "96B", Action.ACCEPTED, "TRK-20261120-000041"),
                        tuple("QZDS0009", "COARRI", "96B", Action.REJECTED, null));
        assertThat(report.getMessage().get(1).getErrors().getError()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("EVENT_DUPLICATE");
            assertThat(e.getSyntaxError()).isEqualTo(SyntaxErrorCodes.UNSPECIFIED);
            assertThat(e.getSegmentPosition()).isNull();
            assertThat(e.getMessage()).contains("already reported");
        });
    }

    @Test
    void syntaxErrorsAreReadAgainWithTheirSegmentAndElementPositionsAndReportedOnce() {
        String coarri = message(COARRI).replace("RFF+BM:COSU6401234560'\nDTM+203:20261120081500",
                "RFF+BM:COSU6401234560123456789012345678901XYZ'\nDTM+203:20261120081500").replace("LOC+11+CNQZH:139:6'\n",
                "LOC+11+CNQZH:139:6'\nFTX+AAI+++STRAY'\n").replace("UNT+22+", "UNT+23+");
        byte[] interchange = interchange(coarri);
        // what the gateway's translator refused the COARRI with: the same violations the report reads again
        Translation refused = new CodecoCoarriTranslator().toNative(EdifactInterchanges.split(interchange).orElseThrow().messages()
                .get(1).payload());
        assertThat(refused.violations()).isNotEmpty();

        InterchangeReport report = report(interchange, List.of(new MessageOutcome("QZGO0017", "TRK-1", true, List.of()),
                new MessageOutcome("QZDS0009", null, false, refused.violations())));

        assertThat(report.getMessage().get(1).getErrors().getError()).extracting(ReportedError::getCode, ReportedError::getSyntaxError,
                ReportedError::getSegmentTag, ReportedError::getSegmentPosition, ReportedError::getElementPosition,
                ReportedError::getComponentPosition).containsExactly(
                        tuple(EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED, "15", "FTX", BigInteger.valueOf(6), null, null),
                        tuple(EdifactViolationCodes.EDIFACT_ELEMENT_TOO_LONG, "39", "RFF", BigInteger.valueOf(10), BigInteger.ONE,
                                BigInteger.TWO));
        assertThat(report.getMessage().get(0).getErrors()).isNull();
    }

    @Test
    void anEnvelopeErrorRejectsTheInterchangeAndEveryMessage() {
        byte[] broken = new String(interchange(message(COARRI)), StandardCharsets.ISO_8859_1).replace("UNZ+2+", "UNZ+3+")
                .getBytes(StandardCharsets.ISO_8859_1);
        InterchangeReport report = report(broken, List.of(new MessageOutcome("QZGO0017", "TRK-1", true, List.of())));

        assertThat(report.getAction()).isEqualTo(Action.REJECTED);
        assertThat(report.getErrors().getError()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo(EdifactViolationCodes.EDIFACT_CONTROL_COUNT);
            assertThat(e.getSyntaxError()).isEqualTo(SyntaxErrorCodes.CONTROL_COUNT);
            assertThat(e.getSegmentTag()).isEqualTo("UNZ");
            assertThat(e.getElementPosition()).isEqualTo(BigInteger.ONE);
        });
        assertThat(report.getMessage()).extracting(Message::getAction, Message::getTrackingId)
                .containsOnly(tuple(Action.REJECTED, null));
    }

    @Test
    void withoutAnOutcomeAMessageIsJudgedByItsSyntaxAlone() {
        String bad = message(COARRI).replace("UNT+22+QZDS0009", "UNT+21+QZDS0009");
        InterchangeReport report = report(interchange(bad), List.of());

        assertThat(report.getMessage()).extracting(Message::getAction).containsExactly(Action.ACCEPTED, Action.REJECTED);
        assertThat(report.getMessage().get(1).getErrors().getError()).extracting(ReportedError::getSyntaxError,
                ReportedError::getSegmentTag).containsExactly(tuple(SyntaxErrorCodes.CONTROL_COUNT, "UNT"));
    }

    @Test
    void whatIsNotAnInterchangeHasNoReport() {
        assertThatThrownBy(() -> InterchangeReports.compose("<Manifest/>".getBytes(StandardCharsets.UTF_8), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
