package org.casw.gateway.observability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues of an external Artemis broker, asked through its management address over the gateway's own JMS connection.
 * Only the queue's head is aged here ({@code firstMessageAge}): messages a consumer already holds are counted but not
 * aged. When the broker does not answer in time, or the gateway's user may not manage it or create a temporary reply
 * queue, the state is unknown and this is logged once: a scrape or a console page never fails on it.
 */
final class ManagedBrokerQueues implements BrokerQueues {

    private static final Logger log = LoggerFactory.getLogger(ManagedBrokerQueues.class);

    private final ConnectionFactory connections;
    private final Duration timeout;
    private final AtomicBoolean warned = new AtomicBoolean();

    ManagedBrokerQueues(ConnectionFactory connections, Duration timeout) {
        this.connections = connections;
        this.timeout = timeout;
    }

    @Override
    public QueueState state(String queue) {
        try (Connection connection = connections.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer requests = session.createProducer(session.createQueue(
                    ActiveMQDefaultConfiguration.getDefaultManagementAddress().toString()));
                    MessageConsumer answers = session.createConsumer(replies)) {
                Object depth = attribute(session, requests, answers, replies, queue, "messageCount");
                Object age = attribute(session, requests, answers, replies, queue, "firstMessageAge");
                if (!(depth instanceof Number count)) {
                    return unknown(queue, "no message count");
                }
                // firstMessageAge is null on an empty queue
                return new QueueState(count.longValue(), age instanceof Number ms ? Duration.ofMillis(ms.longValue()) : Duration.ZERO);
            } finally {
                replies.delete();
            }
        } catch (Exception e) {
            return unknown(queue, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Object attribute(Session session, MessageProducer requests, MessageConsumer answers, TemporaryQueue replies, String queue,
            String attribute) throws Exception {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
        request.setJMSReplyTo(replies);
        requests.send(request);
        Message answer = answers.receive(timeout.toMillis());
        if (answer == null) {
            throw new JMSException("no answer within " + timeout.toMillis() + " ms");
        }
        if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
            throw new JMSException("refused: " + JMSManagementHelper.getResult(answer));
        }
        return JMSManagementHelper.getResult(answer);
    }

    private QueueState unknown(String queue, String why) {
        if (warned.compareAndSet(false, true)) {
            log.warn("Cannot read the backlog of {} on the external broker ({}); queue depths and ages show as unknown. The gateway's"
                    + " broker user needs the manage permission and may create temporary queues", queue, why);
        }
        return QueueState.UNKNOWN;
    }
}
