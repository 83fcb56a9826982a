package org.casw.gateway.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.kit.conformance.ConformanceCase;
import org.casw.kit.conformance.ConformanceProfile;
import org.casw.kit.conformance.ConformanceRunner;
import org.casw.kit.conformance.ConformanceSamples;
import org.casw.kit.conformance.ConformanceSuite;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each party's agreement limits its rate: with one token per thousand seconds, a party's second submission right after its
 * first is refused on every channel alike, before anything is stored (HTTP 429 with Retry-After, a RATE_LIMITED receipt on
 * the reply address or beside the dropped file), and counted in a metric. Other parties keep the gateway-wide defaults.
 */
class PartyLimitsTest {

    private static final String ONE_TOKEN_PER_1000_S = "0.001";

    private static ConfigurableApplicationContext gateway;
    private static GatewayClient client;
    private static Path portInbox;

    @BeforeAll
    static void start() {
        Path dataDir = TestData.newDataDir("limits");
        portInbox = dataDir.resolve("port-in");
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.delay=100ms",
                "--sandbox.port.enabled=false",
                "--sandbox.rail.enabled=false",
                "--sandbox.sg-nsw.enabled=false",
                "--sandbox.my-nsw.enabled=false",
                "--spring.jms.template.receive-timeout=30s",
                "--gateway.partners.DEMO-ENTERPRISE.limits.rate-per-second=" + ONE_TOKEN_PER_1000_S,
                "--gateway.partners.DEMO-ENTERPRISE.limits.burst=1",
                "--gateway.partners.RAIL-QINZHOU.limits.rate-per-second=" + ONE_TOKEN_PER_1000_S,
                "--gateway.partners.RAIL-QINZHOU.limits.burst=1",
                "--gateway.partners.PORT-QINZHOU.limits.rate-per-second=" + ONE_TOKEN_PER_1000_S,
                "--gateway.partners.PORT-QINZHOU.limits.burst=1",
                "--gateway.partners.PORT-QINZHOU.inbound-directory=" + portInbox);
        client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void overHttpTheSecondImmediateSubmissionIsRefusedWith429RetryAfterAndACodedProblemAndIsNotStored() {
        HttpResponse<String> first = client.postXml("demo-enterprise-key", Samples.declaration("LIMITS-HTTP-1"));
        HttpResponse<String> second = client.postXml("demo-enterprise-key", Samples.declaration("LIMITS-HTTP-2"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(990L, 1000L));
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = GatewayClient.json(second);
        assertThat(problem.get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("violations").get(0).get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(problem.has("trackingId")).isFalse();

        JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from message where sender_message_id in ('LIMITS-HTTP-1', 'LIMITS-HTTP-2')", Integer.class))
                .as("the first is stored, the refused one is not").isEqualTo(1);
        assertThat(gateway.getBean(MeterRegistry.class).counter(PipelineConfiguration.LIMITED_SUBMISSIONS,
                "party", "DEMO-ENTERPRISE", "code", "RATE_LIMITED").count()).isEqualTo(1.0);

        // a party without limits of its own has the gateway-wide defaults, far above two submissions
        HttpResponse<String> other = client.post("sandbox-customs-key", "application/xml", "<NotADocument/>".getBytes(StandardCharsets.UTF_8));
        assertThat(other.statusCode()).isNotEqualTo(429);
    }

    @Test
    void overJmsTheSecondImmediateSubmissionIsAnsweredWithARateLimitedReceiptOnTheReplyAddress() throws Exception {
        JmsTemplate jms = gateway.getBean(JmsTemplate.class);
        for (String seq : List.of("LIMITS-JMS-1", "LIMITS-JMS-2")) {
            String declaration = Samples.declaration(seq)
                    .replace("<AgentCodeScc>91450700MA5L3QR71R</AgentCodeScc>", "<AgentCodeScc>91450700MA5K8R2N25</AgentCodeScc>")
                    .replace("<BillNo>", "<BillNo>" + seq);
            jms.send("sw.in.rail", session -> session.createTextMessage(declaration));
        }

        // the accepted one's receipt, and (sandbox customs answering) its customs receipts, share the reply address
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < 10 && receipts.stream().noneMatch(r -> r.contains("RATE_LIMITED")); i++) {
            Message message = jms.receive("sw.reply.RAIL-QINZHOU");
            if (message instanceof TextMessage text) {
                receipts.add(text.getText());
            } else if (message instanceof BytesMessage bytes) {
                byte[] data = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(data);
                receipts.add(new String(data, StandardCharsets.UTF_8));
            }
        }
        String refused = receipts.stream().filter(r -> r.contains("RATE_LIMITED")).findFirst().orElseThrow();
        assertThat(refused).contains("<Status>RATE_LIMITED</Status>", "<Code>RATE_LIMITED</Code>").doesNotContain("<TrackingId>");
    }

    @Test
    void aFileDroppedOverTheLimitIsAnsweredWithARateLimitedReceiptBesideIt() throws IOException {
        drop("first.xml", "<NotADocument/>");
        drop("second.xml", "<NotADocument/>");

        Path firstReceipt = portInbox.resolve(".receipts/first.xml.receipt.xml");
        Path secondReceipt = portInbox.resolve(".receipts/second.xml.receipt.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(firstReceipt) && Files.exists(secondReceipt));
        List<String> answers = List.of(Files.readString(firstReceipt), Files.readString(secondReceipt));
        assertThat(answers).filteredOn(a -> a.contains("<Status>RATE_LIMITED</Status>")).singleElement()
                .satisfies(a -> assertThat(a).contains("<Code>RATE_LIMITED</Code>"));
    }

    @Test
    void theConformanceKitsRateLimitedCasePassesAgainstTheGateway() {
        ConformanceCase rateLimited = new ConformanceSuite(ConformanceProfile.named("demo-enterprise"),
                new ConformanceSamples(null, ConformanceSamples.newRunTag()), null, 10 * 1024 * 1024, 5).cases().stream()
                .filter(c -> c.id().equals("rate-limited")).findFirst().orElseThrow();
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));

        List<ConformanceRunner.CaseResult> results = new ConformanceRunner(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(30))
                .run(List.of(rateLimited), new PrintStream(OutputStream.nullOutputStream()));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).as(r.reason()).isEqualTo(ConformanceRunner.Verdict.PASS);
            assertThat(r.exchanges().get(r.exchanges().size() - 1).status()).isEqualTo(429);
        });
    }

    private static void drop(String name, String content) throws IOException {
        Files.createDirectories(portInbox);
        Path part = portInbox.resolve("." + name + ".part");
        Files.writeString(part, content);
        Files.move(part, portInbox.resolve(name));
    }
}
