package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.registry.CertificateRegistry;

/** Customs refused the declaration: what it claimed on certificates of origin is free again (a copy's, its original's). */
final class ReleaseClaims extends IntakeStep {

    private final MessageLedger ledger;
    private final CertificateRegistry certificates;

    ReleaseClaims(MessageLedger ledger, CertificateRegistry certificates) {
        this.ledger = ledger;
        this.certificates = certificates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        if (!intake.receiptFacts.refusal()) {
            return;
        }
        certificates.release(ledger.find(intake.referencedTrackingId)
                .map(m -> m.copyOf() != null ? m.copyOf() : m.trackingId()).orElse(intake.referencedTrackingId));
    }
}
