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
 * @param prepared     its receiver's version is stored already (translated and signed as agreed): only queueing is left
 */
public record Dispatch(String trackingId, String receiver, MessageStatus status, boolean senderSigned, String copyOf,
        boolean prepared) {

    /** A dispatch read back from the ledger: prepared for its receiver only if its status says so. */
    public Dispatch(String trackingId, String receiver, MessageStatus status, boolean senderSigned, String copyOf) {
        this(trackingId, receiver, status, senderSigned, copyOf, false);
    }
}
