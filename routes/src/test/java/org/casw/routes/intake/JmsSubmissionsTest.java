package org.casw.routes.intake;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A JMS submission is measured before its body is read, and only text and bytes messages are read at all. */
class JmsSubmissionsTest {

    private static final PartnerProfile PORT = new PartnerProfile("PORT-QINZHOU", "Port", PartyRole.PORT, List.of(), DeliveryChannel.JMS,
            null, "sw.in.port", "sw.reply.PORT-QINZHOU", false, "CN", List.of(), null, null, null);

    @Test
    void anOversizedBytesMessageIsRefusedWithoutReadingItsBody() throws Exception {
        Submission s = read(message(BytesMessage.class, Map.of("getBodyLength", 101L), Map.of()), 100);

        assertThat(s.refusedSize()).isEqualTo(101);
        assertThat(s.payload()).isEmpty();
    }

    @Test
    void aLargeMessageIsMeasuredByTheSizeArtemisDeclaresBeyondTheIntRange() throws Exception {
        // Artemis narrows a large message's size to an int in getBodyLength(): 5 GB reads as a small positive number
        Submission s = read(message(BytesMessage.class, Map.of("getBodyLength", 1_000L),
                Map.of(JmsSubmissions.ARTEMIS_LARGE_SIZE, 5_000_000_000L)), 10_000);

        assertThat(s.refusedSize()).isEqualTo(5_000_000_000L);
    }

    @Test
    void aLargeTextMessageIsRefusedWithoutDecodingItsText() throws Exception {
        Submission s = read(message(TextMessage.class, Map.of(), Map.of(JmsSubmissions.ARTEMIS_LARGE_SIZE, 20_000_000L)), 10_000_000);

        assertThat(s.refusedSize()).isEqualTo(20_000_000L);
    }

    @Test
    void anObjectMessageIsRefusedWithACodeAndNeverUnpacked() throws Exception {
        Submission s = read(message(ObjectMessage.class, Map.of(), Map.of()), 100);

        assertThat(s.refusal().code()).isEqualTo(ViolationCodes.JMS_MESSAGE_TYPE_REFUSED);
        assertThat(s.refusal().message()).contains("ObjectMessage");
        assertThat(s.replyTo()).isEqualTo("sw.reply.PORT-QINZHOU");
        assertThat(s.payload()).isEmpty();
    }

    @Test
    void aSmallBytesMessageIsReadWhole() throws Exception {
        Submission s = read(message(BytesMessage.class, Map.of("getBodyLength", 3L, "readBytes", 3), Map.of()), 100);

        assertThat(s.payload()).hasSize(3);
        assertThat(s.refusal()).isNull();
        assertThat(s.refusedSize()).isZero();
    }

    private static Submission read(Message message, long max) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(message);
        new JmsSubmissions(PORT, max).process(exchange);
        return exchange.getMessage().getBody(Submission.class);
    }

    /** A JMS message answering only the listed calls: reading a body (or anything else) fails the test. */
    private static <T extends Message> T message(Class<T> type, Map<String, Object> answers, Map<String, Object> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getJMSMessageID":
                    return "ID:1";
                case "getObjectProperty":
                    return properties.get((String) args[0]);
                case "toString":
                    return type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    if (answers.containsKey(method.getName())) {
                        return answers.get(method.getName());
                    }
                    throw new AssertionError(method.getName() + " was called on the " + type.getSimpleName());
            }
        }));
    }
}
