package org.casw.routes.ledger;

/**
 * One receiver's copy of a document on its way out: the message (the original, or a copy made for a
 * further receiver), its receiver and what is known about preparing it.
 *
 * @param trackingId   the message delivered to this receiver
 * @param receiver     the receiving party
 * @param status       where that message stands
 * @param senderSigned the document arrived with its sender's verified signature (forwarded, not re-signed)
 * @param copyOf       the original's tracking id when this is a copy for a further receiver, else null
 */
public record Dispatch(String trackingId, String receiver, MessageStatus status, boolean senderSigned, String copyOf) {
}
