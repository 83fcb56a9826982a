package org.casw.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One-click tracking: every document carrying a container number on one timeline, only the caller's own. */
class TrackingTest extends GatewayIntegrationTest {

    @Test
    void aContainerNumberGivesOneTimelineOfTheCallersDocuments() {
        String container = "TGHU6123458";
        String declaration = GatewayTestSupport.declaration("TRACK-1").replace("CSQU3054383", container)
                .replace("PILQZH2611001", "TRKQZH2611001"); // a bill no manifest lists: this test is not about the manifest check
        String trackingId = json(postXml(ENTERPRISE_KEY, declaration)).get("trackingId").asText();
        client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");

        JsonNode timeline = json(get(ENTERPRISE_KEY, "/api/v1/track?key=" + container));

        assertThat(timeline.get("documents").asInt()).isEqualTo(1);
        Set<String> statuses = new HashSet<>();
        timeline.get("steps").forEach(s -> statuses.add(s.get("status").asText()));
        assertThat(statuses).contains("RECEIVED", "DELIVERED", "ACKNOWLEDGED");
        assertThat(timeline.get("steps").get(0).get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(json(get(RAIL_KEY, "/api/v1/track?key=" + container)).get("documents").asInt()).isZero();
    }
}
