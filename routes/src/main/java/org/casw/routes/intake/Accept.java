package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.ledger.MessageLedger;

/**
 * Stores the routing and every receiver's version in one ledger write: VALIDATED with the business keys and receivers (a
 * copy per further receiver), SIGNED where signed. What it answers are the dispatches to queue, one per receiver.
 */
final class Accept extends IntakeStep {

    private final MessageLedger ledger;

    Accept(MessageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        exchange.setProperty(IntakeSteps.DISPATCHES, ledger.accepted(intake.trackingId, intake.keys, intake.senderSigned,
                intake.versions));
        intake.versions = null;
    }
}
