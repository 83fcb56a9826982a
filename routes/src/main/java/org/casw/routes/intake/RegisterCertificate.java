package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.registry.CertificateRegistration;
import org.casw.schemas.origin.CertificateOfOrigin;

/**
 * A validated certificate of origin joins the registry that preferential claims are checked against, for the party that
 * sent it, before it is routed: a number registered already by another party, or with other content, is refused; a
 * back-to-back certificate draws on its original's balance. Refused later, it is withdrawn (see its family's give-back).
 */
final class RegisterCertificate extends IntakeStep {

    private final CertificateRegistration registration;
    private final MessageLedger ledger;

    RegisterCertificate(CertificateRegistration registration, MessageLedger ledger) {
        this.registration = registration;
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        CertificateRegistration.Outcome outcome = registration.register(intake.trackingId, intake.submission.sender(),
                (CertificateOfOrigin) intake.document);
        if (outcome.refused()) {
            throw new DocumentRefused(IntakeResult.Outcome.INVALID, outcome.violations(), "certificate of origin not registered");
        } else if (outcome.note() != null) {
            ledger.note(intake.trackingId, outcome.note());
        }
    }
}
