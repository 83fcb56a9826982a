package org.casw.routes.intake;

import java.util.List;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * A stage refuses the document: the intake route's {@code onException} records it REJECTED with every violation, gives
 * back what the document had registered, and answers. Thrown on refusals only, so it carries no stack trace.
 */
public final class DocumentRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient IntakeResult.Outcome outcome;
    private final transient List<Violation> violations;
    private final String reason;

    /** @param reason the history line, e.g. "3 schema violation(s)" */
    public DocumentRefused(IntakeResult.Outcome outcome, List<Violation> violations, String reason) {
        super(reason, null, false, false);
        this.outcome = outcome;
        this.violations = List.copyOf(violations);
        this.reason = reason;
    }

    /**
     * Refused for what a full read of the document found: MALFORMED when it is not well-formed after all (inspection
     * reads only up to the message id), otherwise INVALID.
     */
    static DocumentRefused byReading(List<Violation> violations, String reason) {
        boolean malformed = violations.stream().anyMatch(v -> ViolationCodes.XML_MALFORMED.equals(v.code()));
        return new DocumentRefused(malformed ? IntakeResult.Outcome.MALFORMED : IntakeResult.Outcome.INVALID, violations,
                malformed ? "payload is not acceptable XML" : reason);
    }

    /** A refusal for one violation. */
    static DocumentRefused of(IntakeResult.Outcome outcome, Violation violation, String reason) {
        return new DocumentRefused(outcome, List.of(violation), reason);
    }

    public IntakeResult.Outcome outcome() {
        return outcome;
    }

    public List<Violation> violations() {
        return violations;
    }

    public String reason() {
        return reason;
    }
}
