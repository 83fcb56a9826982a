package org.casw.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Submits as a port or rail system does: a persistent JMS message on the party's inbound address on the gateway's
 * broker (core protocol over the loopback acceptor, party id and API key as credentials); the answer is the
 * gateway receipt on the party's reply address, correlated by the submitted message's JMSMessageID.
 */
public final class JmsChannel implements Channel {

    /** The statuses a receipt may carry for an accepted new document. */
    private static final Set<String> ACCEPTED = Set.of("QUEUED", "SIGNED", "DELIVERED", "ACKNOWLEDGED", "VALIDATED", "RECEIVED");

    private final Connection connection;
    private final Session replies;
    private final List<Sender> opened = new ArrayList<>();
    private final ThreadLocal<Sender> sender;
    private final ExecutorService senders;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    /** One sending thread's session and producer: a JMS session is single-threaded. */
    private record Sender(Session session, MessageProducer producer) {
    }

    /**
     * @param brokerUrl      e.g. tcp://127.0.0.1:61616
     * @param party          the sending party (the broker user)
     * @param apiKey         its API key (the broker password)
     * @param inboundAddress where it may send
     * @param replyAddress   where the gateway answers it
     * @param threads        concurrent senders
     */
    public JmsChannel(String brokerUrl, String party, String apiKey, String inboundAddress, String replyAddress, int threads)
            throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        connection = factory.createConnection(party, apiKey);
        replies = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        replies.createConsumer(replies.createQueue(replyAddress)).setMessageListener(this::onReply);
        connection.start();
        senders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jms-sender-" + party);
            t.setDaemon(true);
            return t;
        });
        sender = ThreadLocal.withInitial(() -> {
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Sender s = new Sender(session, session.createProducer(session.createQueue(inboundAddress)));
                synchronized (opened) {
                    opened.add(s);
                }
                return s;
            } catch (JMSException e) {
                throw new IllegalStateException("cannot create a producer on " + inboundAddress + " as " + party, e);
            }
        });
    }

    @Override
    public CompletableFuture<String> submit(Documents.Document document) {
        CompletableFuture<String> answered = new CompletableFuture<>();
        senders.execute(() -> {
            try {
                Sender s = sender.get();
                BytesMessage message = s.session().createBytesMessage();
                message.writeBytes(document.body());
                s.producer().send(message); // persistent by default; the core client blocks until the broker has it
                String id = message.getJMSMessageID();
                // the receipt may already be here: whoever comes first creates the future, the sender removes it
                // the callback completes the caller's future; the stage whenComplete returns has nothing more to say
                var unused = pending.computeIfAbsent(id, k -> new CompletableFuture<>()).whenComplete((error, failure) -> {
                    pending.remove(id);
                    answered.complete(failure != null ? failure.toString() : error);
                });
            } catch (Exception e) {
                answered.complete(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
        return answered;
    }

    private void onReply(Message message) {
        try {
            String correlation = message.getJMSCorrelationID();
            if (correlation == null) {
                return; // a document delivered to the party, not a receipt
            }
            String status = message.getStringProperty("status");
            String error = null;
            if (status == null || !ACCEPTED.contains(status)) {
                String body = message instanceof TextMessage t ? t.getText()
                        : message instanceof BytesMessage b ? new String(b.getBody(byte[].class), StandardCharsets.UTF_8)
                        : String.valueOf(message.getBody(Object.class));
                error = "receipt " + status + " " + (body == null ? "" : body.substring(0, Math.min(240, body.length())));
            }
            pending.computeIfAbsent(correlation, id -> new CompletableFuture<>()).complete(error);
        } catch (JMSException e) {
            // an unreadable receipt leaves its submission unanswered, which the step reports
        }
    }

    @Override
    public String name() {
        return "JMS";
    }

    @Override
    public void close() {
        senders.shutdownNow();
        try {
            connection.close();
        } catch (JMSException ignored) {
            // closing anyway
        }
    }
}
