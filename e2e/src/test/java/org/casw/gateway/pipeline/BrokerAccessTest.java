package org.casw.gateway.pipeline;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port and rail systems reach the broker only as themselves, and only their own addresses. */
class BrokerAccessTest extends GatewayIntegrationTest {

    @Test
    void portSubmitsOnItsInboundAddressAndReadsItsAnswerOverTcp() throws Exception {
        try (Connection connection = factory().createConnection("PORT-QINZHOU", "demo-port-key")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("sw.in.port")).send(session.createTextMessage("not xml"));

            Message answer = session.createConsumer(session.createQueue("sw.reply.PORT-QINZHOU")).receive(30_000);

            assertThat(answer).isInstanceOf(jakarta.jms.BytesMessage.class);
            jakarta.jms.BytesMessage bytes = (jakarta.jms.BytesMessage) answer;
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            assertThat(new String(body)).contains("<Status>REJECTED</Status>", "<Code>XML_MALFORMED</Code>");
        }
    }

    @Test
    void wrongOrMissingKeyGetsNoSession() {
        assertThatThrownBy(() -> openSession("PORT-QINZHOU", "demo-rail-key")).isInstanceOf(JMSSecurityException.class);
        // anonymous must not inherit the in-VM gateway's rights (both present no credentials)
        assertThatThrownBy(() -> openSession(null, null)).isInstanceOf(JMSSecurityException.class);
    }

    private static void openSession(String user, String password) throws Exception {
        try (Connection connection = factory().createConnection(user, password)) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
        }
    }

    @Test
    void aPartyCannotSendAsAnotherOrReadAnothersReplies() throws Exception {
        try (Connection connection = factory().createConnection("PORT-QINZHOU", "demo-port-key")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage("<x/>");

            assertThatThrownBy(() -> session.createProducer(session.createQueue("sw.in.rail")).send(message))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("sw.reply.RAIL-QINZHOU")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("sw.out.CN-CUSTOMS")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    private static ActiveMQConnectionFactory factory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort());
    }
}
