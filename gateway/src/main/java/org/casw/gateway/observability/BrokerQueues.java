package org.casw.gateway.observability;

import java.time.Duration;

/** Reads a queue's depth and the age of its oldest message from the broker, embedded or external. */
interface BrokerQueues {

    /** What a queue holds; {@link QueueState#UNKNOWN} when the broker cannot say (never throws). */
    QueueState state(String queue);

    /**
     * @param depth     messages on the queue (waiting, scheduled for redelivery, or with a consumer), -1 when unknown
     * @param oldestAge age of the oldest one, zero when the queue is empty, null when unknown
     */
    record QueueState(long depth, Duration oldestAge) {

        static final QueueState UNKNOWN = new QueueState(PartnerQueue.UNKNOWN, null);
    }
}
