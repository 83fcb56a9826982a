package org.casw.routes.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casw.routes.validation.Violation;

/**
 * A stored message as parties and operators see it: identity, status, keys and history; {@code copyOf}
 * names the original when this is the copy made for a further receiver.
 */
public record MessageView(String trackingId, String messageId, String documentType, String sender, String receiver,
        MessageStatus status, String destinationStatus, String channel, String replyTo, Instant receivedAt,
        Instant updatedAt, Map<String, List<String>> businessKeys, List<Transition> history,
        List<Violation> violations, String copyOf) {

    /** One step in a message's life. */
    public record Transition(MessageStatus status, Instant at, String reason) {
    }
}
