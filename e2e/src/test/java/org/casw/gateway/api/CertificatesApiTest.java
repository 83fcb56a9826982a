package org.casw.gateway.api;

import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see every certificate and its expiry in the API, the health endpoint and the metrics. */
class CertificatesApiTest extends GatewayIntegrationTest {

    @Test
    void everyDevelopmentCertificateIsListedWithItsExpiry() {
        JsonNode all = json(get(ENTERPRISE_KEY, "/api/v1/certificates"));

        // 3 configured gateway keys, 7 partner anchors (customs 1, SG 2, MY 2, TH 2), then the whole dev PKI (3 roots, 24 leaves)
        assertThat(all).hasSize(3 + 7 + 3 + 8 * 3);
        assertThat(all.toString()).contains("signing key in use (cn-eport-sm2)", "trust anchor for its signatures", "SG-NSW",
                "signing key (sm2)", "trust anchor (ec)");
        assertThat(all.get(0).get("daysLeft").asLong()).isGreaterThan(700);
    }

    @Test
    void certificatesExpiringWithinAPeriodShowInApiHealthAndMetrics() {
        // the development leaves are valid for two years: none expires within 30 days, all within 1000
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/certificates?expiringWithinDays=30"))).isEmpty();
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/certificates?expiringWithinDays=1000"))).hasSize(3 + 24);
        assertThat(json(get(null, "/actuator/health")).get("status").asText()).isEqualTo("UP");
        assertThat(get("demo-operator-key", "/actuator/prometheus").body()).contains("gateway_certificates_expiring 0.0");
        assertThat(get(null, "/api/v1/certificates").statusCode()).isEqualTo(401);
    }
}
