package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.Inspection;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.ledger.Recorded;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * Persists the arrival before anything else is answered. What inspection found unreadable is refused now that it is
 * stored; a resend is answered with the first tracking id, and a message id reused for another payload is answered
 * CONFLICT: both leave the flow here.
 */
final class Record extends IntakeStep {

    private final MessageLedger ledger;
    private final AggregateDeclarations aggregates;

    Record(MessageLedger ledger, AggregateDeclarations aggregates) {
        this.ledger = ledger;
        this.aggregates = aggregates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        Submission s = intake.submission;
        Inspection inspection = intake.inspection;
        String type = inspection.type().map(Enum::name).orElse(null);
        Recorded recorded = ledger.recordArrival(new NewMessage(s.sender(), s.channel(), intake.messageId,
                type, s.payload(), PayloadDigest.sha256Hex(s.payload()), s.replyTo()));
        intake.trackingId = recorded.trackingId();
        exchange.setProperty(IntakeSteps.LOGGED_TRACKING_ID, recorded.trackingId()); // for the log lines of its work
        intake.type = inspection.type().orElse(null);
        switch (recorded.kind()) {
            case NEW -> refuseUnreadable(intake, s, inspection);
            case DUPLICATE -> resumeOrAnswer(intake, recorded, exchange);
            case CONFLICT -> {
                intake.settle(IntakeResult.Outcome.CONFLICT, recorded.status(), List.of(Violation.of(
                        ViolationCodes.MESSAGE_ID_CONFLICT, null, "Message id " + intake.messageId
                                + " was already used by this sender for a different payload (tracking id "
                                + recorded.trackingId() + "); use a new message id for a new document.")));
                throw new SubmissionAnswered(IntakeResult.Outcome.CONFLICT);
            }
        }
    }

    private void refuseUnreadable(Intake intake, Submission s, Inspection inspection) {
        if (s.refusal() != null) {
            throw new DocumentRefused(IntakeResult.Outcome.MALFORMED, inspection.violations(),
                    "refused unread by the " + s.channel() + " channel: " + s.refusal().code());
        } else if (!inspection.wellFormed() && intake.translatedFrom != null) {
            throw new DocumentRefused(IntakeResult.Outcome.INVALID, inspection.violations(),
                    "not acceptable " + intake.translatedFrom + ": " + inspection.violations().size() + " problem(s)");
        } else if (!inspection.wellFormed()) {
            throw new DocumentRefused(IntakeResult.Outcome.MALFORMED, inspection.violations(), "payload is not acceptable XML");
        } else if (intake.translatedFrom != null) {
            ledger.translated(intake.trackingId, intake.payload, "translated from " + intake.translatedFrom + " to "
                    + intake.type + " XML");
        }
    }

    /**
     * A resend answers with the first tracking id. If the first attempt stopped half-way (the gateway died before
     * queueing), the resend finishes it: nothing accepted is left behind. One still RECEIVED goes on through the intake.
     */
    private void resumeOrAnswer(Intake intake, Recorded recorded, Exchange exchange) {
        switch (recorded.status()) {
            case RECEIVED -> {
                return; // continue through the remaining stages under the first tracking id
            }
            case VALIDATED, SIGNED, QUEUED -> {
                // the first attempt may have stopped before queueing: dispatching again is idempotent
                exchange.setProperty(IntakeSteps.DISPATCHES, ledger.dispatches(recorded.trackingId()));
                intake.lane = laneOf(recorded.trackingId());
            }
            // an aggregate: its consignments' declarations may not all have been queued
            case SPLIT -> exchange.setProperty(IntakeSteps.DISPATCHES, aggregates.pending(recorded.trackingId()));
            default -> intake.lane = laneOf(recorded.trackingId());
        }
        intake.settle(IntakeResult.Outcome.DUPLICATE, recorded.status(), List.of());
        throw new SubmissionAnswered(IntakeResult.Outcome.DUPLICATE);
    }

    /** The lane a declaration was given when first received (its LANE business key), or null. */
    private String laneOf(String trackingId) {
        return ledger.find(trackingId).map(m -> m.businessKeys().getOrDefault(BusinessKeys.Kind.LANE.name(), List.of()))
                .filter(l -> !l.isEmpty()).map(l -> l.get(0)).orElse(null);
    }
}
