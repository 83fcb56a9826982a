package org.casw.routes.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.casw.routes.document.BusinessKeys;
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
    private final ConsignmentDeclarations composer = new ConsignmentDeclarations();
    private final DocumentReader reader = new DocumentReader();

    public AggregateDeclarations(AggregateLedger aggregates, MessageLedger messages, PartnerDirectory partners, AggregateReceipts receipts) {
        this.aggregates = aggregates;
        this.messages = messages;
        this.partners = partners;
        this.receipts = receipts;
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
        for (int i = 0; i < declarations.size(); i++) {
            DecMessage declaration = declarations.get(i);
            RoutingFacts facts = RoutingFacts.read(DocumentType.DECLARATION, declaration, null);
            List<String> receivers = partners.receiversFor(DocumentType.DECLARATION, facts).stream().filter(r -> !r.equals(sender)).toList();
            if (receivers.isEmpty()) {
                violations.add(Violation.of(ViolationCodes.NO_ROUTE, ConsignmentPaths.consignment(i + 1),
                        "No partner agreement receives the declaration of consignment " + (i + 1) + " with " + facts.asMap() + "."));
                continue;
            }
            parts.add(new AggregateLedger.NewPart(i + 1, declaration.getDecHead().getBillNo(), declaration.getDecSign().getClientSeqNo(),
                    composer.marshal(declaration), reader.keysOf(DocumentType.DECLARATION, declaration), receivers));
        }
        if (!violations.isEmpty()) {
            return new Split(List.of(), violations);
        }
        try {
            return new Split(aggregates.split(trackingId, keys, parts), List.of());
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
                    .filter(d -> d.status() == MessageStatus.VALIDATED || d.status() == MessageStatus.SIGNED || d.status() == MessageStatus.QUEUED)
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
    public java.util.Optional<Dispatch> answer(String aggregateTrackingId) {
        return aggregates.answer(aggregateTrackingId, receipts::compose);
    }
}
