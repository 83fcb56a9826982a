package org.casw.routes.ledger;

/**
 * Where a message stands. Every change is stored as a transition with its time and reason.
 * RECEIVED -> VALIDATED -> (SIGNED) -> QUEUED -> DELIVERED -> ACKNOWLEDGED; REJECTED and FAILED end a message.
 * An aggregate declaration goes RECEIVED -> SPLIT -> ACKNOWLEDGED instead: it is never delivered itself.
 */
public enum MessageStatus {
    /** Stored durably as received; nothing checked yet. */
    RECEIVED,
    /** Identified and valid against its schema and the sender checks. */
    VALIDATED,
    /** Refused by the gateway; the violations say why. Final. */
    REJECTED,
    /** Signed by the gateway for its receiver; the signed version is stored beside the raw payload. */
    SIGNED,
    /** Waiting in the receiver's durable delivery queue. */
    QUEUED,
    /** Handed to the receiver's channel, which confirmed it. */
    DELIVERED,
    /** The receiver answered with a receipt; its own status code is kept alongside. */
    ACKNOWLEDGED,
    /** Delivery gave up after the last retry; an operator can retry it. */
    FAILED,
    /** An aggregate declaration split into one declaration per consignment, which travel instead of it. */
    SPLIT;

    public boolean isDeliveredOrBeyond() {
        return this == DELIVERED || this == ACKNOWLEDGED;
    }
}
