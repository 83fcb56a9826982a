package org.casw.routes.aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.ledger.MessageStatus;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.aggregate.ConsignmentLane;
import org.casw.schemas.aggregate.OverallStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregated answer: what it says for each mix of customs statuses, and that it is schema-valid. */
class AggregateReceiptsTest {

    // on a whole minute: the issue time must still carry its seconds
    private final AggregateReceipts receipts = new AggregateReceipts(Clock.fixed(Instant.parse("2026-11-30T07:20:00Z"), ZoneOffset.UTC));

    @Test
    void everyConsignmentReleasedIsReleasedAndFinalP() {
        AggregateLedger.Answer answer = receipts.compose(progress(2, "P", "R"));

        assertThat(TestDocuments.schemaErrors(DocumentType.AGGREGATE_RECEIPT, answer.payload())).isEmpty();
        AggregateReceipt receipt = (AggregateReceipt) TestDocuments.read(DocumentType.AGGREGATE_RECEIPT, answer.payload());
        assertThat(receipt.getStatus()).isEqualTo(OverallStatus.RELEASED);
        assertThat(receipt.getReceiptId()).isEqualTo("SWAGG-R2");
        assertThat(receipt.getIssuedAt().toXMLFormat()).isEqualTo("2026-11-30T15:20:00+08:00");
        assertThat(receipt.getConsignment()).extracting(c -> c.getMeaning()).containsExactly("released", "closed");
        assertThat(answer.finalCode()).isEqualTo("P");
    }

    @Test
    void aRefusedConsignmentAmongDecidedOnesIsRefusedAndFinalE() {
        AggregateLedger.Answer answer = receipts.compose(progress(1, "P", "E"));

        assertThat(answer.overall()).isEqualTo("REFUSED");
        assertThat(answer.finalCode()).isEqualTo("E");
    }

    @Test
    void anUndecidedConsignmentKeepsTheAggregateProcessing() {
        AggregateLedger.Answer answer = receipts.compose(progress(1, "E", "L"));

        assertThat(answer.overall()).isEqualTo("PROCESSING");
        assertThat(answer.finalCode()).isNull();
    }

    @Test
    void aConsignmentNeverDeliveredIsUndeliveredWithoutCustomsStatusAndNotFinal() {
        AggregateLedger.Answer answer = receipts.compose(new AggregateLedger.Progress("SWAGG", "AGG-1", "DEMO-ENTERPRISE", 3, List.of(
                new AggregateLedger.Part(1, "SWAGG-A", "BILL-1", MessageStatus.ACKNOWLEDGED, "P", "720520261000000001", "NORMAL"),
                new AggregateLedger.Part(2, "SWAGG-B", "BILL-2", MessageStatus.FAILED, null, null, "NORMAL"))));

        assertThat(TestDocuments.schemaErrors(DocumentType.AGGREGATE_RECEIPT, answer.payload())).isEmpty();
        AggregateReceipt receipt = (AggregateReceipt) TestDocuments.read(DocumentType.AGGREGATE_RECEIPT, answer.payload());
        assertThat(receipt.getStatus()).isEqualTo(OverallStatus.UNDELIVERED);
        assertThat(receipt.getConsignment().get(1).getCustomsStatus()).isNull();
        assertThat(receipt.getConsignment().get(1).getMeaning()).startsWith("not delivered to customs");
        assertThat(answer.finalCode()).as("an operator may still retry it").isNull();
        assertThat(answer.state()).contains("2:SWAGG-B:null:FAILED");
    }

    @Test
    void theStateIgnoresTimeAndSequenceButNotAStatus() {
        assertThat(receipts.compose(progress(1, "L", "P")).state()).isEqualTo(receipts.compose(progress(2, "L", "P")).state())
                .isNotEqualTo(receipts.compose(progress(2, "P", "P")).state());
    }

    private static AggregateLedger.Progress progress(int sequence, String first, String second) {
        return new AggregateLedger.Progress("SWAGG", "AGG-1", "DEMO-ENTERPRISE", sequence, List.of(
                new AggregateLedger.Part(1, "SWAGG-A", "BILL-1", MessageStatus.ACKNOWLEDGED, first, "720520261000000001", "FAST"),
                new AggregateLedger.Part(2, "SWAGG-B", "BILL-2", MessageStatus.ACKNOWLEDGED, second, null, null)));
    }

    @Test
    void eachConsignmentLineCarriesTheLaneItsDeclarationTookAndNoneBeforeItWasDecided() {
        AggregateLedger.Answer answer = receipts.compose(progress(1, "P", "L"));

        assertThat(TestDocuments.schemaErrors(DocumentType.AGGREGATE_RECEIPT, answer.payload())).isEmpty();
        AggregateReceipt receipt = (AggregateReceipt) TestDocuments.read(DocumentType.AGGREGATE_RECEIPT, answer.payload());
        assertThat(receipt.getConsignment().get(0).getLane()).isEqualTo(ConsignmentLane.FAST);
        assertThat(receipt.getConsignment().get(1).getLane()).isNull();
        assertThat(new String(answer.payload(), java.nio.charset.StandardCharsets.UTF_8)).contains("<Lane>FAST</Lane>");
    }
}
