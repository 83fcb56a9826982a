package org.casw.gateway.pipeline;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.sandbox.SandboxCustoms;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Accepted means kept: a declaration accepted but not yet delivered survives a restart and is delivered once. */
class RestartDeliveryTest {

    @Test
    void acceptedDeclarationSurvivesAGatewayRestartAndIsDeliveredExactlyOnce() {
        Path dataDir = TestData.newDataDir("restart");
        String trackingId;
        // first run: customs is suspended, so the declaration waits in its durable queue
        try (ConfigurableApplicationContext first = start(dataDir, true)) {
            GatewayClient client = clientOf(first);
            HttpResponse<String> response = client.postXml("demo-enterprise-key", Samples.declaration("RESTART-1"));
            assertThat(response.statusCode()).isEqualTo(202);
            trackingId = GatewayClient.json(response).get("trackingId").asText();
            assertThat(first.getBean(EmbeddedActiveMQ.class).getActiveMQServer().locateQueue("sw.out.CN-CUSTOMS").getMessageCount())
                    .isEqualTo(1);
        }
        // second run on the same data directory: customs resumed
        try (ConfigurableApplicationContext second = start(dataDir, false)) {
            GatewayClient client = clientOf(second);
            JsonNode message = client.awaitAcknowledged("demo-enterprise-key", trackingId, "P");

            assertThat(second.getBean(SandboxCustoms.class).inbox()).containsEntry(trackingId, 1);
            long deliveries = 0;
            for (JsonNode h : message.get("history")) {
                deliveries += "DELIVERED".equals(h.get("status").asText()) ? 1 : 0;
            }
            assertThat(deliveries).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, boolean customsSuspended) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.delay=100ms",
                "--gateway.partners.CN-CUSTOMS.suspended=" + customsSuspended);
    }

    private static GatewayClient clientOf(ConfigurableApplicationContext context) {
        return new GatewayClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
