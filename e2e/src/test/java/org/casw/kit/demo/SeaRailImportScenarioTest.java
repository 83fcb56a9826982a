package org.casw.kit.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.sandbox.SandboxPort;
import org.casw.sandbox.SandboxRail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's sea-rail import, step by step, against the shared test context and its sandbox partners:
 * every step reaches its state and the container's timeline shows discharge, release, gate-out and departure.
 */
class SeaRailImportScenarioTest extends GatewayIntegrationTest {


    /** The demo dates its documents today, and the sandbox port and rail report events as they happen. */
    @Override
    protected Clock documentsDatedBy() {
        return Clock.systemUTC();
    }

    @Autowired
    SandboxPort sandboxPort;

    @Autowired
    SandboxRail sandboxRail;

    @BeforeEach
    void portAndRailSystemsOnline() {
        assertThat(sandboxPort.connect().getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(sandboxRail.connect().getStatusCode().is2xxSuccessful()).isTrue();
    }

    @AfterEach
    void portAndRailSystemsOffline() {
        sandboxPort.disconnect();
        sandboxRail.disconnect();
    }

    @Test
    void aSeaRailImportGoesFromManifestToRailDepartureOnOneTimeline() {
        List<SeaRailImportScenario.Step> progress = new ArrayList<>();

        SeaRailImportScenario.Result result = new SeaRailImportScenario(port, AwaitilityWaiter.INSTANCE, Duration.ofSeconds(30), progress::add).run();

        assertThat(result.failed()).as(progress.toString()).isEmpty();
        assertThat(result.steps()).extracting(SeaRailImportScenario.Step::name).containsExactly("manifest MT1101 filed",
                "manifest accepted (01)", "container discharged", "certificate of origin " + result.certificateNo(),
                "declaration received (L)", "declaration released (P)", "utilization notice to SG-NSW", "gate-out to rail", "rail departure");
        assertThat(result.steps()).allMatch(SeaRailImportScenario.Step::reached);
        assertThat(result.steps().get(1).status()).isEqualTo("ACKNOWLEDGED 01");
        // the exporter is an AEO of Singapore's recognised programme, reported by the window in step 4
        assertThat(result.steps().get(4).status()).endsWith(", lane FAST");
        assertThat(result.steps().get(5).status()).isEqualTo("ACKNOWLEDGED P, lane FAST");
        assertThat(result.certificateNo()).startsWith("E").contains("-SG-");

        JsonNode timeline = result.timeline();
        assertThat(timeline.path("key").asText()).isEqualTo(result.container());
        List<String> documents = new ArrayList<>();
        timeline.path("steps").forEach(s -> documents.add(s.path("trackingId").asText() + " " + s.path("type").asText() + " "
                + s.path("status").asText() + " " + s.path("reason").asText()));
        String discharge = result.steps().get(2).trackingId();
        String declaration = result.steps().get(5).trackingId();
        String gateOut = result.steps().get(7).trackingId();
        String departure = result.steps().get(8).trackingId();
        assertThat(documents).anyMatch(d -> d.startsWith(result.steps().get(0).trackingId() + " MANIFEST ACKNOWLEDGED"))
                .anyMatch(d -> d.startsWith(discharge + " CONTAINER_EVENT DELIVERED"))
                .anyMatch(d -> d.startsWith(declaration + " DECLARATION ACKNOWLEDGED") && d.contains(" P "))
                .anyMatch(d -> d.startsWith(gateOut + " CONTAINER_EVENT DELIVERED"))
                .anyMatch(d -> d.startsWith(departure + " CONTAINER_EVENT DELIVERED"));
        // in time order: the discharge before the release, the release before the gate-out, the gate-out before the departure
        assertThat(indexOf(documents, discharge + " CONTAINER_EVENT DELIVERED")).isLessThan(indexOf(documents, declaration + " DECLARATION ACKNOWLEDGED"));
        assertThat(lastIndexOf(documents, declaration + " DECLARATION ACKNOWLEDGED")).isLessThan(indexOf(documents, gateOut + " CONTAINER_EVENT"));
        assertThat(indexOf(documents, gateOut + " CONTAINER_EVENT DELIVERED")).isLessThan(indexOf(documents, departure + " CONTAINER_EVENT DELIVERED"));
        // the port (format EDIFACT-D96B by default) reported the discharge as COARRI and the gate-out as CODECO
        for (String report : List.of(discharge, gateOut)) {
            JsonNode message = json(get("demo-port-key", "/api/v1/messages/" + report));
            assertThat(message.path("history").toString()).as(report).contains("translated from EDIFACT-D96B to CONTAINER_EVENT XML");
        }
        assertThat(json(get("demo-port-key", "/api/v1/messages/" + discharge)).path("messageId").asText())
                .isNotEqualTo(json(get("demo-port-key", "/api/v1/messages/" + gateOut)).path("messageId").asText());
        // the rail system got its own copy of the gate-out through the gateway
        assertThat(json(get("demo-rail-key", "/api/v1/messages/" + gateOut + "-2")).path("status").asText()).isEqualTo("DELIVERED");
        // the issuing window received the utilization notice once
        assertThat(get("demo-operator-key", "/sandbox/windows/SG-NSW/inbox").body()).contains(result.steps().get(6).trackingId(), "CERTIFICATE_UTILIZATION");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
