package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.registry.CertificateRegistry;

/**
 * What the intake does with a {@link DocumentRefused}: gives back what the document registered (its family knows what:
 * claims, a certificate), records it REJECTED with every violation and the reason, and settles the answer.
 */
final class Refuse implements Processor {

    private final MessageLedger ledger;
    private final CertificateRegistry certificates;

    Refuse(MessageLedger ledger, CertificateRegistry certificates) {
        this.ledger = ledger;
        this.certificates = certificates;
    }

    @Override
    public void process(Exchange exchange) {
        DocumentRefused refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DocumentRefused.class);
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        Intake intake = Intake.of(exchange);
        if (intake.type != null) {
            DocumentFamilies.of(intake.type).giveBack(intake.type, intake.trackingId, intake.document != null, certificates);
        }
        ledger.rejected(intake.trackingId, refusal.violations(), refusal.reason());
        intake.settle(refusal.outcome(), MessageStatus.REJECTED, refusal.violations());
    }
}
