package org.casw.routes.transform.edifact;

import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * An interchange taken apart into its messages. Envelope violations make the interchange as a whole
 * untrustworthy (a count or control reference that does not match, a missing UNZ, UNE or UNT), so a gateway
 * refuses it as one document rather than processing the messages that could be cut out.
 *
 * @param envelope           the UNB, and whether groups were used
 * @param messages           the messages that have both UNH and UNT, in order
 * @param envelopeViolations what is wrong with the envelope; empty when it is sound
 */
public record InterchangeSplit(Envelope envelope, List<MessagePart> messages, List<Violation> envelopeViolations) {

    public InterchangeSplit {
        messages = List.copyOf(messages);
        envelopeViolations = List.copyOf(envelopeViolations);
    }
}
