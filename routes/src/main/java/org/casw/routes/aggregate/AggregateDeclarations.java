package org.casw.routes.aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.casw.routes.aeo.AeoLanes;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.declaration.DecMessage;

/**
 * Aggregate declaration, split delivery (集中申报、分送集报): splits a validated aggregate into one
 * declaration per consignment, routed as any declaration, and answers the submitter with an aggregate
 * receipt whenever its consignments' customs statuses change. The intake route calls it; everything
 * else happens through the ledger and {@code direct:dispatch}.
 */
public class AggregateDeclarations {

    /** What splitting found: the dispatches of the stored declarations, or why nothing was stored. */
    public record Split(List<Dispatch> dispatches, List<Violation> violations) {
    }

    private final AggregateLedger aggregates;
    private final MessageLedger messages;
    private final PartnerDirectory partners;
    private final AggregateReceipts receipts;
    private final AeoLanes lanes;
    private final Clock clock;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ConsignmentDeclarations composer = new ConsignmentDeclarations();
    private final DocumentReader reader = new DocumentReader();

    /** @param lanes gives each consignment's declaration its customs lane, as the intake does for a declaration; may be null */
    public AggregateDeclarations(AggregateLedger aggregates, MessageLedger messages, PartnerDirectory partners, AggregateReceipts receipts,
            AeoLanes lanes) {
        this(aggregates, messages, partners, receipts, lanes, Clock.systemUTC());
    }

    /** @param clock gives "today" for the lanes, as the business rules' clock does for a document's dates */
    public AggregateDeclarations(AggregateLedger aggregates, MessageLedger messages, PartnerDirectory partners, AggregateReceipts receipts,
            AeoLanes lanes, Clock clock) {
        this.clock = clock;
        this.aggregates = aggregates;
        this.messages = messages;
        this.partners = partners;
        this.receipts = receipts;
        this.lanes = lanes;
    }

    /**
     * Splits an aggregate that passed its schema and rules (which include every consignment's declaration
     * rules). Each declaration is routed by the normal rules; a consignment no agreement receives, or a
     * consignment message id the sender already used, refuses the whole aggregate.
     */
    public Split split(String trackingId, String sender, Object document, BusinessKeys keys) {
        AggregateDeclaration aggregate = (AggregateDeclaration) document;
        List<DecMessage> declarations = composer.compose(aggregate);
        List<AggregateLedger.NewPart> parts = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Map<Integer, String> laneNotes = new HashMap<>();
        Predicate<String> declarantActsFor = code -> partners.find(sender).map(p -> p.actsFor(code)).orElse(false);
        for (int i = 0; i < declarations.size(); i++) {
            DecMessage declaration = declarations.get(i);
            RoutingFacts facts = RoutingFacts.read(DocumentType.DECLARATION, declaration, null);
            BusinessKeys partKeys = reader.keysOf(DocumentType.DECLARATION, declaration);
            if (lanes != null) {
                // each consignment's declaration goes to customs on its own, so each gets its own lane
                AeoLanes.Decision decision = lanes.laneOf(declaration, LocalDate.now(clock.withZone(CHINA)), declarantActsFor);
                facts = facts.with("lane", decision.lane().name());
                partKeys.add(BusinessKeys.Kind.LANE, decision.lane().name());
                if (decision.concernsAeo()) {
                    laneNotes.put(i + 1, "lane " + decision.lane() + ": " + decision.reason());
                }
            }
            List<String> receivers = partners.receiversFor(DocumentType.DECLARATION, facts).stream().filter(r -> !r.equals(sender))
                    .toList();
            if (receivers.isEmpty()) {
                violations.add(Violation.of(ViolationCodes.NO_ROUTE, ConsignmentPaths.consignment(i + 1),
                        "No partner agreement receives the declaration of consignment " + (i + 1) + " with " + facts.asMap() + "."));
                continue;
            }
            parts.add(new AggregateLedger.NewPart(i + 1, declaration.getDecHead().getBillNo(),
                    DecMessages.sign(declaration).getClientSeqNo(), composer.marshal(declaration), partKeys, receivers));
        }
        if (!violations.isEmpty()) {
            return new Split(List.of(), violations);
        }
        try {
            List<Dispatch> dispatches = aggregates.split(trackingId, keys, parts);
            if (!laneNotes.isEmpty() && !dispatches.isEmpty()) {
                for (AggregateLedger.Part part : aggregates.parts(trackingId)) {
                    String note = laneNotes.get(part.number());
                    if (note != null) {
                        messages.note(part.trackingId(), note);
                    }
                }
            }
            return new Split(dispatches, List.of());
        } catch (AggregateLedger.PartIdTaken e) {
            return new Split(List.of(), List.of(Violation.of(ViolationCodes.MESSAGE_ID_CONFLICT, ConsignmentPaths.ROOT + "/AggregateId",
                    "Consignment " + e.number() + " would be declared as " + e.messageId() + ", which this sender already used for "
                            + e.trackingId() + "; use another AggregateId.")));
        }
    }

    /** A resend of a split aggregate: its declarations not yet queued (the first attempt stopped half-way). */
    public List<Dispatch> pending(String aggregateTrackingId) {
        List<Dispatch> pending = new ArrayList<>();
        for (AggregateLedger.Part part : aggregates.parts(aggregateTrackingId)) {
            messages.dispatches(part.trackingId()).stream()
                    .filter(d -> d.status() == MessageStatus.VALIDATED || d.status() == MessageStatus.SIGNED
                            || d.status() == MessageStatus.QUEUED)
                    .forEach(pending::add);
        }
        return pending;
    }

    /** After a receipt moved a message: if it is a consignment's declaration, the aggregate receipt to dispatch, if any. */
    public List<Dispatch> receiptApplied(String trackingId) {
        return aggregates.aggregateOf(trackingId).flatMap(this::answer).stream().toList();
    }

    /** After the gateway gave up delivering a message: if it is a consignment's declaration, the aggregate receipt telling so. */
    public List<Dispatch> deliveryAbandoned(String trackingId) {
        return receiptApplied(trackingId);
    }

    /** The aggregate receipt for the current state, unless it was already sent or some consignment has no receipt yet. */
    public Optional<Dispatch> answer(String aggregateTrackingId) {
        return aggregates.answer(aggregateTrackingId, receipts::compose);
    }
}
