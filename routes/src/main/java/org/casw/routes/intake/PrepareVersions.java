package org.casw.routes.intake;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.dispatch.ReceiverVersions;
import org.casw.routes.ledger.ReceiverVersion;

/**
 * Writes each receiver's version in memory: translated to the format its agreement names, then signed with its profile
 * (or forwarded with the sender's verified signature). Nothing is stored here: {@link Accept} stores them all at once.
 * The read document (its JAXB model: ~20 MB for a manifest of 10,000 containers) is let go first: later stages use what
 * routing took from it, so it stays out of the peak heap while the versions are written.
 */
final class PrepareVersions extends IntakeStep {

    private final ReceiverVersions versions;

    PrepareVersions(ReceiverVersions versions) {
        this.versions = versions;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        intake.document = null;
        List<ReceiverVersion> prepared = new ArrayList<>(intake.receivers.size());
        for (String receiver : intake.receivers) {
            prepared.add(versions.prepare(receiver, intake.type, intake.payload, intake.submission::payload, intake.senderSigned));
        }
        intake.versions = prepared;
    }
}
