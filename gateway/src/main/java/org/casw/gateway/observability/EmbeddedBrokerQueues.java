package org.casw.gateway.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;

/**
 * Queues of the gateway's own (embedded) Artemis, read in-VM. The oldest message is looked for among those waiting,
 * those scheduled for a redelivery after a failed attempt, and those already handed to a consumer: the delivery
 * consumers take many tracking ids ahead into their buffers, so a slow partner's backlog sits mostly there.
 */
final class EmbeddedBrokerQueues implements BrokerQueues {

    private final ActiveMQServer server;
    private final Clock clock;

    EmbeddedBrokerQueues(ActiveMQServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    @Override
    public QueueState state(String name) {
        try {
            Queue queue = server.locateQueue(name);
            if (queue == null) {
                return QueueState.UNKNOWN;
            }
            long depth = queue.getMessageCount();
            if (depth == 0) {
                return new QueueState(0, Duration.ZERO);
            }
            long oldest = Math.min(timestamp(queue.peekFirstMessage()), timestamp(queue.peekFirstScheduledMessage()));
            if (queue.getDeliveringCount() > 0) {
                for (List<MessageReference> consumer : queue.getDeliveringMessages().values()) {
                    for (MessageReference reference : consumer) {
                        oldest = Math.min(oldest, timestamp(reference));
                    }
                }
            }
            long now = clock.millis();
            return new QueueState(depth, oldest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofMillis(Math.max(0, now - oldest)));
        } catch (RuntimeException e) {
            // a broker stopping or starting: say unknown rather than fail a scrape or a console page
            return QueueState.UNKNOWN;
        }
    }

    private static long timestamp(MessageReference reference) {
        if (reference == null || reference.getMessage() == null) {
            return Long.MAX_VALUE;
        }
        long timestamp = reference.getMessage().getTimestamp();
        return timestamp > 0 ? timestamp : Long.MAX_VALUE;
    }
}
