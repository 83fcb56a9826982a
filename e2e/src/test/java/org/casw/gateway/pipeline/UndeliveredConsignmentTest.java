package org.casw.gateway.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.aggregate.ConsignmentStatus;
import org.casw.schemas.aggregate.OverallStatus;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consignment of an aggregate declaration whose delivery to customs is abandoned: the submitter is told
 * at once (UNDELIVERED, the aggregate stays open), and an operator's retry lets the aggregate finish.
 */
class UndeliveredConsignmentTest {

    private static final String UNREACHABLE_BILL = "PILQZH2611027";
    private static final String AGGREGATE_ID = "AGG-IT-UNDELIVERED-1";

    private final DocumentReader reader = new DocumentReader();

    @Test
    void anAbandonedConsignmentIsReportedAndARetryCompletesTheAggregate() throws Exception {
        CustomsLink link = new CustomsLink();
        try (link; ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("undelivered"),
                "--gateway.broker.acceptor-url=",
                "--gateway.partners.CN-CUSTOMS.retry.max-attempts=2",
                "--gateway.partners.CN-CUSTOMS.retry.initial-delay=50ms",
                "--gateway.partners.CN-CUSTOMS.delivery.url=http://127.0.0.1:" + link.port() + "/inbox")) {
            int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
            link.forwardTo(port);
            GatewayClient client = new GatewayClient(port);
            JdbcMessageLedger ledger = gateway.getBean(JdbcMessageLedger.class);

            HttpResponse<String> accepted = client.postXml("demo-enterprise-key", aggregate());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String aggregate = GatewayClient.json(accepted).get("trackingId").asText();

            // the two reachable consignments are released; the third is abandoned after its two attempts
            AggregateReceipt undelivered = await().atMost(Duration.ofSeconds(60)).until(() -> lastReceipt(client, ledger),
                    r -> r != null && r.getStatus() == OverallStatus.UNDELIVERED
                            && r.getConsignment().stream().filter(l -> "P".equals(l.getCustomsStatus())).count() == 2);
            ConsignmentStatus third = undelivered.getConsignment().get(2);
            assertThat(third.getBillNo()).isEqualTo(UNREACHABLE_BILL);
            assertThat(third.getCustomsStatus()).as("it never reached customs").isNull();
            assertThat(third.getMeaning()).contains("not delivered to customs", "operator can retry");
            JsonNode open = GatewayClient.json(client.get("demo-enterprise-key", "/api/v1/messages/" + aggregate));
            assertThat(open.get("status").asText()).as("not final while an operator can still retry").isEqualTo("SPLIT");
            assertThat(open.toString()).contains(UNREACHABLE_BILL + " FAILED");

            link.reachable.set(true);
            HttpResponse<String> retry = client.postTo("demo-operator-key", "/api/v1/messages/" + third.getTrackingId() + "/retry");
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);

            JsonNode released = client.awaitAcknowledged("demo-enterprise-key", aggregate, "P");
            released.get("parts").forEach(p -> assertThat(p.get("destinationStatus").asText()).isEqualTo("P"));
            // the receipt is stored with the aggregate's move to ACKNOWLEDGED and delivered to the mailbox after it
            AggregateReceipt last = await().atMost(Duration.ofSeconds(30)).until(() -> lastReceipt(client, ledger),
                    r -> r.getStatus() != OverallStatus.UNDELIVERED && r.getStatus() != OverallStatus.PROCESSING);
            assertThat(last.getStatus()).isEqualTo(OverallStatus.RELEASED);
            assertThat(last.getSequence().intValue()).isGreaterThan(undelivered.getSequence().intValue());
            assertThat(link.refused.get()).as("the third consignment's failed attempts").isEqualTo(2);
        }
    }

    /** The latest aggregate receipt in the submitter's mailbox, once delivered; null before the first. */
    private AggregateReceipt lastReceipt(GatewayClient client, JdbcMessageLedger ledger) {
        JsonNode page = GatewayClient.json(client.get("demo-enterprise-key",
                "/api/v1/messages?type=AGGREGATE_RECEIPT&size=200&businessKey=CLIENT_SEQ_NO:" + AGGREGATE_ID));
        List<AggregateReceipt> receipts = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            String id = item.get("trackingId").asText();
            if (ledger.find(id).orElseThrow().status().isDeliveredOrBeyond()) {
                receipts.add((AggregateReceipt) reader.read(DocumentType.AGGREGATE_RECEIPT, ledger.outboundPayload(id).orElseThrow()));
            }
        }
        return receipts.stream().max(Comparator.comparing(AggregateReceipt::getSequence)).orElse(null);
    }

    private static String aggregate() {
        return Samples.sample("aggregate-declaration", "valid", "qinzhou-bonded-three-consignments.xml")
                .replace("QZBZ-AGG-202611-0001", AGGREGATE_ID);
    }

    /**
     * The line to customs: forwards to the sandbox customs inbox, except the consignment on the unreachable
     * bill, which gets 503 until {@link #reachable} is set.
     */
    private static final class CustomsLink implements AutoCloseable {
        private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "upgrade", "expect");
        final AtomicBoolean reachable = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile int gatewayPort;

        CustomsLink() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/inbox", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!reachable.get() && new String(body, StandardCharsets.UTF_8).contains("<BillNo>" + UNREACHABLE_BILL + "</BillNo>")) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/sandbox/customs/inbox"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                try {
                    HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void forwardTo(int port) {
            gatewayPort = port;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
