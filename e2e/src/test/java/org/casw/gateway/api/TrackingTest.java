package org.casw.gateway.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.rules.CheckDigits;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One-click tracking: every document carrying a container number on one timeline, only the caller's own. */
class TrackingTest extends GatewayIntegrationTest {

    @Test
    void aContainerNumberGivesOneTimelineOfTheCallersDocuments() {
        String container = "TGHU6123458";
        String declaration = Samples.declaration("TRACK-1").replace("CSQU3054383", container)
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

    @Test
    void aTimelineLongerThanThePageComesInPagesEachNamingTheNext() {
        String container = "TGHU612346" + CheckDigits.containerCheckDigit("TGHU612346");
        String declaration = Samples.declaration("TRACK-PAGES-1").replace("CSQU3054383", container)
                .replace("PILQZH2611001", "TRKQZH2611002");
        String trackingId = json(postXml(ENTERPRISE_KEY, declaration)).get("trackingId").asText();
        client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        JsonNode whole = json(get(ENTERPRISE_KEY, "/api/v1/track?key=" + container));
        int total = whole.get("steps").size();
        assertThat(total).isGreaterThan(4);
        assertThat(whole.get("total").asInt()).isEqualTo(total);
        assertThat(whole.get("next").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        String next = "/api/v1/track?key=" + container + "&size=2";
        java.net.http.HttpResponse<String> first = get(ENTERPRISE_KEY, next);
        assertThat(first.headers().firstValue("Link")).contains("</api/v1/track?key=" + container + "&page=1&size=2>; rel=\"next\"");
        int pages = 0;
        while (next != null) {
            JsonNode page = json(get(ENTERPRISE_KEY, next));
            assertThat(page.get("steps").size()).isBetween(1, 2);
            assertThat(page.get("total").asInt()).isEqualTo(total);
            assertThat(page.get("documents").asInt()).isEqualTo(1);
            page.get("steps").forEach(s -> paged.add(s.get("status").asText() + "@" + s.get("at").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }
        List<String> all = new ArrayList<>();
        whole.get("steps").forEach(s -> all.add(s.get("status").asText() + "@" + s.get("at").asText()));
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((total + 1) / 2);
    }

    @Test
    void aPageSizeOverTheMaximumIsRefusedWithACodedProblem() {
        java.net.http.HttpResponse<String> tooLarge = get(ENTERPRISE_KEY, "/api/v1/track?key=TGHU6123458&size=501");
        java.net.http.HttpResponse<String> negative = get(ENTERPRISE_KEY, "/api/v1/track?key=TGHU6123458&page=-1");

        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(json(tooLarge).get("code").asText()).isEqualTo("INVALID_PARAMETER");
        assertThat(json(tooLarge).get("detail").asText()).contains("500");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(get(ENTERPRISE_KEY, "/api/v1/track?key=TGHU6123458&size=500").statusCode()).isEqualTo(200);
    }
}
