package org.casw.gateway.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With one setting ({@code logging.structured.format.console=ecs}) every log line is JSON, and the lines of a message's
 * work, at its intake and at its delivery, carry its tracking id, its party and the Camel route.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachLineIsJsonAndAMessagesLinesCarryItsTrackingIdPartyAndRoute(CapturedOutput output) {
        String trackingId;
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("json-logs"),
                "--gateway.broker.acceptor-url=",
                "--sandbox.port.enabled=false",
                "--sandbox.rail.enabled=false",
                "--logging.structured.format.console=ecs",
                // the intake's and the delivery's own lines about each message are at debug
                "--logging.level.org.casw.routes=debug")) {
            GatewayClient client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
            HttpResponse<String> accepted = client.postXml("demo-enterprise-key", Samples.declaration("JSON-LOGS-1"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            trackingId = GatewayClient.json(accepted).get("trackingId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("Delivered " + trackingId));
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(parse(line));
            }
        }
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(output.getOut().lines().filter(l -> l.contains("Started GatewayApplication"))).allMatch(l -> l.startsWith("{"));

        JsonNode stored = single(lines, "Answered " + trackingId);
        assertThat(text(stored, "trackingId")).isEqualTo(trackingId);
        assertThat(text(stored, "party")).isEqualTo("DEMO-ENTERPRISE");
        assertThat(text(stored, "camel.routeId")).isEqualTo("intake");

        JsonNode delivered = single(lines, "Delivered " + trackingId);
        assertThat(text(delivered, "trackingId")).isEqualTo(trackingId);
        assertThat(text(delivered, "party")).isEqualTo("CN-CUSTOMS");
        assertThat(text(delivered, "camel.routeId")).isEqualTo("deliver-CN-CUSTOMS");

        // every line that names the message carries its tracking id in the MDC
        assertThat(lines).filteredOn(l -> l.path("message").asText().contains(trackingId)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(text(l, "trackingId")).as(l.toString()).startsWith(trackingId));
    }

    private static JsonNode single(List<JsonNode> lines, String message) {
        List<JsonNode> found = lines.stream().filter(l -> l.path("message").asText().startsWith(message)).toList();
        assertThat(found).as(message).hasSize(1);
        return found.get(0);
    }

    /** A field of an ECS line, flat ("a.b") or nested ({"a": {"b": ...}}). */
    private static String text(JsonNode line, String field) {
        if (line.has(field)) {
            return line.get(field).asText();
        }
        JsonNode node = line;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() ? null : node.asText();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
