package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * Picks the receivers of a document that is not a receipt: every party whose agreement receives it by type and content
 * (its family's routing facts, a declaration's lane), never back to its own sender. None: refused, NO_ROUTE.
 */
final class RouteByContent extends IntakeStep {

    private final PartnerDirectory partners;
    private final CertificateRegistry certificates;

    RouteByContent(PartnerDirectory partners, CertificateRegistry certificates) {
        this.partners = partners;
        this.certificates = certificates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        RoutingFacts facts = RoutingFacts.read(intake.type, intake.document, certificates);
        if (intake.lane != null) {
            facts = facts.with("lane", intake.lane);
        }
        List<String> receivers = partners.receiversFor(intake.type, facts).stream()
                .filter(r -> !r.equals(intake.submission.sender())).toList();
        if (receivers.isEmpty()) {
            throw DocumentRefused.of(IntakeResult.Outcome.INVALID, Violation.of(ViolationCodes.NO_ROUTE, null,
                    "No partner agreement receives " + intake.type + " documents" + (facts.asMap().isEmpty() ? ""
                            : " with " + facts.asMap()) + "."), "no route");
        }
        intake.receiver = receivers.get(0);
        intake.receivers = receivers;
    }
}
