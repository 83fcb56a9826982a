package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.gateway.recovery.StrandedMessageRecovery;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.NewMessage;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.aggregate.ConsignmentLane;
import org.casw.schemas.aggregate.ConsignmentStatus;
import org.casw.schemas.aggregate.OverallStatus;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Aggregate declaration, split delivery: one bonded-zone submission becomes one customs declaration per
 * consignment, and their customs receipts come back to the submitter as aggregate receipts.
 */
class AggregateDeclarationTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";
    private static final String SAMPLE_ID = "QZBZ-AGG-202611-0001";

    @Autowired
    JdbcMessageLedger ledger;

    @Autowired
    AggregateLedger aggregateLedger;

    @Autowired
    AggregateDeclarations aggregates;

    @Autowired
    StrandedMessageRecovery recovery;

    @Autowired
    ProducerTemplate producer;

    private final DocumentReader reader = new DocumentReader();

    @Test
    void threeConsignmentsAreDeclaredSeparatelyAndAnsweredTogetherUntilAllAreReleased() {
        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, aggregate("AGG-IT-JOURNEY-1"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).get("status").asText()).isEqualTo("SPLIT");
        assertThat(json(accepted).get("type").asText()).isEqualTo("AGGREGATE_DECLARATION");
        String trackingId = json(accepted).get("trackingId").asText();
        JsonNode aggregate = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");

        List<String> parts = new ArrayList<>();
        aggregate.get("parts").forEach(p -> parts.add(p.get("trackingId").asText()));
        assertThat(aggregate.get("parts")).extracting(p -> p.get("billNo").asText())
                .containsExactly("PILQZH2611011", "PILQZH2611019", "PILQZH2611027");
        assertThat(aggregate.get("parts")).allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(p.get("destinationStatus").asText()).isEqualTo("P");
        });
        assertThat(aggregate.has("receiver")).as("the aggregate itself is delivered to no one").isFalse();
        List<String> history = statuses(aggregate);
        assertThat(history).startsWith("RECEIVED", "VALIDATED", "SPLIT").endsWith("ACKNOWLEDGED");
        assertThat(aggregate.get("history").get(2).get("reason").asText()).contains("split into 3 declaration(s)", parts.get(0));
        assertThat(aggregate.get("history").get(history.size() - 1).get("reason").asText()).contains("(RELEASED)");

        for (int n = 1; n <= 3; n++) {
            JsonNode part = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + parts.get(n - 1)));
            assertThat(part.get("type").asText()).isEqualTo("DECLARATION");
            assertThat(part.get("messageId").asText()).isEqualTo("AGG-IT-JOURNEY-1-" + n);
            assertThat(part.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
            assertThat(part.get("partOf").asText()).isEqualTo(trackingId);
            // customs' import response, L, P
            assertThat(statuses(part)).containsExactly("RECEIVED", "VALIDATED", "SIGNED", "QUEUED", "DELIVERED", "ACKNOWLEDGED",
                    "ACKNOWLEDGED", "ACKNOWLEDGED");
            assertThat(part.get("history").get(2).get("reason").asText()).contains("signed for CN-CUSTOMS: cn-eport-sm2");
            // customs sees a normal declaration, not the aggregate behind it
            JsonNode customsView = json(get(CUSTOMS_KEY, "/api/v1/messages/" + parts.get(n - 1)));
            assertThat(customsView.get("type").asText()).isEqualTo("DECLARATION");
            assertThat(customsView.has("partOf")).isFalse();
        }
        String delivered = new String(ledger.outboundPayload(parts.get(1)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(delivered).contains("<BillNo>PILQZH2611019</BillNo>", "<ClientSeqNo>AGG-IT-JOURNEY-1-2</ClientSeqNo>", "sm2-sm3");
        assertThat(get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId).statusCode()).isEqualTo(404);

        // the submitter's mailbox: aggregate receipts, one per state, the last one all released
        List<AggregateReceipt> receipts = receipts("AGG-IT-JOURNEY-1");
        assertThat(receipts).isNotEmpty();
        assertThat(history).as("every aggregate receipt is noted on the aggregate").hasSize(3 + receipts.size());
        assertThat(receipts).extracting(r -> r.getSequence().intValue()).isEqualTo(
                java.util.stream.IntStream.rangeClosed(1, receipts.size()).boxed().toList());
        assertThat(receipts).extracting(AggregateDeclarationTest::state).doesNotHaveDuplicates();
        assertThat(receipts.get(0).getConsignment()).as("the first answer waits for every consignment's receipt")
                .allSatisfy(line -> assertThat(line.getCustomsStatus()).isIn("L", "P"));
        AggregateReceipt last = receipts.get(receipts.size() - 1);
        assertThat(last.getStatus()).isEqualTo(OverallStatus.RELEASED);
        assertThat(last.getTrackingId()).isEqualTo(trackingId);
        assertThat(last.getConsignment()).extracting(ConsignmentStatus::getTrackingId).containsExactlyElementsOf(parts);
        assertThat(last.getConsignment()).allSatisfy(line -> {
            assertThat(line.getCustomsStatus()).isEqualTo("P");
            assertThat(line.getMeaning()).isEqualTo("released");
            assertThat(line.getLane()).as("the demo enterprise holds no recognised AEO status").isEqualTo(ConsignmentLane.NORMAL);
            assertThat(line.getEntryId()).matches("7205\\d{14}");
        });
        assertThat(last.getConsignment().get(2).getEntryId())
                .isEqualTo(json(get(ENTERPRISE_KEY, "/api/v1/messages/" + parts.get(2))).get("businessKeys").get("ENTRY_ID").get(0).asText());
    }

    @Test
    void oneBadConsignmentRefusesTheWholeAggregateWithThePathOfTheBadField() {
        String bad = Samples.sample("aggregate-declaration", "invalid", "hs-code-unknown.xml").replace(SAMPLE_ID, "AGG-IT-BAD-1");

        HttpResponse<String> refused = postXml(ENTERPRISE_KEY, bad);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused).get("code").asText()).isEqualTo("HS_CODE_UNKNOWN");
        JsonNode violations = json(refused).get("violations");
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).get("path").asText()).isEqualTo("/AggregateDeclaration/Consignment[2]/Item/CodeTS");
        assertThat(violations.get(0).get("message").asText()).contains("Consignment 2 (bill PILQZH2611019)", "0810999999");
        JsonNode stored = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + json(refused).get("trackingId").asText()));
        assertThat(stored.get("status").asText()).isEqualTo("REJECTED");
        assertThat(stored.has("parts")).isFalse();
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION&businessKey=CLIENT_SEQ_NO:AGG-IT-BAD-1-1")).get("total").asInt())
                .isZero();
    }

    @Test
    void anAggregateDeclaredForAnotherCompanyIsRefusedAsASenderMismatch() {
        // the USCC of the demo port, valid but not the enterprise's own
        HttpResponse<String> refused = postXml(ENTERPRISE_KEY, aggregate("AGG-IT-SENDER-1")
                .replace("<DeclarantScc>91450700MA5L3QR71R</DeclarantScc>", "<DeclarantScc>91450700MA5KX41CXK</DeclarantScc>"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).get("violations").get(0).get("path").asText()).isEqualTo("/AggregateDeclaration/DeclarantScc");
    }

    @Test
    void resendingTheSameAggregateAnswersTheSameTrackingIdWithoutNewDeclarations() {
        String aggregate = aggregate("AGG-IT-RESEND-1");
        HttpResponse<String> first = postXml(ENTERPRISE_KEY, aggregate);
        HttpResponse<String> second = postXml(ENTERPRISE_KEY, aggregate);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        String trackingId = json(first).get("trackingId").asText();
        assertThat(json(second).get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages/" + trackingId)).get("parts")).hasSize(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION&businessKey=CLIENT_SEQ_NO:AGG-IT-RESEND-1-" + n))
                    .get("total").asInt()).isEqualTo(1);
        }
        client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
    }

    @Test
    void aRepeatedCustomsReceiptSendsNoSecondAggregateReceiptForTheSameState() {
        String trackingId = json(postXml(ENTERPRISE_KEY, aggregate("AGG-IT-REPEAT-1"))).get("trackingId").asText();
        JsonNode aggregate = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        int before = receipts("AGG-IT-REPEAT-1").size();
        String part = aggregate.get("parts").get(0).get("trackingId").asText();
        String entryId = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + part)).get("businessKeys").get("ENTRY_ID").get(0).asText();

        // customs says P again for consignment 1, under a new receipt id
        HttpResponse<String> again = postXml(CUSTOMS_KEY, """
                <DecReceipt xmlns="http://www.chinaport.gov.cn/dec">
                  <ReceiptId>REPEAT-%s</ReceiptId><SeqNo>%s</SeqNo><EntryId>%s</EntryId>
                  <Channel>P</Channel><NoticeDate>2026-11-30T10:00:00+08:00</NoticeDate>
                </DecReceipt>""".formatted(part, part, entryId));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(receipts("AGG-IT-REPEAT-1")).hasSize(before);
        assertThat(aggregates.answer(trackingId)).as("asking again changes nothing either").isEmpty();
    }

    @Test
    void concurrentReceiptsForDifferentConsignmentsAreAggregatedIntoOneAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 1; round <= 4; round++) {
                String id = "AGG-IT-CONCURRENT-" + round;
                String trackingId = storedSplit(id); // stored as split, not dispatched: only this test answers for customs
                List<AggregateLedger.Part> parts = aggregateLedger.parts(trackingId);
                parts.forEach(p -> ledger.queued(p.trackingId(), "CN-CUSTOMS"));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Dispatch>>> answers = new ArrayList<>();
                for (AggregateLedger.Part p : parts) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        ledger.acknowledged(p.trackingId(), "P", "CN-CUSTOMS P released", new BusinessKeys());
                        return aggregates.receiptApplied(p.trackingId());
                    }));
                }
                start.countDown();
                List<Dispatch> sent = new ArrayList<>();
                for (Future<List<Dispatch>> answer : answers) {
                    sent.addAll(answer.get());
                }

                assertThat(sent).as("round " + round + ": one answer for one state").hasSize(1);
                sent.forEach(d -> producer.sendBody(IntakeRoute.DISPATCH, d));
                AggregateReceipt receipt = receipt(sent.get(0).trackingId());
                assertThat(receipt.getStatus()).isEqualTo(OverallStatus.RELEASED);
                assertThat(receipt.getSequence().intValue()).isEqualTo(1);
                assertThat(ledger.find(trackingId).orElseThrow().destinationStatus()).isEqualTo("P");
                awaitStatus(ENTERPRISE_KEY, sent.get(0).trackingId(), "DELIVERED");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSplitLeftUndispatchedByAStopIsFinishedAtStartUp() {
        String trackingId = storedSplit("AGG-IT-RECOVERY-1"); // as if the gateway stopped right after the split committed

        recovery.resumeTouchedBefore(java.time.Instant.now());

        JsonNode aggregate = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        aggregate.get("parts").forEach(p -> assertThat(p.get("destinationStatus").asText()).isEqualTo("P"));
        assertThat(receipts("AGG-IT-RECOVERY-1")).last().extracting(AggregateReceipt::getStatus).isEqualTo(OverallStatus.RELEASED);
    }

    /** Stores and splits an aggregate the way the intake does, without dispatching its declarations. */
    private String storedSplit(String aggregateId) {
        byte[] payload = aggregate(aggregateId).getBytes(StandardCharsets.UTF_8);
        String trackingId = ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", aggregateId, "AGGREGATE_DECLARATION", payload,
                PayloadDigest.sha256Hex(payload), null)).trackingId();
        AggregateDeclaration document = (AggregateDeclaration) reader.read(DocumentType.AGGREGATE_DECLARATION, payload);
        AggregateDeclarations.Split split = aggregates.split(trackingId, "DEMO-ENTERPRISE", document,
                reader.keysOf(DocumentType.AGGREGATE_DECLARATION, document));
        assertThat(split.violations()).isEmpty();
        assertThat(split.dispatches()).hasSize(3);
        return trackingId;
    }

    /** The aggregate receipts in the submitter's mailbox for an aggregate id, in sequence order. */
    private List<AggregateReceipt> receipts(String aggregateId) {
        JsonNode page = json(get(ENTERPRISE_KEY, "/api/v1/messages?type=AGGREGATE_RECEIPT&size=200&businessKey=CLIENT_SEQ_NO:" + aggregateId));
        List<AggregateReceipt> receipts = new ArrayList<>();
        page.get("items").forEach(item -> {
            assertThat(item.get("receiver").asText()).isEqualTo("DEMO-ENTERPRISE");
            String id = item.get("trackingId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(id).orElseThrow().status().isDeliveredOrBeyond());
            receipts.add(receipt(id));
        });
        receipts.sort(Comparator.comparing(AggregateReceipt::getSequence));
        return receipts;
    }

    private AggregateReceipt receipt(String trackingId) {
        return (AggregateReceipt) reader.read(DocumentType.AGGREGATE_RECEIPT, ledger.outboundPayload(trackingId).orElseThrow());
    }

    private static String state(AggregateReceipt receipt) {
        StringBuilder state = new StringBuilder(receipt.getStatus().value());
        receipt.getConsignment().forEach(line -> state.append(' ').append(line.getCustomsStatus()).append(line.getEntryId()));
        return state.toString();
    }

    private static List<String> statuses(JsonNode message) {
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(h -> statuses.add(h.get("status").asText()));
        return statuses;
    }

    private static String aggregate(String aggregateId) {
        return Samples.sample("aggregate-declaration", "valid", "qinzhou-bonded-three-consignments.xml").replace(SAMPLE_ID, aggregateId);
    }
}
