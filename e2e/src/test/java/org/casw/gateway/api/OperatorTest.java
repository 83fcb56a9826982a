package org.casw.gateway.api;

import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators suspend and resume a partner: documents wait in its queue meanwhile, then flow on. */
class OperatorTest extends GatewayIntegrationTest {

    private static final String OPERATOR_KEY = "demo-operator-key";

    @Test
    void aSuspendedPartnersDocumentsWaitAndFlowOnceResumed() {
        JsonNode suspended = json(client.postTo(OPERATOR_KEY, "/api/v1/partners/CN-CUSTOMS/suspend"));
        assertThat(suspended.get("suspended").asBoolean()).isTrue();
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("SUSPEND-1"))).get("trackingId").asText();
        // the route is stopped before the submission, so the declaration is queued and cannot move on
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages/" + trackingId)).get("status").asText()).isEqualTo("QUEUED");
        assertThat(json(get(OPERATOR_KEY, "/api/v1/partners")).toString()).contains("\"partyId\":\"CN-CUSTOMS\"");

        JsonNode resumed = json(client.postTo(OPERATOR_KEY, "/api/v1/partners/CN-CUSTOMS/resume"));

        assertThat(resumed.get("suspended").asBoolean()).isFalse();
        client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
    }

    @Test
    void partiesCannotActAsOperators() {
        var refused = client.postTo(ENTERPRISE_KEY, "/api/v1/partners/CN-CUSTOMS/suspend");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asText()).isEqualTo("OPERATOR_ONLY");
        assertThat(client.postTo(OPERATOR_KEY, "/api/v1/partners/NOBODY/suspend").statusCode()).isEqualTo(404);
    }
}
