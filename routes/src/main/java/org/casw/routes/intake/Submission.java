package org.casw.routes.intake;

import org.casw.routes.validation.Violation;

/**
 * A payload handed to the gateway by an authenticated party.
 *
 * @param sender      the authenticated party id
 * @param channel     {@code HTTP}, {@code JMS}, {@code FILE} or {@code AS4}
 * @param payload     raw bytes, already bounded by the channel's size limit
 * @param replyTo     reply address for channels that answer asynchronously, else null
 * @param refusedSize size of a payload refused as too large (its bytes are not kept), else 0
 * @param refusal     why the channel refused the submission before reading it (its bytes are not kept), else null
 * @param sealedBy    the party's own certificate, pinned in its agreement, signed the message that carried it (an AS4
 *                    user message): as strong as a signature on the document itself
 */
@SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
public record Submission(String sender, String channel, byte[] payload, String replyTo, long refusedSize,
        Violation refusal, boolean sealedBy) {

    public Submission(String sender, String channel, byte[] payload, String replyTo) {
        this(sender, channel, payload, replyTo, 0, null, false);
    }

    public Submission(String sender, String channel, byte[] payload, String replyTo, long refusedSize) {
        this(sender, channel, payload, replyTo, refusedSize, null, false);
    }

    /** The same submission, carried in a message its sender signed with the certificate its agreement pins. */
    public Submission sealedBySender() {
        return new Submission(sender, channel, payload, replyTo, refusedSize, refusal, true);
    }

    /** What a channel hands on: the payload, or only its size when it is over the channel's limit. */
    public static Submission bounded(String sender, String channel, byte[] payload, long size, long maxBytes, String replyTo) {
        return size > maxBytes ? tooLarge(sender, channel, size, replyTo) : new Submission(sender, channel, payload, replyTo);
    }

    /** A payload over the size limit: recorded as rejected without keeping its bytes. */
    public static Submission tooLarge(String sender, String channel, long size, String replyTo) {
        return new Submission(sender, channel, new byte[0], replyTo, size);
    }

    /**
     * A submission the channel refused unread (a JMS object message, a symlink in a drop directory): recorded as
     * rejected with the channel's coded violation, so the party gets an error receipt and the audit history shows why.
     */
    public static Submission refused(String sender, String channel, Violation refusal, String replyTo) {
        return new Submission(sender, channel, new byte[0], replyTo, 0, refusal, false);
    }
}
