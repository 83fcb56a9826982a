package org.casw.gateway.pipeline;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.JmsException;
import org.springframework.jms.connection.SingleConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMS door: what a port or rail system may put on the broker, and where the answers go. */
class JmsDoorTest extends GatewayIntegrationTest {

    private static final String PORT = "PORT-QINZHOU";
    private static final String PORT_KEY = "demo-port-key";
    private static final String PORT_REPLIES = "sw.reply.PORT-QINZHOU";

    @Autowired
    jakarta.jms.ConnectionFactory connectionFactory;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void anObjectMessageIsAnsweredWithACodedRefusalAndNeverDeserialized() throws Exception {
        String id = sendAsPort(session -> session.createObjectMessage(new Tripwire()));

        String receipt = receiptFor(id);

        assertThat(receipt).contains("<Status>REJECTED</Status>", "<Code>" + ViolationCodes.JMS_MESSAGE_TYPE_REFUSED + "</Code>",
                "JMS ObjectMessage");
        assertThat(Tripwire.DESERIALIZED).as("the gateway deserialized the party's object").isFalse();
        String trackingId = receipt.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        assertThat(awaitStatus("demo-port-key", trackingId, "REJECTED").get("history").toString())
                .contains("refused unread by the JMS channel: " + ViolationCodes.JMS_MESSAGE_TYPE_REFUSED);
    }

    @Test
    void mapAndStreamMessagesAreAnsweredWithACodedRefusalAndConsumed() throws Exception {
        String map = sendAsPort(session -> {
            MapMessage m = session.createMapMessage();
            m.setString("declaration", "<DecMessage/>");
            return m;
        });
        String stream = sendAsPort(session -> {
            StreamMessage m = session.createStreamMessage();
            m.writeString("<DecMessage/>");
            return m;
        });

        assertThat(receiptFor(map)).contains("<Code>" + ViolationCodes.JMS_MESSAGE_TYPE_REFUSED + "</Code>", "JMS MapMessage");
        assertThat(receiptFor(stream)).contains("<Code>" + ViolationCodes.JMS_MESSAGE_TYPE_REFUSED + "</Code>", "JMS StreamMessage");
        // the inbound queue is empty after each test (GatewayIntegrationTest#queuesDrain): nothing blocks it
    }

    @Test
    void aBytesMessageOverTheLimitIsRefusedAsTooLargeFromItsDeclaredSize() throws Exception {
        // over Artemis' large-message threshold: the body streams, and its size is known before a byte of it is read
        long limit = org.springframework.util.unit.DataSize.parse(environment.getProperty("gateway.max-payload-size", "10MB")).toBytes();
        String id = sendAsPort(session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(new byte[(int) limit + 1]);
            return m;
        });

        assertThat(receiptFor(id)).contains("<Status>REJECTED</Status>", "<Code>" + ViolationCodes.PAYLOAD_TOO_LARGE + "</Code>",
                String.valueOf(limit + 1));
    }

    @Test
    void theGatewaysOwnConnectionFactoryDeniesEveryObjectMessageClass() {
        Object factory = connectionFactory instanceof SingleConnectionFactory cache ? cache.getTargetConnectionFactory() : connectionFactory;

        assertThat(factory).isInstanceOf(ActiveMQConnectionFactory.class);
        assertThat(((ActiveMQConnectionFactory) factory).getDeserializationDenyList()).isEqualTo("*");
    }

    @Test
    void aClientsReplyToIsIgnoredAndTheReceiptGoesOnlyToItsAgreementsReplyAddress() throws Exception {
        String id = sendAsPort(session -> {
            TextMessage m = session.createTextMessage("<DecMessage><unclosed></DecMessage>");
            // another party's reply address: the gateway may write there, the port may not
            m.setJMSReplyTo(session.createQueue("sw.reply.RAIL-QINZHOU"));
            return m;
        });

        String receipt = receiptFor(id);
        String trackingId = receipt.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        // the receipt is committed with the consumption, together with anything else the route sent
        assertThat(bodiesOn("sw.reply.RAIL-QINZHOU")).noneMatch(body -> body.contains(trackingId));
    }

    @Test
    void aSendToAnAddressTheGatewayDidNotConfigureIsRefusedAndCreatesNothing() throws Exception {
        // even the gateway's own connection, which may send anywhere, finds no address made on demand
        assertThatThrownBy(() -> jms.send("sw.in.nobody", session -> session.createTextMessage("<x/>"))).isInstanceOf(JmsException.class);
        try (Connection connection = partyFactory().createConnection(PORT, PORT_KEY)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("sw.in.port.extra")).send(session.createTextMessage("<x/>")))
                    .isInstanceOf(JMSException.class);
        }

        assertThat(broker.getActiveMQServer().getAddressInfo(SimpleString.of("sw.in.nobody"))).isNull();
        assertThat(broker.getActiveMQServer().getAddressInfo(SimpleString.of("sw.in.port.extra"))).isNull();
        assertThat(broker.getActiveMQServer().getAddressSettingsRepository().getMatch("anything.else").isAutoCreateQueues()).isFalse();
        assertThat(broker.getActiveMQServer().getAddressSettingsRepository().getMatch("sw.out.CN-CUSTOMS").isAutoCreateAddresses()).isFalse();
    }

    /** Sends as the port system over TCP and returns the JMS message id its receipt will be correlated to. */
    private String sendAsPort(MessageMaker maker) throws JMSException {
        try (Connection connection = partyFactory().createConnection(PORT, PORT_KEY)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = maker.make(session);
            session.createProducer(session.createQueue("sw.in.port")).send(message);
            return message.getJMSMessageID();
        }
    }

    private String receiptFor(String jmsMessageId) throws JMSException {
        Message receipt = jms.receiveSelected(PORT_REPLIES, "JMSCorrelationID = '" + jmsMessageId + "'");
        assertThat(receipt).as("a receipt on " + PORT_REPLIES).isNotNull();
        return body(receipt);
    }

    private List<String> bodiesOn(String queue) {
        return jms.browse(queue, (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                bodies.add(body((Message) m));
            }
            return bodies;
        });
    }

    private static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
        return "";
    }

    private static ActiveMQConnectionFactory partyFactory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort());
    }

    @FunctionalInterface
    private interface MessageMaker {
        Message make(Session session) throws JMSException;
    }

    /** A serializable object that reports being deserialized, as a gadget chain would run code. */
    static final class Tripwire implements Serializable {
        static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.set(true);
        }
    }
}
