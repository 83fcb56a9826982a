package org.casw.routes.delivery;

/** A document on its way to a party, as a channel needs it. */
@SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
public record Outbound(String trackingId, String messageId, String documentType, String sender, String receiver,
        byte[] payload) {
}
