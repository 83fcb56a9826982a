package org.casw.routes.transform.edifact;

import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * What the gateway decided about one message of an interchange, for its interchange report and CONTRL.
 *
 * @param messageReference UNH 0062 of the message
 * @param trackingId       the gateway's tracking id when the message was accepted, else null
 * @param accepted         whether the message was taken in
 * @param violations       why it was refused (syntax, translation, agreement or business rules); empty when accepted
 */
public record MessageOutcome(String messageReference, String trackingId, boolean accepted, List<Violation> violations) {

    public MessageOutcome {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
