package org.casw.routes.aggregate;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageStatus;

/**
 * The durable side of aggregate declarations. Splitting and answering are each one transaction: the
 * aggregate's move to SPLIT and its consignments' declarations are stored together, and an aggregate
 * receipt is created under a database lock on its aggregate, once per state.
 */
public interface AggregateLedger {

    /** Submitter of aggregate receipts: the gateway itself, which composes them. */
    String GATEWAY = "GATEWAY";

    /**
     * One consignment's declaration as composed, ready to store.
     *
     * @param number    1-based position of the consignment in the aggregate
     * @param messageId its ClientSeqNo
     * @param receivers by the normal routing rules; the first receives it, each further one a copy
     */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    record NewPart(int number, String billNo, String messageId, byte[] payload, BusinessKeys keys, List<String> receivers) {
    }

    /** Where one consignment's declaration stands. */
    record Part(int number, String trackingId, String billNo, MessageStatus status, String destinationStatus, String entryId, String lane) {
    }

    /** An aggregate and its parts, as the receipt composer reads them under the lock. */
    record Progress(String trackingId, String aggregateId, String sender, int sequence, List<Part> parts) {
    }

    /** A composed aggregate receipt; {@code state} says what it reports, without times or sequence. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    record Answer(String receiptId, String state, String overall, String finalCode, byte[] payload, BusinessKeys keys) {
    }

    /** Thrown when a consignment's message id was already used by the sender for another document. */
    final class PartIdTaken extends RuntimeException {
        private final int number;
        private final String messageId;
        private final String trackingId;

        public PartIdTaken(int number, String messageId, String trackingId) {
            super("message id " + messageId + " is taken by " + trackingId, null, false, false);
            this.number = number;
            this.messageId = messageId;
            this.trackingId = trackingId;
        }

        public int number() {
            return number;
        }

        public String messageId() {
            return messageId;
        }

        public String trackingId() {
            return trackingId;
        }
    }

    /**
     * RECEIVED -> SPLIT (history: VALIDATED, SPLIT) and, in the same transaction, one VALIDATED declaration
     * per part linked to the aggregate, plus copies for further receivers.
     *
     * @return the dispatches of every part and copy; empty if the aggregate was no longer RECEIVED
     * @throws PartIdTaken if the sender already used a part's message id (nothing is stored)
     */
    List<Dispatch> split(String aggregateTrackingId, BusinessKeys keys, List<NewPart> parts);

    /** The consignments' declarations of an aggregate, in order; empty for any other message. */
    List<Part> parts(String aggregateTrackingId);

    /** The aggregate a consignment's declaration was split from. */
    Optional<String> aggregateOf(String trackingId);

    /**
     * Under a lock on the aggregate: if every part has a receipt (or FAILED without one) and what they say differs from the last
     * receipt sent, stores the composed receipt (VALIDATED, for the aggregate's sender), and moves the
     * aggregate to ACKNOWLEDGED when the answer is final.
     *
     * @return the receipt's dispatch, or empty when there is nothing new to tell
     */
    Optional<Dispatch> answer(String aggregateTrackingId, Function<Progress, Answer> compose);

    /** Aggregates still SPLIT: start-up recovery answers any state left unanswered by a stop. */
    List<String> unanswered();
}
