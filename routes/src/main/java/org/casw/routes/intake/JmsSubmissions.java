package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * Turns a party's JMS message into a submission without trusting it: only text and bytes messages are read
 * (an object message is never deserialized, nor a map or stream message unpacked), and a body is measured
 * before it is read, so an oversized one is refused without being brought into memory.
 */
class JmsSubmissions implements Processor {

    /** Exchange property carrying the JMS message id, which the receipt echoes as its correlation id. */
    static final String CORRELATION = "swCorrelation";

    /**
     * Artemis' property holding a large message's full size. A large message's body is streamed, so this is known
     * before a byte of it is read; {@link BytesMessage#getBodyLength()} narrows it to an int.
     */
    static final String ARTEMIS_LARGE_SIZE = "_AMQ_LARGE_SIZE";

    private final PartnerProfile partner;
    private final long maxPayloadBytes;

    JmsSubmissions(PartnerProfile partner, long maxPayloadBytes) {
        this.partner = partner;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void process(Exchange exchange) throws JMSException {
        // the route consumes with mapJmsMessage=false: the body is the JMS message itself, not yet unpacked
        Message message = exchange.getMessage().getBody(Message.class);
        exchange.setProperty(CORRELATION, message.getJMSMessageID());
        exchange.getMessage().setBody(submission(message));
    }

    private Submission submission(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            long size = Math.max(bytes.getBodyLength() < 0 ? Long.MAX_VALUE : bytes.getBodyLength(), largeSize(message));
            if (size > maxPayloadBytes) {
                return tooLarge(size);
            }
            byte[] payload = new byte[(int) size];
            bytes.readBytes(payload);
            return accepted(payload);
        }
        if (message instanceof TextMessage text) {
            // a text message under Artemis' large-message threshold has already arrived whole; a large one is measured first
            long size = largeSize(message);
            if (size > maxPayloadBytes) {
                return tooLarge(size);
            }
            String body = text.getText();
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            return payload.length > maxPayloadBytes ? tooLarge(payload.length) : accepted(payload);
        }
        return Submission.refused(partner.id(), "JMS", Violation.of(ViolationCodes.JMS_MESSAGE_TYPE_REFUSED, null,
                "A " + kind(message) + " is not accepted: send the document as a JMS TextMessage or BytesMessage."),
                partner.replyAddress());
    }

    private Submission accepted(byte[] payload) {
        return new Submission(partner.id(), "JMS", payload, partner.replyAddress());
    }

    private Submission tooLarge(long size) {
        return Submission.tooLarge(partner.id(), "JMS", size, partner.replyAddress());
    }

    /** The size a large message declares, else 0. */
    private static long largeSize(Message message) throws JMSException {
        Object size = message.getObjectProperty(ARTEMIS_LARGE_SIZE);
        return size instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    /** The JMS message type, named without touching its body. */
    private static String kind(Message message) {
        if (message instanceof ObjectMessage) {
            return "JMS ObjectMessage";
        }
        if (message instanceof MapMessage) {
            return "JMS MapMessage";
        }
        if (message instanceof StreamMessage) {
            return "JMS StreamMessage";
        }
        return "JMS message without a body";
    }
}
