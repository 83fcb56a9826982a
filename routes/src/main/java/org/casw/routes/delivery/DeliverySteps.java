package org.casw.routes.delivery;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Processor;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.intake.IntakeSteps;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageEvents;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the delivery routes do with a queued tracking id: deliver once, or record why not. */
public class DeliverySteps {

    private static final Logger log = LoggerFactory.getLogger(DeliverySteps.class);

    /** The reason FAILED is recorded with when the broker gave up: how the gateway's backlog tells dead letters apart. */
    public static final String ABANDONED = "delivery abandoned after the last retry";

    private final MessageLedger ledger;
    private final PartnerDirectory partners;
    private final Map<DeliveryChannel, PartnerChannel> channels = new EnumMap<>(DeliveryChannel.class);
    private final AggregateDeclarations aggregates;
    private final MessageEvents events;

    /** @param aggregates told when a consignment's declaration fails, so its aggregate's submitter hears of it; may be null */
    public DeliverySteps(MessageLedger ledger, PartnerDirectory partners, List<PartnerChannel> channels, AggregateDeclarations aggregates) {
        this(ledger, partners, channels, aggregates, MessageEvents.NONE);
    }

    /** @param events told of each delivery, failed attempt and dead letter (the gateway's metrics) */
    public DeliverySteps(MessageLedger ledger, PartnerDirectory partners, List<PartnerChannel> channels, AggregateDeclarations aggregates,
            MessageEvents events) {
        this.ledger = ledger;
        this.partners = partners;
        channels.forEach(c -> this.channels.put(c.kind(), c));
        this.aggregates = aggregates;
        this.events = events;
    }

    /**
     * Delivers through the party's channel. A message already delivered (redelivered after a crash
     * between delivery and acknowledgement) is skipped; a failure is recorded and rethrown so that
     * the broker rolls back and retries with back-off.
     */
    Processor deliver(String partyId) {
        return exchange -> {
            String trackingId = exchange.getMessage().getBody(String.class);
            MessageLedger.Deliverable deliverable = ledger.deliverable(trackingId).orElse(null);
            MessageView message = deliverable == null ? null : deliverable.message();
            if (message == null) {
                log.error("Delivery queue for {} holds unknown tracking id {}; dropped", partyId, trackingId);
                return;
            }
            if (message.status().isDeliveredOrBeyond()) {
                log.info("{} was already delivered to {}; redelivery ignored", trackingId, partyId);
                return;
            }
            PartnerProfile partner = partners.find(partyId).orElseThrow();
            int attempt = exchange.getMessage().getHeader("JMSXDeliveryCount", 1, Integer.class);
            try {
                byte[] payload = deliverable.payload();
                String confirmation = channels.get(partner.channel()).deliver(partner, new Outbound(trackingId,
                        message.messageId(), message.documentType(), message.sender(), partyId, payload));
                if (ledger.delivered(trackingId, partyId, confirmation)) {
                    log.debug("Delivered {} to {}: {}", trackingId, partyId, confirmation);
                    // the enqueue's JMS timestamp: when it was (last) put on the queue, at no cost of a read
                    Long queuedAt = exchange.getMessage().getHeader("JMSTimestamp", Long.class);
                    events.delivered(partyId, message.documentType(), message.receivedAt(),
                            queuedAt == null || queuedAt <= 0 ? null : Instant.ofEpochMilli(queuedAt));
                }
            } catch (Exception e) {
                ledger.deliveryAttemptFailed(trackingId, attempt, describe(e));
                events.attemptFailed(partyId, message.documentType());
                throw e;
            }
        };
    }

    /**
     * A message the broker gave up on: FAILED, visible to its sender and to operators. Leaves in
     * {@link IntakeSteps#DISPATCHES} what that sets in motion (an aggregate receipt telling of it).
     */
    Processor giveUp() {
        return exchange -> {
            String trackingId = exchange.getMessage().getHeader("trackingId", String.class);
            if (trackingId == null) {
                log.error("Dead letter without tracking id left on the dead-letter queue for an operator");
                throw new IllegalStateException("dead letter without tracking id");
            }
            ledger.failed(trackingId, ABANDONED);
            if (events != MessageEvents.NONE) { // one read per dead letter, for its receiver and type
                ledger.summary(trackingId).ifPresent(m -> events.abandoned(m.receiver(), m.documentType()));
            }
            // a consignment of an aggregate declaration: without this its submitter would wait for a receipt forever
            List<Dispatch> next = aggregates == null ? List.of() : aggregates.deliveryAbandoned(trackingId);
            exchange.setProperty(IntakeSteps.DISPATCHES, next);
        };
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
