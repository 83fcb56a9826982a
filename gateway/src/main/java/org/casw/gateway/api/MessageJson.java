package org.casw.gateway.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casw.gateway.as4.As4Evidence;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.validation.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON shapes of the messages API. */
public final class MessageJson {

    private MessageJson() {
    }

    /** Answer to a submission; {@code lane} for a declaration: FAST (a recognised AEO enterprise) or NORMAL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(String trackingId, String status, String type, String messageId, String lane, List<Answer> messages) {

        Accepted(String trackingId, String status, String type, String messageId, String lane) {
            this(trackingId, status, type, messageId, lane, null);
        }
    }

    /**
     * One message of an interchange and its own answer: accepted with its tracking id, or refused with its violations.
     *
     * @param reference the message reference (UNH 0062)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Answer(String reference, String trackingId, String outcome, String status, String type, String messageId, String lane,
            List<Violation> violations) {

        static List<Answer> of(IntakeResult result) {
            return result.messages().isEmpty() ? null : result.messages().stream().map(m -> new Answer(m.reference(),
                    m.result().trackingId(), m.result().outcome().name(), m.result().status() == null ? null : m.result().status().name(),
                    m.result().documentType(), m.result().messageId(), m.result().lane(), m.result().violations())).toList();
        }
    }

    /**
     * One message with its history; {@code copyOf} names the original of a copy made for a further
     * receiver, and {@code deliveries} (for the sender) where each receiver's copy stands. For the sender of
     * an aggregate declaration, {@code parts} lists its consignments' declarations; {@code partOf} names the
     * aggregate a consignment's declaration was split from. {@code as4} is the AS4 evidence of a message that came or went
     * by AS4: its ebMS ids, the receipts the gateway issued, whether the partner's receipt was obtained.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(String trackingId, String messageId, String type, String sender, String receiver, String status,
            String destinationStatus, Instant receivedAt, Instant updatedAt, Map<String, List<String>> businessKeys,
            List<HistoryEntry> history, List<Violation> violations, String copyOf, List<Delivery> deliveries,
            String partOf, List<Part> parts, As4Evidence.View as4) {

        static Message of(MessageView m, List<Dispatch> dispatches) {
            return of(m, dispatches, null, List.of());
        }

        static Message of(MessageView m, List<Dispatch> dispatches, String partOf, List<AggregateLedger.Part> parts) {
            return new Message(m.trackingId(), m.messageId(), m.documentType(), m.sender(), m.receiver(), m.status().name(),
                    m.destinationStatus(), m.receivedAt(), m.updatedAt(), m.businessKeys(),
                    m.history().stream().map(h -> new HistoryEntry(h.status().name(), h.at(), h.reason())).toList(),
                    m.violations(), m.copyOf(), dispatches.size() < 2 ? List.of()
                            : dispatches.stream().map(d -> new Delivery(d.trackingId(), d.receiver(), d.status().name())).toList(),
                    partOf, parts.stream().map(p -> new Part(p.trackingId(), p.billNo(), p.status().name(), p.destinationStatus()))
                            .toList(), null);
        }

        /** The same message with its AS4 evidence. */
        Message with(As4Evidence.View evidence) {
            return new Message(trackingId, messageId, type, sender, receiver, status, destinationStatus, receivedAt, updatedAt,
                    businessKeys, history, violations, copyOf, deliveries, partOf, parts, evidence);
        }
    }

    /** Where one consignment's declaration of an aggregate declaration stands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Part(String trackingId, String billNo, String status, String destinationStatus) {
    }

    /** Where one receiver's copy of a document stands. */
    record Delivery(String trackingId, String receiver, String status) {
    }

    record HistoryEntry(String status, Instant at, String reason) {
    }

    /** One line of a search result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String trackingId, String messageId, String type, String sender, String receiver, String status,
            String destinationStatus, Instant receivedAt, Instant updatedAt) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }
}
