package org.casw.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sandbox windows with faults switched on by configuration: the Singapore window answers every delivery with
 * HTTP 500, so the gateway retries per the agreement and then gives up (FAILED); the Malaysia window tampers
 * with every certificate it signs, so the gateway refuses it with SIGNATURE_INVALID.
 */
class SandboxFaultInjectionTest {

    private static ConfigurableApplicationContext gateway;
    private static GatewayClient client;
    private static int port;

    @BeforeAll
    static void gatewayWithFaultySandboxWindows() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("faults"),
                "--gateway.broker.acceptor-url=",
                "--sandbox.port.enabled=false",
                "--sandbox.rail.enabled=false",
                "--sandbox.customs.delay=100ms",
                "--sandbox.sg-nsw.error-rate=1.0",
                "--sandbox.sg-nsw.seed=42",
                "--sandbox.my-nsw.invalid-signature-rate=1.0",
                "--gateway.partners.SG-NSW.retry.max-attempts=3",
                "--gateway.partners.SG-NSW.retry.initial-delay=50ms");
        port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        client = new GatewayClient(port);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aWindowAnsweringEveryDeliveryWithAnErrorMakesItRetryThenFail() throws Exception {
        JsonNode issued = GatewayClient.json(postJson("demo-sg-nsw-key", "/sandbox/windows/SG-NSW/certificates", "{}"));
        String certificateNo = issued.get("certificateNo").asText();
        assertThat(issued.get("gatewayStatus").asInt()).as(issued.toString()).isEqualTo(202);

        String notice = Samples.sample("certificate-utilization", "valid", "durian-used-qinzhou.xml")
                .replace("E26-TH-0001187", certificateNo).replace("CN-7205-COU-20261121-0001", "COU-FAULT-" + certificateNo)
                .replace("<Quantity>18000</Quantity>", "<Quantity>100</Quantity>");
        HttpResponse<String> sent = client.postXml("sandbox-customs-key", notice);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(sent).get("trackingId").asText();

        JsonNode message = await().atMost(Duration.ofSeconds(60)).until(
                () -> GatewayClient.json(client.get("sandbox-customs-key", "/api/v1/messages/" + trackingId)),
                m -> "FAILED".equals(m.path("status").asText()));

        assertThat(message.get("receiver").asText()).isEqualTo("SG-NSW");
        List<String> attempts = new ArrayList<>();
        message.get("history").forEach(h -> {
            if (h.get("reason").asText().startsWith("delivery attempt")) {
                attempts.add(h.get("reason").asText());
            }
        });
        assertThat(attempts).hasSize(3).allMatch(r -> r.contains("HTTP 500") && r.contains("injected error"));
        JsonNode window = GatewayClient.json(client.get("demo-operator-key", "/sandbox/windows/SG-NSW"));
        assertThat(window.get("injectedFaults").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(client.get("demo-operator-key", "/sandbox/windows/SG-NSW/inbox").body()).doesNotContain(trackingId);
    }

    @Test
    void aCertificateTamperedWithAfterSigningIsRefusedWithSignatureInvalid() throws Exception {
        HttpResponse<String> response = postJson("demo-my-nsw-key", "/sandbox/windows/MY-NSW/certificates", "{\"quantity\": 500}");
        JsonNode issued = GatewayClient.json(response);

        assertThat(issued.get("tampered").asBoolean()).isTrue();
        assertThat(issued.get("gatewayStatus").asInt()).isEqualTo(422);
        assertThat(issued.get("gatewayAnswer").asText()).contains("SIGNATURE_INVALID");
        assertThat(response.statusCode()).isEqualTo(502);
        String trackingId = issued.get("trackingId").asText();
        assertThat(GatewayClient.json(client.get("demo-my-nsw-key", "/api/v1/messages/" + trackingId)).get("status").asText())
                .isEqualTo("REJECTED");
    }

    /** A request to a sandbox window with its own party's key: a sandbox answers only it and operators. */
    private static HttpResponse<String> postJson(String key, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
