package org.casw.gateway.observability;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard in monitoring/ are well formed: each alert has a severity, a summary and a description,
 * and covers one of the situations operators asked for; each dashboard panel queries Prometheus. (Whether the metrics they
 * name exist is checked against a real scrape in {@link GatewayMonitoringTest}.)
 */
class MonitoringFilesTest {

    @Test
    void everyAlertRuleHasAnExpressionASeverityASummaryAndADescription() {
        List<Map<String, Object>> rules = MonitoringFiles.alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(names.add(name)).as("alert names are unique: " + name).isTrue();
            assertThat(name).matches("Gateway[A-Za-z]+");
            assertThat(String.valueOf(rule.get("expr"))).as(name).isNotBlank();
            assertThat(MonitoringFiles.metricNames(String.valueOf(rule.get("expr")))).as(name).isNotEmpty();
            assertThat(((Map<?, ?>) rule.get("labels")).get("severity")).as(name).isIn("info", "warning", "critical");
            Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
            assertThat(annotations.get("summary")).as(name).asString().isNotBlank();
            assertThat(annotations.get("description")).as(name).asString().isNotBlank();
            if (rule.containsKey("for")) {
                assertThat(String.valueOf(rule.get("for"))).as(name).matches("\\d+[smh]");
            }
        }
    }

    @Test
    void theRulesWatchDeadLettersFailingPartnersCertificatesRefusalsAndBacklogAge() {
        Map<String, String> expressions = new java.util.HashMap<>();
        MonitoringFiles.alertRules().forEach(r -> expressions.put(String.valueOf(r.get("alert")), String.valueOf(r.get("expr"))));

        assertThat(expressions.get("GatewayDeadLettersGrowing")).contains("gateway_messages_failed_total");
        assertThat(expressions.get("GatewayPartnerFailing")).contains("gateway_delivery_retries_total", "gateway_messages_delivered_total");
        assertThat(expressions.get("GatewayCertificateExpiring")).contains("gateway_certificates_expiring");
        assertThat(expressions.get("GatewayIntakeRefusing")).contains("gateway_messages_refused_total");
        assertThat(expressions.get("GatewayQueueBacklogOld")).contains("gateway_partner_queue_oldest_age_seconds");
    }

    @Test
    void metricNamesAreReadFromPromqlLeavingOutFunctionsLabelsAndDurations() {
        assertThat(MonitoringFiles.metricNames("""
                sum by (party) (rate(gateway_delivery_retries_total{party=~"$party", type!="X"}[5m])) > 0
                unless on (party) histogram_quantile(0.95, sum by (le) (rate(gateway_message_latency_seconds_bucket[$__rate_interval])))
                  > 1.5e3 and gateway_partner_suspended == 1 offset 5m"""))
                .containsExactlyInAnyOrder("gateway_delivery_retries_total", "gateway_message_latency_seconds_bucket",
                        "gateway_partner_suspended");
        assertThat(MonitoringFiles.metricNames("label_values(gateway_partner_queue_depth, party)"))
                .containsExactly("gateway_partner_queue_depth");
    }

    @Test
    void everyDashboardPanelQueriesPrometheusThroughTheDashboardsDataSource() {
        JsonNode dashboard = MonitoringFiles.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("casw-gateway");
        Set<Integer> ids = new HashSet<>();
        int queried = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).as(panel.toString()).isBetween(1, 24);
            assertThat(panel.path("title").asText()).isNotBlank();
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(MonitoringFiles.metricNames(target.path("expr").asText())).as(target.toString()).isNotEmpty();
                queried++;
            }
        }
        assertThat(queried).isGreaterThanOrEqualTo(10);
    }
}
