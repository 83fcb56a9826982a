package org.casw.routes.intake;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.ledger.Dispatch;

/**
 * A customs status for a consignment of an aggregate declaration: its submitter also gets the aggregated answer, once
 * every consignment has one. The single window's import response is no customs status: the answer waits.
 */
final class AnswerAggregate extends IntakeStep {

    private final AggregateDeclarations aggregates;

    AnswerAggregate(AggregateDeclarations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        if (aggregates == null || intake.importResponse) {
            return;
        }
        List<Dispatch> dispatches = new ArrayList<>(exchange.getProperty(IntakeSteps.DISPATCHES, List.class));
        dispatches.addAll(aggregates.receiptApplied(intake.referencedTrackingId));
        exchange.setProperty(IntakeSteps.DISPATCHES, dispatches);
    }
}
