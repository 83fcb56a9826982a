package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.aeo.AeoRegistry;

/** An accepted AEO status notice replaces the statuses held for its enterprises, unless a newer notice's are held. */
final class RegisterAeoStatuses extends IntakeStep {

    private final AeoRegistry aeo;

    RegisterAeoStatuses(AeoRegistry aeo) {
        this.aeo = aeo;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        aeo.register(intake.trackingId, intake.aeoStatuses);
    }
}
