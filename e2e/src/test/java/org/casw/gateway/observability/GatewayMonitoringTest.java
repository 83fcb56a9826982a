package org.casw.gateway.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
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
 * What an operator's Prometheus scrapes after real traffic: an export declaration delivered to customs while its copy for
 * Singapore's window (which answers every delivery with an error) is retried and dead-lettered, and a payload refused as
 * malformed. Every metric the dashboards and alert rules use is there, under its stable name and bounded tags.
 */
class GatewayMonitoringTest {

    private static final String OPERATOR = "demo-operator-key";
    private static final String ENTERPRISE = "demo-enterprise-key";

    private static ConfigurableApplicationContext gateway;
    private static GatewayClient client;
    private static String trackingId;
    private static PrometheusScrape scrape;

    @BeforeAll
    static void gatewayAfterTraffic() {
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("monitoring"),
                "--gateway.broker.acceptor-url=",
                "--sandbox.port.enabled=false",
                "--sandbox.rail.enabled=false",
                "--sandbox.customs.delay=100ms",
                "--sandbox.sg-nsw.error-rate=1.0",
                "--sandbox.sg-nsw.seed=42",
                "--gateway.partners.SG-NSW.retry.max-attempts=2",
                "--gateway.partners.SG-NSW.retry.initial-delay=50ms",
                // the rail system may send one document in a thousand seconds: its second is refused over its limit
                "--gateway.partners.RAIL-QINZHOU.limits.rate-per-second=0.001",
                "--gateway.partners.RAIL-QINZHOU.limits.burst=1",
                "--management.gateway.backlog-refresh=0s");
        client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));

        String declaration = Samples.sample("declaration", "valid", "export-rail-two-containers.xml");
        String seq = declaration.replaceAll("(?s).*<ClientSeqNo>([^<]+)</ClientSeqNo>.*", "$1");
        HttpResponse<String> accepted = client.postXml(ENTERPRISE, declaration.replace(seq, "MON-" + UUID.randomUUID().toString()
                .substring(0, 8).toUpperCase()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        trackingId = GatewayClient.json(accepted).get("trackingId").asText();
        HttpResponse<String> malformed = client.postXml(ENTERPRISE, "<Declaration><not-closed></Declaration>");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(client.postXml("demo-rail-key", "not xml").statusCode()).isEqualTo(400);
        HttpResponse<String> limited = client.postXml("demo-rail-key", "not xml");
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);

        // the declaration for one receiver, a copy for the other: customs' delivered, Singapore's dead-lettered
        for (String id : new String[] {trackingId, trackingId + "-2"}) {
            JsonNode message = await().atMost(Duration.ofSeconds(60)).until(() -> message(id),
                    m -> Set.of("DELIVERED", "ACKNOWLEDGED", "FAILED").contains(m.path("status").asText()));
            assertThat(message.path("status").asText()).as(message.toString())
                    .isIn("SG-NSW".equals(message.path("receiver").asText()) ? Set.of("FAILED") : Set.of("DELIVERED", "ACKNOWLEDGED"));
        }
        HttpResponse<String> scraped = client.get(OPERATOR, "/actuator/prometheus");
        assertThat(scraped.statusCode()).isEqualTo(200);
        scrape = PrometheusScrape.parse(scraped.body());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static JsonNode message(String id) {
        return GatewayClient.json(client.get(ENTERPRISE, "/api/v1/messages/" + id));
    }

    /** The scrape of the gateway after the traffic above, for the alert rules' and dashboard's checks. */
    static PrometheusScrape scrape() {
        return scrape;
    }

    @Test
    void arrivalsAreCountedBySenderTypeChannelAndStatusAndRefusalsByCode() {
        assertThat(scrape.sum("gateway_messages_received_total", "party", "DEMO-ENTERPRISE", "type", "DECLARATION",
                "channel", "HTTP", "status", "QUEUED")).isEqualTo(1);
        assertThat(scrape.sum("gateway_messages_received_total", "party", "DEMO-ENTERPRISE", "type", "UNKNOWN",
                "channel", "HTTP", "status", "REJECTED")).isEqualTo(1);
        assertThat(scrape.sum("gateway_messages_refused_total", "party", "DEMO-ENTERPRISE", "type", "UNKNOWN",
                "code", "XML_MALFORMED")).isEqualTo(1);
        assertThat(scrape.sum("gateway_intake_latency_seconds_count", "party", "DEMO-ENTERPRISE", "type", "DECLARATION")).isEqualTo(1);
        assertThat(scrape.find("gateway_intake_latency_seconds_bucket", "party", "DEMO-ENTERPRISE", "le", "+Inf")).hasSize(1);
    }

    @Test
    void deliveriesAreCountedAndTimedByReceiverEndToEndAndForTheDeliveryStage() {
        assertThat(scrape.sum("gateway_messages_delivered_total", "party", "CN-CUSTOMS", "type", "DECLARATION")).isEqualTo(1);
        assertThat(scrape.sum("gateway_message_latency_seconds_count", "party", "CN-CUSTOMS", "type", "DECLARATION")).isEqualTo(1);
        assertThat(scrape.sum("gateway_delivery_latency_seconds_count", "party", "CN-CUSTOMS")).isEqualTo(1);
        // a histogram: cumulative buckets up to +Inf, which holds every delivery
        assertThat(scrape.sum("gateway_message_latency_seconds_bucket", "party", "CN-CUSTOMS", "type", "DECLARATION", "le", "+Inf"))
                .isEqualTo(1);
        assertThat(scrape.find("gateway_message_latency_seconds_bucket", "party", "CN-CUSTOMS").size()).isGreaterThan(5);
    }

    @Test
    void failedAttemptsAndTheDeadLetterAreCountedForTheReceiver() {
        assertThat(scrape.sum("gateway_delivery_retries_total", "party", "SG-NSW", "type", "DECLARATION")).isEqualTo(2);
        assertThat(scrape.sum("gateway_messages_failed_total", "party", "SG-NSW", "type", "DECLARATION")).isEqualTo(1);
        assertThat(scrape.sum("gateway_partner_dead_letters", "party", "SG-NSW")).isEqualTo(1);
        assertThat(scrape.sum("gateway_partner_dead_letters", "party", "CN-CUSTOMS")).isZero();
        assertThat(scrape.sum("gateway_dead_letters_unprocessed")).isZero();
    }

    @Test
    void everyPartnersBacklogAndSuspensionIsAGaugeEvenWhenEmpty() {
        for (PartnerProfile partner : gateway.getBean(PartnerDirectory.class).all()) {
            String party = partner.id();
            assertThat(scrape.find("gateway_partner_queue_depth", "party", party)).as(party).singleElement()
                    .extracting(PrometheusScrape.Sample::value).isEqualTo(0.0);
            assertThat(scrape.find("gateway_partner_queue_oldest_age_seconds", "party", party)).as(party).singleElement()
                    .extracting(PrometheusScrape.Sample::value).isEqualTo(0.0);
            assertThat(scrape.find("gateway_partner_suspended", "party", party)).as(party).singleElement()
                    .extracting(PrometheusScrape.Sample::value).isEqualTo(0.0);
        }
    }

    @Test
    void eachRouteIsTimedByCamelMicrometerAndCertificatesKeepTheirNames() {
        for (String route : new String[] {"intake-take-in", "intake-accept", "enqueue", "deliver-CN-CUSTOMS"}) {
            assertThat(scrape.sum("camel_route_policy_seconds_count", "routeId", route)).as(route).isPositive();
            assertThat(scrape.find("camel_route_policy_seconds_bucket", "routeId", route)).as(route).isNotEmpty();
        }
        assertThat(scrape.names()).contains("gateway_certificates_expiring", "gateway_certificates_days_left_min");
    }

    @Test
    void refusalsOverAPartysLimitsKeepTheirName() {
        assertThat(scrape.sum("gateway_submissions_limited_total", "party", "RAIL-QINZHOU", "code", "RATE_LIMITED")).isEqualTo(1);
        assertThat(scrape.sum("gateway_messages_refused_total", "party", "RAIL-QINZHOU", "code", "XML_MALFORMED")).isEqualTo(1);
    }

    @Test
    void everyMetricTheAlertRulesUseIsOneTheGatewayExposes() {
        for (Map<String, Object> rule : MonitoringFiles.alertRules()) {
            assertThat(scrape.names()).as(rule.get("alert") + ": " + rule.get("expr"))
                    .containsAll(MonitoringFiles.metricNames(String.valueOf(rule.get("expr"))));
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheGatewayExposes() {
        List<String> queries = MonitoringFiles.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(10);
        for (String query : queries) {
            assertThat(scrape.names()).as(query).containsAll(MonitoringFiles.metricNames(query));
        }
    }

    @Test
    void tagsAreBoundedSetsNeverATrackingId() {
        Set<String> parties = gateway.getBean(PartnerDirectory.class).all().stream().map(PartnerProfile::id).collect(Collectors.toSet());
        parties.add(GatewayMetrics.UNKNOWN);
        Set<String> types = Arrays.stream(DocumentType.values()).map(Enum::name).collect(Collectors.toCollection(HashSet::new));
        types.add(GatewayMetrics.UNKNOWN);
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            if (!sample.name().startsWith("gateway_")) {
                continue;
            }
            assertThat(sample.labels().values()).as(sample.toString()).noneMatch(v -> v.contains(trackingId));
            if (sample.labels().containsKey(GatewayMetrics.PARTY)) {
                assertThat(parties).as(sample.toString()).contains(sample.labels().get(GatewayMetrics.PARTY));
            }
            if (sample.labels().containsKey(GatewayMetrics.TYPE)) {
                assertThat(types).as(sample.toString()).contains(sample.labels().get(GatewayMetrics.TYPE));
            }
        }
    }
}
