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
 * @param messages   for an interchange of several messages (UN/EDIFACT), each message's own answer; empty otherwise
 */
public record IntakeResult(Outcome outcome, String trackingId, MessageStatus status, String documentType,
        String messageId, List<Violation> violations, String lane,
        Duration retryAfter, List<Message> messages) {

    public IntakeResult {
        violations = List.copyOf(violations);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public IntakeResult(Outcome outcome, String trackingId, MessageStatus status, String documentType, String messageId,
            List<Violation> violations, String lane, Duration retryAfter) {
        this(outcome, trackingId, status, documentType, messageId, violations, lane, retryAfter, List.of());
    }

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

    /**
     * One message of an interchange and the answer it got on its own.
     *
     * @param reference the message reference number (UNH 0062), unique within its interchange
     */
    public record Message(String reference, IntakeResult result) {
    }

    /**
     * The answer to an interchange whose messages were taken in one by one: ACCEPTED when at least one was (its tracking id
     * answers for the interchange), DUPLICATE when every message had been received before, else the first refusal, with
     * every message's violations, each naming its message. Each message's own answer is in {@code messages}.
     *
     * @param controlReference the interchange control reference (UNB 0020), given as the interchange's message id
     */
    public static IntakeResult ofInterchange(String controlReference, List<Message> messages) {
        IntakeResult taken = messages.stream().map(Message::result).filter(r -> r.outcome() == Outcome.ACCEPTED).findFirst()
                .orElse(messages.stream().map(Message::result).filter(r -> r.outcome() == Outcome.DUPLICATE).findFirst().orElse(null));
        if (taken != null) {
            return new IntakeResult(taken.outcome(), taken.trackingId(), taken.status(), null, controlReference, List.of(), null, null,
                    messages);
        }
        IntakeResult first = messages.get(0).result();
        List<Violation> all = messages.stream().flatMap(m -> m.result().violations().stream()
                .map(v -> new Violation(v.code(), v.path(), "Message " + m.reference() + " (UNH 0062): " + v.message(), v.line(),
                        v.column()))).toList();
        return new IntakeResult(first.outcome(), first.trackingId(), first.status(), null, controlReference, all, null,
                first.retryAfter(), messages);
    }
}
