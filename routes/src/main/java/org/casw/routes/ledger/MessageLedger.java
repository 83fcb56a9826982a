package org.casw.routes.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.validation.Violation;

/**
 * The durable record of every message and its life. The gateway acknowledges nothing that is not
 * recorded here first. Implementations must make each method one atomic transaction.
 */
public interface MessageLedger {

    /** Stores an arrival as RECEIVED, or finds the earlier message with the same sender message id. */
    Recorded recordArrival(NewMessage message);

    /** Stores the document type once identified (when the arrival was recorded without it). */
    void identified(String trackingId, String documentType);

    /** REJECTED with every violation; final. */
    void rejected(String trackingId, List<Violation> violations, String reason);

    /**
     * VALIDATED, with the business keys and the receivers chosen. The message itself goes to the first
     * receiver; for each further receiver a copy is made in the same transaction (its own tracking id,
     * life and receipts, {@code copyOf} the original), so a crash cannot leave a receiver out.
     *
     * @return one dispatch per receiver, in order; empty if the message was no longer RECEIVED
     */
    List<Dispatch> validated(String trackingId, BusinessKeys keys, List<String> receivers, boolean senderSigned);

    /**
     * What {@link #validated} and then preparing and signing each receiver's version would write, in one transaction:
     * VALIDATED with the keys and receivers (copies for further receivers as there), each receiver's prepared and signed
     * versions with their history lines, SIGNED where signed, FAILED where its version could not be written.
     *
     * @param versions one per receiver, in order: the first receiver's is the message itself
     * @return one dispatch per receiver that can be queued, marked prepared; empty if the message was no longer RECEIVED
     */
    List<Dispatch> accepted(String trackingId, BusinessKeys keys, boolean senderSigned, List<ReceiverVersion> versions);

    /**
     * Stores a document the gateway issues itself (an interchange report) and routes it to its one receiver, in one
     * transaction: a crash leaves both or neither, never a RECEIVED message no party sent.
     *
     * @return its dispatch; empty when a message with the same sender and message id is already stored
     */
    Optional<Dispatch> issued(NewMessage message, String receiver);

    /** The original and its copies for further receivers. */
    List<Dispatch> dispatches(String trackingId);

    /** The gateway's own reading of the document: the translated version of a non-XML arrival, else the raw payload. */
    Optional<byte[]> nativePayload(String trackingId);

    /** Stores the gateway's XML reading of a payload that arrived in a party's own format (e.g. EDIFACT). */
    void translated(String trackingId, byte[] nativeXml, String reason);

    /**
     * Stores a VALIDATED message's version for its receiver, as {@link #accepted} does for each receiver: the prepared and
     * signed versions with their history lines (SIGNED when signed; the reason names signer, certificate and algorithm),
     * or FAILED with why it cannot be written in the receiver's format.
     */
    void prepared(String trackingId, ReceiverVersion version);

    /** Adds a line to the history without changing the status (e.g. the sender's signature was verified). */
    void note(String trackingId, String reason);

    /** QUEUED for the receiver's delivery queue. */
    void queued(String trackingId, String destination);

    /** DELIVERED; false if the message was already delivered (a redelivery after a crash). */
    boolean delivered(String trackingId, String destination, String reason);

    /** Notes a failed delivery attempt without changing status, so the last error is visible. */
    void deliveryAttemptFailed(String trackingId, int attempt, String error);

    /**
     * An operator's retry: FAILED back to QUEUED, or to VALIDATED when it never reached the queue (it is
     * then prepared for its receiver again); false if the message is not FAILED.
     */
    boolean retry(String trackingId, String reason);

    /** FAILED after the last delivery attempt, with the reason. */
    void failed(String trackingId, String reason);

    /** ACKNOWLEDGED with the receiver's own status code; extra keys (e.g. the customs entry id) are added. */
    void acknowledged(String trackingId, String destinationStatus, String reason, BusinessKeys extraKeys);

    Optional<MessageView> find(String trackingId);

    /**
     * The message a receipt answers when the receipt names it by business keys rather than by tracking id: the latest
     * message of the type delivered to {@code receiver} that carries the first key of {@code keys} any such message
     * carries (its own keys or its original's).
     */
    Optional<String> deliveredWith(String receiver, String documentType, List<BusinessKeys.Key> keys);

    /** The message without its keys, history and violations: what a delivery needs, in one read. */
    Optional<MessageView> summary(String trackingId);

    /** What a delivery needs: the message without keys, history and violations, and the version prepared for its receiver. */
    record Deliverable(MessageView message, byte[] payload) {
    }

    /** The message and its outbound payload, for its delivery (implementations read both at once). */
    default Optional<Deliverable> deliverable(String trackingId) {
        return summary(trackingId).map(m -> new Deliverable(m, outboundPayload(trackingId).orElseThrow()));
    }

    /** The payload as its sender submitted it (a copy reads its original's). */
    Optional<byte[]> inboundPayload(String trackingId);

    /** The version of the payload prepared for a destination (the raw payload if none was prepared). */
    Optional<byte[]> outboundPayload(String trackingId);

    /**
     * Messages in the status, last changed before the instant: stored but not yet queued by a node that stopped between
     * steps (younger ones may still be in a live node's hands). The leader's recovery resumes them.
     */
    List<String> stranded(MessageStatus status, Instant touchedBefore);
}
