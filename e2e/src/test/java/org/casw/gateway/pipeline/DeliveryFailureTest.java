package org.casw.gateway.pipeline;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiver that never answers: retried per its agreement's policy, then FAILED with the last error and
 * nothing left queued; an operator's retry starts a fresh round.
 */
class DeliveryFailureTest {

    @Test
    void unreachableReceiverEndsFailedWithEveryAttemptInTheHistory() {
        int deadPort = TestData.freePort();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("failure"),
                "--gateway.broker.acceptor-url=",
                // the agreement's own retry policy, not the broker defaults (10 attempts from 1 s)
                "--gateway.partners.CN-CUSTOMS.retry.max-attempts=3",
                "--gateway.partners.CN-CUSTOMS.retry.initial-delay=50ms",
                "--gateway.partners.CN-CUSTOMS.retry.jitter=0.5",
                "--gateway.partners.CN-CUSTOMS.delivery.url=http://127.0.0.1:" + deadPort + "/inbox")) {
            GatewayClient client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
            String trackingId = GatewayClient.json(client.postXml("demo-enterprise-key", Samples.declaration("FAIL-1")))
                    .get("trackingId").asText();

            JsonNode message = await().atMost(Duration.ofSeconds(30)).until(
                    () -> GatewayClient.json(client.get("demo-enterprise-key", "/api/v1/messages/" + trackingId)),
                    m -> "FAILED".equals(m.path("status").asText()));

            List<String> reasons = new ArrayList<>();
            message.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
            assertThat(reasons).filteredOn(r -> r.startsWith("delivery attempt")).hasSize(3);
            assertThat(reasons.get(reasons.size() - 1)).contains("abandoned after the last retry", "ConnectException");
            // an operator puts it back on the queue: a fresh round of attempts, recorded in the history
            HttpResponse<String> retry = retryAs(client, "demo-operator-key", trackingId);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(GatewayClient.json(retry).get("status").asText()).isEqualTo("QUEUED");
            assertThat(retryAs(client, "demo-enterprise-key", trackingId).statusCode()).isEqualTo(403);
            JsonNode again = await().atMost(Duration.ofSeconds(30)).until(
                    () -> GatewayClient.json(client.get("demo-enterprise-key", "/api/v1/messages/" + trackingId)),
                    m -> "FAILED".equals(m.path("status").asText()) && m.toString().contains("retried by operator:ops"));
            List<String> all = new ArrayList<>();
            again.get("history").forEach(h -> all.add(h.get("reason").asText()));
            assertThat(all).filteredOn(r -> r.startsWith("delivery attempt")).hasSize(6);

            var broker = gateway.getBean(EmbeddedActiveMQ.class).getActiveMQServer();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(broker.locateQueue("sw.out.CN-CUSTOMS").getMessageCount()).isZero();
                assertThat(broker.locateQueue("sw.dlq").getMessageCount()).isZero();
            });
        }
    }

    private static HttpResponse<String> retryAs(GatewayClient client, String key, String trackingId) {
        return client.postTo(key, "/api/v1/messages/" + trackingId + "/retry");
    }
}
