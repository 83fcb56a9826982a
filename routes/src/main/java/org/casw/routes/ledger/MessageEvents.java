package org.casw.routes.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * Told of a message's milestones as the routes reach them, once each, e.g. to count them in metrics. Implementations
 * must be cheap and must not throw: they run on the intake's and the deliveries' threads.
 */
public interface MessageEvents {

    /** Told nothing. */
    MessageEvents NONE = new MessageEvents() {
    };

    /**
     * A submission stored and accepted: queued for its receivers (or split, for an aggregate declaration).
     *
     * @param type    its document type
     * @param status  where the answer left it: QUEUED, or SPLIT
     * @param elapsed from its arrival at the intake to its answer (all its receivers' versions queued)
     */
    default void accepted(String sender, String channel, String type, MessageStatus status, Duration elapsed) {
    }

    /**
     * A submission stored and refused (REJECTED).
     *
     * @param type its document type, or null when none was identified
     * @param code the code of its first violation, the one its answer leads with
     */
    default void refused(String sender, String channel, String type, String code) {
    }

    /**
     * Delivered to its receiver's channel, which confirmed it.
     *
     * @param receivedAt when its sender's submission arrived
     * @param queuedAt   when it was put on the receiver's delivery queue (last put there, after an operator's retry)
     */
    default void delivered(String receiver, String type, Instant receivedAt, Instant queuedAt) {
    }

    /** A delivery attempt failed: the broker retries it after its back-off, or gives up after the last. */
    default void attemptFailed(String receiver, String type) {
    }

    /** The broker gave up on the delivery (a dead letter): FAILED until an operator retries it. */
    default void abandoned(String receiver, String type) {
    }
}
