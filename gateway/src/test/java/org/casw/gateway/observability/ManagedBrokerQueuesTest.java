package org.casw.gateway.observability;

import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An external broker that cannot be asked leaves the backlog unknown; it never fails a scrape or a page. */
class ManagedBrokerQueuesTest {

    @Test
    void aBrokerThatDoesNotAnswerGivesAnUnknownStateInsteadOfAnError() {
        try (ActiveMQConnectionFactory nobody = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + TestData.freePort() + "?reconnectAttempts=0&initialConnectAttempts=1")) {
            ManagedBrokerQueues queues = new ManagedBrokerQueues(nobody, Duration.ofSeconds(1));

            BrokerQueues.QueueState state = queues.state("sw.out.CN-CUSTOMS");

            assertThat(state).isEqualTo(BrokerQueues.QueueState.UNKNOWN);
            assertThat(state.depth()).isEqualTo(PartnerQueue.UNKNOWN);
            assertThat(state.oldestAge()).isNull();
        }
    }
}
