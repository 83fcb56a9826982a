package org.casw.gateway.as4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The AS4 evidence of one message as the message view shows it: the ebMS ids it arrived with and every receipt the
 * gateway issued for it, and for a delivery by AS4 whether the partner's receipt was obtained.
 */
@Component
public class As4Evidence {

    /** What the message view shows under {@code as4}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record View(Received received, Sent sent) {
    }

    /** An AS4 user message the gateway took in, and the receipts it answered (the first, then one per resend). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Received(String messageId, String conversationId, String from, List<Receipt> receipts) {
    }

    /** One receipt the gateway issued; {@code resend} when it answered a resend of a message already taken in. */
    public record Receipt(String receiptId, Instant issuedAt, boolean resend) {
    }

    /**
     * A delivery by AS4: {@code receipt} is {@code OBTAINED} (the partner's signed receipt is stored) or {@code NOT_OBTAINED}
     * (the partner answered that it already holds the message), with the partner's answer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sent(String messageId, String to, String receipt, String receiptId, Instant at, String answer) {
    }

    public static final String OBTAINED = "OBTAINED";
    public static final String NOT_OBTAINED = "NOT_OBTAINED";

    private final As4Ledger ledger;

    public As4Evidence(As4Ledger ledger) {
        this.ledger = ledger;
    }

    /** The message's AS4 evidence; empty for a message that neither came nor went by AS4. */
    public Optional<View> of(String trackingId) {
        List<As4Ledger.IssuedReceipt> issued = ledger.issuedReceipts(trackingId);
        Received received = issued.isEmpty() ? null : new Received(issued.get(0).ebmsMessageId(), issued.get(0).conversationId(),
                issued.get(0).partner(), issued.stream().map(r -> new Receipt(r.receiptMessageId(), r.issuedAt(), r.resend())).toList());
        Sent sent = ledger.sentReceipt(trackingId)
                .map(r -> new Sent(r.ebmsMessageId(), r.partner(), OBTAINED, r.receiptMessageId(), r.receivedAt(), null))
                .or(() -> ledger.missingReceipt(trackingId)
                        .map(m -> new Sent(m.ebmsMessageId(), m.partner(), NOT_OBTAINED, null, m.answeredAt(), m.answer())))
                .orElse(null);
        return received == null && sent == null ? Optional.empty() : Optional.of(new View(received, sent));
    }
}
