package org.casw.routes.delivery;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/**
 * Delivery onto the party's reply address on the gateway's broker (ports and rail systems read it).
 *
 * <p>The send is committed on its own session before this returns, as every channel's "the party has it" must
 * be; it deliberately does not join the delivery queue's transaction. Joined, the document would be on the
 * reply address only once that transaction commits, after DELIVERED is recorded: a broker dying in between
 * rolled the document back while the ledger said DELIVERED, and the redelivery was skipped as done (lost).
 * A resend after a crash before DELIVERED is recorded carries the same duplicate id, and the broker drops it.
 */
public class JmsChannel implements PartnerChannel {

    /** Artemis' duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final ConnectionFactory connectionFactory;

    /** @param connectionFactory the gateway's broker; a caching factory keeps this to one cached session per send */
    public JmsChannel(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** The duplicate id of a document's delivery to a reply address: stable across redeliveries of one tracking id. */
    public static String duplicateId(String trackingId) {
        return "deliver-" + trackingId;
    }

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.JMS;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) throws JMSException {
        // plain JMS rather than a JmsTemplate: a template would pick up the consuming session bound to the thread
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(partner.replyAddress()))) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(outbound.payload());
            message.setStringProperty("trackingId", outbound.trackingId());
            message.setStringProperty("documentType", outbound.documentType());
            message.setStringProperty("sender", outbound.sender());
            message.setStringProperty(DUPLICATE_ID, duplicateId(outbound.trackingId()));
            // persistent and non-transacted: send() returns once the broker has it on disk
            producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
        }
        return "put on " + partner.replyAddress();
    }
}
