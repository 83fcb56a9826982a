package org.casw.gateway.observability;

import java.time.Duration;
import java.time.Instant;
import jakarta.jms.ConnectionFactory;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's backlog as an operator sees it: documents waiting while it is suspended, with the age of the oldest, then the
 * dead letter left when its endpoint never answers, and an operator's retry taking it out again.
 */
class PartnerBacklogTest {

    private static final String OPERATOR = "demo-operator-key";
    private static final String CUSTOMS = "CN-CUSTOMS";

    @Test
    void waitingDocumentsThenDeadLettersOfAPartnerThatNeverAnswers() {
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("backlog"),
                "--gateway.broker.acceptor-url=",
                "--management.gateway.backlog-refresh=0s",
                "--gateway.partners.CN-CUSTOMS.retry.max-attempts=2",
                "--gateway.partners.CN-CUSTOMS.retry.initial-delay=50ms",
                "--gateway.partners.CN-CUSTOMS.delivery.url=http://127.0.0.1:" + TestData.freePort() + "/inbox")) {
            GatewayClient client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
            PartnerBacklog backlog = gateway.getBean(PartnerBacklog.class);
            assertThat(backlog.queues()).extracting(PartnerQueue::partyId).contains(CUSTOMS, "DEMO-ENTERPRISE");
            assertThat(backlog.queue(CUSTOMS)).isEqualTo(new PartnerQueue(CUSTOMS, 0, 0, Duration.ZERO));

            // suspended: the declaration waits on customs' queue, and its age is that of the wait
            assertThat(client.postTo(OPERATOR, "/api/v1/partners/" + CUSTOMS + "/suspend").statusCode()).isEqualTo(200);
            Instant before = Instant.now();
            String trackingId = GatewayClient.json(client.postXml("demo-enterprise-key", Samples.declaration("BACKLOG-1")))
                    .get("trackingId").asText();
            PartnerQueue waiting = await().atMost(Duration.ofSeconds(10)).until(() -> backlog.queue(CUSTOMS),
                    q -> q.depth() == 1 && q.oldestAge().compareTo(Duration.ofMillis(50)) > 0);
            assertThat(waiting.oldestAge()).isLessThanOrEqualTo(Duration.between(before, Instant.now()));
            assertThat(waiting.deadLetters()).isZero();
            // an external broker is asked through its management address: the same figure
            ManagedBrokerQueues managed = new ManagedBrokerQueues(gateway.getBean(ConnectionFactory.class), Duration.ofSeconds(5));
            BrokerQueues.QueueState overJms = managed.state("sw.out." + CUSTOMS);
            assertThat(overJms.depth()).isEqualTo(1);
            assertThat(overJms.oldestAge()).isPositive().isLessThanOrEqualTo(Duration.between(before, Instant.now()));

            // resumed towards an endpoint nobody listens on: two attempts, then a dead letter, nothing left waiting
            assertThat(client.postTo(OPERATOR, "/api/v1/partners/" + CUSTOMS + "/resume").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.queue(CUSTOMS),
                    q -> q.deadLetters() == 1 && q.depth() == 0 && Duration.ZERO.equals(q.oldestAge()));
            assertThat(backlog.deadLettersTotal()).isEqualTo(1);
            assertThat(backlog.queue("DEMO-ENTERPRISE").deadLetters()).isZero();
            assertThat(backlog.unprocessedDeadLetters()).isZero();

            // an operator's retry puts it back on the (again suspended) queue: no longer a dead letter, waiting again
            assertThat(client.postTo(OPERATOR, "/api/v1/partners/" + CUSTOMS + "/suspend").statusCode()).isEqualTo(200);
            assertThat(client.postTo(OPERATOR, "/api/v1/messages/" + trackingId + "/retry").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> backlog.queue(CUSTOMS), q -> q.deadLetters() == 0 && q.depth() == 1);
            assertThat(backlog.deadLettersTotal()).isZero();
        }
    }
}
