package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.routes.ledger.MessageStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway receipt carries a declaration's lane, and nothing for documents without one. */
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
}
