package org.casw.gateway;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: the whole gateway on its embedded defaults (real PostgreSQL, real
 * Artemis, sandbox customs) on a random loopback port, one context shared by all subclasses. The gateway
 * judges document dates by {@link #documentsDatedBy()}: the published samples' era unless a test says otherwise.
 */
@AutoConfigureObservability
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sandbox.customs.delay=100ms",
        "sandbox.sg-nsw.delay=50ms",
        "sandbox.my-nsw.delay=50ms",
        "sandbox.port.delay=100ms",
        "sandbox.rail.delay=100ms",
        // other tests read the port's and rail's reply addresses themselves: the sandbox systems connect on demand
        "sandbox.port.connect-on-start=false",
        "sandbox.rail.connect-on-start=false",
        "gateway.broker.redelivery-delay=100ms",
        "gateway.broker.max-delivery-attempts=3",
        "spring.jms.template.receive-timeout=30s"})
@Import(SwitchableBusinessClock.Replacement.class)
public abstract class GatewayIntegrationTest {

    protected static final String ENTERPRISE_KEY = "demo-enterprise-key";
    protected static final String RAIL_KEY = "demo-rail-key";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> SharedDataDir.PATH.toString());
        registry.add("gateway.broker.acceptor-url", () -> "tcp://127.0.0.1:" + SharedDataDir.BROKER_PORT);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedActiveMQ broker;

    @Autowired
    protected org.springframework.jms.core.JmsTemplate jms;

    @Autowired
    protected org.casw.certs.DevPki devPki;

    @Autowired
    protected SwitchableBusinessClock businessClock;

    protected GatewayClient client;

    @BeforeEach
    void client() {
        client = new GatewayClient(port);
        businessClock.judgeBy(documentsDatedBy());
    }

    /**
     * The clock the gateway judges this test's document dates by: the published samples' era, so samples stay valid
     * whatever the real date. A test whose documents are dated today (by the demo or a sandbox window) answers the
     * real clock.
     */
    protected Clock documentsDatedBy() {
        return SampleEra.CLOCK;
    }

    /** No test may leave a document stuck on a delivery, inbound or dead-letter queue. */
    @AfterEach
    void queuesDrain() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String queue : new String[] {"sw.out.CN-CUSTOMS", "sw.out.DEMO-ENTERPRISE", "sw.out.RAIL-QINZHOU",
                    "sw.in.port", "sw.in.rail", "sw.dlq", "sw.dlq.inbound"}) {
                assertThat(broker.getActiveMQServer().locateQueue(queue).getMessageCount()).as("messages left on " + queue).isZero();
            }
        });
    }

    protected HttpResponse<String> post(String key, String contentType, byte[] body) {
        return client.post(key, contentType, body);
    }

    protected HttpResponse<String> postXml(String key, String xml) {
        return client.postXml(key, xml);
    }

    /**
     * Submits a certificate of origin as its issuer does: from the customs or window of its exporting country, signed
     * with that party's development key. Answers the submission and who sent it.
     */
    protected IssuedSubmission issueCertificate(String certificateXml) {
        IssuingAuthorities.Issued issued = IssuingAuthorities.issue(devPki, certificateXml);
        return new IssuedSubmission(issued.party(), issued.apiKey(), postXml(issued.apiKey(), issued.xml()));
    }

    /** A certificate of origin's submission by its issuing authority. */
    protected record IssuedSubmission(String party, String apiKey, HttpResponse<String> response) {
    }

    protected HttpResponse<String> get(String key, String pathAndQuery) {
        return client.get(key, pathAndQuery);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return GatewayClient.json(response);
    }

    /** Puts a document on a party's inbound address as that party's system would. */
    protected void sendOverJms(String address, String xml) {
        jms.send(address, session -> {
            jakarta.jms.BytesMessage m = session.createBytesMessage();
            m.writeBytes(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return m;
        });
    }

    /** The next message on a reply address, as text (waits up to spring.jms.template.receive-timeout). */
    protected String receiveOverJms(String address) throws jakarta.jms.JMSException {
        jakarta.jms.Message message = jms.receive(address);
        assertThat(message).as("a message on " + address).isNotNull();
        if (message instanceof jakarta.jms.TextMessage text) {
            return text.getText();
        }
        jakarta.jms.BytesMessage bytes = (jakarta.jms.BytesMessage) message;
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The next message on a reply address that contains {@code text}, skipping others: a party's reply
     * address also receives documents other tests routed to it (copies, container events).
     */
    protected String receiveOverJms(String address, String text) throws jakarta.jms.JMSException {
        for (int skipped = 0; skipped < 50; skipped++) {
            String message = receiveOverJms(address);
            if (message.contains(text)) {
                return message;
            }
        }
        throw new AssertionError("no message containing '" + text + "' on " + address);
    }

    /** Waits until the message was delivered (a fast receiver may already have acknowledged it), then returns it. */
    protected JsonNode awaitDelivered(String key, String trackingId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> json(get(key, "/api/v1/messages/" + trackingId)),
                m -> "DELIVERED".equals(m.path("status").asText()) || "ACKNOWLEDGED".equals(m.path("status").asText()));
    }

    /** Waits until the message reaches the status, then returns it. */
    protected JsonNode awaitStatus(String key, String trackingId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> json(get(key, "/api/v1/messages/" + trackingId)), m -> status.equals(m.path("status").asText()));
    }

    /** The loopback port of the shared context's broker acceptor, for tests that connect as a party. */
    protected static int brokerPort() {
        return SharedDataDir.BROKER_PORT;
    }

    /** One data directory and broker port for the shared context. */
    private static final class SharedDataDir {
        static final java.nio.file.Path PATH = TestData.newDataDir("shared");
        static final int BROKER_PORT = TestData.freePort();
    }
}
