package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.ledger.MessageStatus;

/** An aggregate declaration is not routed itself: one declaration per consignment travels instead. */
final class SplitAggregate extends IntakeStep {

    private final AggregateDeclarations aggregates;

    SplitAggregate(AggregateDeclarations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        AggregateDeclarations.Split split = aggregates.split(intake.trackingId, intake.submission.sender(), intake.document,
                intake.keys);
        if (!split.violations().isEmpty()) {
            throw new DocumentRefused(IntakeResult.Outcome.INVALID, split.violations(), "aggregate declaration not split");
        }
        exchange.setProperty(IntakeSteps.DISPATCHES, split.dispatches());
        intake.settle(IntakeResult.Outcome.ACCEPTED, MessageStatus.SPLIT, List.of());
    }
}
