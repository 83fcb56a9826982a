package org.casw.routes.ledger;

/**
 * The ledger's answer to storing an arrival: a new message, or the earlier one with the same
 * sender message id (a resend of the same payload, or a conflicting reuse of the id).
 */
public record Recorded(Kind kind, String trackingId, MessageStatus status) {

    /** What storing the arrival found. */
    public enum Kind { NEW, DUPLICATE, CONFLICT }
}
