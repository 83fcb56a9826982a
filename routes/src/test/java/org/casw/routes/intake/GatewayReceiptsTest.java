package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway receipt carries a declaration's lane (nothing for documents without one), and an interchange's messages. */
class GatewayReceiptsTest {

    private final GatewayReceipts receipts = new GatewayReceipts();

    @Test
    void aDeclarationsReceiptNamesItsLane() {
        String receipt = new String(receipts.write(new IntakeResult(IntakeResult.Outcome.ACCEPTED, "SW1", MessageStatus.QUEUED, "DECLARATION",
                "QZ-1", List.of(), "FAST")), StandardCharsets.UTF_8);

        assertThat(receipt).contains("<Status>QUEUED</Status>").contains("<Lane>FAST</Lane>");
        assertThat(receipt.indexOf("<Status>")).isLessThan(receipt.indexOf("<Lane>"));
    }

    @Test
    void otherDocumentsHaveNoLane() {
        String receipt = new String(receipts.write(new IntakeResult(IntakeResult.Outcome.ACCEPTED, "SW2", MessageStatus.QUEUED, "MANIFEST",
                "M-1", List.of())), StandardCharsets.UTF_8);

        assertThat(receipt).doesNotContain("Lane");
    }

    @Test
    void anInterchangesReceiptAnswersForEachOfItsMessages() {
        IntakeResult accepted = new IntakeResult(IntakeResult.Outcome.ACCEPTED, "SW3", MessageStatus.QUEUED, "CONTAINER_EVENT", "GO-1",
                List.of());
        IntakeResult refused = new IntakeResult(IntakeResult.Outcome.INVALID, "SW4", MessageStatus.REJECTED, "CONTAINER_EVENT", "GO-2",
                List.of(Violation.of("EDIFACT_ELEMENT_TOO_LONG", "CODECO/EQD[1]/C237/8260", "Segment 6 EQD ... is too long.")));

        IntakeResult interchange = IntakeResult.ofInterchange("IC0001",
                List.of(new IntakeResult.Message("M1", accepted), new IntakeResult.Message("M2", refused)));
        String receipt = new String(receipts.write(interchange), StandardCharsets.UTF_8);

        assertThat(interchange.outcome()).as("one message was taken in").isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(receipt).contains("<TrackingId>SW3</TrackingId>", "<MessageId>IC0001</MessageId>")
                .contains("<Reference>M1</Reference>", "<Reference>M2</Reference>", "<TrackingId>SW4</TrackingId>",
                        "<Status>REJECTED</Status>", "<Code>EDIFACT_ELEMENT_TOO_LONG</Code>");
        assertThat(receipt.indexOf("<Reference>M1</Reference>")).isLessThan(receipt.indexOf("<Reference>M2</Reference>"));
    }

    @Test
    void anInterchangeWithNoMessageTakenInIsRefusedWithEveryMessagesViolationsNamingItsMessage() {
        IntakeResult first = new IntakeResult(IntakeResult.Outcome.INVALID, "SW5", MessageStatus.REJECTED, null, "GO-3",
                List.of(Violation.of("EDIFACT_SEGMENT_UNEXPECTED", "CODECO/TMP[1]", "Segment 9 TMP is not allowed here.")));
        IntakeResult second = new IntakeResult(IntakeResult.Outcome.FORBIDDEN, "SW6", MessageStatus.REJECTED, null, "GO-4",
                List.of(Violation.of("EDIFACT_DIRECTORY_NOT_AGREED", "CODECO/UNH[1]/S009", "D.95B is not agreed.")));

        IntakeResult interchange = IntakeResult.ofInterchange("IC0002",
                List.of(new IntakeResult.Message("M1", first), new IntakeResult.Message("M2", second)));

        assertThat(interchange.outcome()).isEqualTo(IntakeResult.Outcome.INVALID);
        assertThat(interchange.violations()).extracting(Violation::message).containsExactly(
                "Message M1 (UNH 0062): Segment 9 TMP is not allowed here.", "Message M2 (UNH 0062): D.95B is not agreed.");
        assertThat(interchange.messages()).hasSize(2);
    }
}
