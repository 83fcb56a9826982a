package org.casw.routes.ledger;

/**
 * A message as it arrives, before anything is checked.
 *
 * @param sender       authenticated party id
 * @param channel      how it arrived ({@code HTTP}, {@code JMS})
 * @param messageId    the sender's own id, if the payload could be read far enough to find it
 * @param documentType identified type name, or null when unknown
 * @param payload      the raw bytes as received
 * @param sha256       hex digest of the payload
 * @param replyTo      where answers go for channels that need it (JMS reply address), else null
 */
@SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
public record NewMessage(String sender, String channel, String messageId, String documentType,
        byte[] payload, String sha256, String replyTo) {
}
