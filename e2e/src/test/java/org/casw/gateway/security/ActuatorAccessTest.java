package org.casw.gateway.security;

import java.net.http.HttpResponse;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator: liveness, readiness and the overall health status are open to probes; health details, metrics,
 * Prometheus and the rest need an operator's API key (401 problem without one, 403 with a party's).
 */
class ActuatorAccessTest extends GatewayIntegrationTest {

    private static final String OPERATOR_KEY = "demo-operator-key";

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info",
            "/actuator", "/actuator/health/db"})
    void metricsAndEveryOtherEndpointNeedAnOperatorsKey(String path) {
        HttpResponse<String> anonymous = get(null, path);
        assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(json(anonymous).get("code").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> party = get(ENTERPRISE_KEY, path);
        assertThat(party.statusCode()).as(path).isEqualTo(403);
        assertThat(json(party).get("code").asText()).isEqualTo("OPERATOR_ONLY");

        assertThat(get(OPERATOR_KEY, path).statusCode()).as(path).isEqualTo(200);
    }

    @Test
    void prometheusScrapedWithAnOperatorsKeyShowsTheGatewaysMetrics() {
        assertThat(get(OPERATOR_KEY, "/actuator/prometheus").body()).contains("gateway_certificates_expiring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    void livenessAndReadinessStayOpen(String probe) {
        HttpResponse<String> response = get(null, probe);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthShowsOnlyItsStatusWithoutCredentialsAndItsComponentsToOperators() {
        JsonNode anonymous = json(get(null, "/actuator/health"));
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).as(anonymous.toString()).isFalse();
        assertThat(anonymous.has("details")).isFalse();

        JsonNode party = json(get(ENTERPRISE_KEY, "/actuator/health"));
        assertThat(party.has("components")).as(party.toString()).isFalse();

        JsonNode operator = json(get(OPERATOR_KEY, "/actuator/health"));
        assertThat(operator.path("components").has("db")).as(operator.toString()).isTrue();
    }
}
