package org.casw.routes.intake;

import java.time.Duration;
import java.util.List;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.validation.Violation;

/**
 * The gateway's immediate answer to a submission.
 *
 * @param lane       a declaration's customs lane (FAST for a recognised AEO enterprise, NORMAL), null for other documents
 * @param retryAfter for {@link Outcome#RATE_LIMITED}: how long the party should wait before sending again, else null
 */
public record IntakeResult(Outcome outcome, String trackingId, MessageStatus status, String documentType,
        String messageId, List<Violation> violations, String lane,
        Duration retryAfter) {

    public IntakeResult(Outcome outcome, String trackingId, MessageStatus status, String documentType, String messageId,
            List<Violation> violations) {
        this(outcome, trackingId, status, documentType, messageId, violations, null);
    }

    public IntakeResult(Outcome outcome, String trackingId, MessageStatus status, String documentType, String messageId,
            List<Violation> violations, String lane) {
        this(outcome, trackingId, status, documentType, messageId, violations, lane, null);
    }

    /** How the submission ended; each maps to one HTTP status and one gateway receipt status. */
    public enum Outcome {
        /** Stored and queued for delivery. */
        ACCEPTED,
        /** The same sender message id and payload were already received; the first tracking id answers. */
        DUPLICATE,
        /** The sender message id was already used for a different payload. */
        CONFLICT,
        /** Not XML, or refused XML (DOCTYPE). */
        MALFORMED,
        /** Well-formed but unknown, schema-invalid or unroutable. */
        INVALID,
        /** The document claims a sender that is not the authenticated party. */
        FORBIDDEN,
        /** Over the party's rate or in-flight limit: not stored (no tracking id); send it again after {@code retryAfter}. */
        RATE_LIMITED
    }
}
