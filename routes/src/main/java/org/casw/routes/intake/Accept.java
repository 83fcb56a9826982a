package org.casw.routes.intake;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.dispatch.ReceiverVersions;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.ReceiverVersion;

/**
 * Writes each receiver's version in memory (translated to its format, signed), then stores the routing and every version
 * in one ledger write: VALIDATED, and SIGNED where signed. The read document (its JAXB model: ~20 MB for a manifest of
 * 10,000 containers) is let go first: later stages use what routing took from it, so it stays out of the peak heap while
 * the versions are written.
 */
final class Accept extends IntakeStep {

    private final ReceiverVersions versions;
    private final MessageLedger ledger;

    Accept(ReceiverVersions versions, MessageLedger ledger) {
        this.versions = versions;
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        intake.document = null;
        List<ReceiverVersion> prepared = new ArrayList<>(intake.receivers.size());
        for (String receiver : intake.receivers) {
            prepared.add(versions.prepare(receiver, intake.type, intake.payload, intake.submission::payload, intake.senderSigned));
        }
        exchange.setProperty(IntakeSteps.DISPATCHES, ledger.accepted(intake.trackingId, intake.keys, intake.senderSigned, prepared));
    }
}
