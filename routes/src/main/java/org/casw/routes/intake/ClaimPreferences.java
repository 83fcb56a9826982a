package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.declaration.PreferentialClaimRules;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.DecMessage;

/**
 * A declaration claiming preferential tariffs takes its quantities off the certificates' balances, atomically; if another
 * declaration took them first, this one is refused (and a refusal later gives them back).
 */
final class ClaimPreferences extends IntakeStep {

    private final DocumentValidator validator;
    private final CertificateRegistry certificates;

    ClaimPreferences(DocumentValidator validator, CertificateRegistry certificates) {
        this.validator = validator;
        this.certificates = certificates;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        List<CertificateRegistry.Claim> claims = validator.preferentialClaims((DecMessage) intake.document);
        if (!claims.isEmpty() && !certificates.claim(intake.trackingId, claims)) {
            throw DocumentRefused.of(IntakeResult.Outcome.INVALID, Violation.of(PreferentialClaimRules.CERTIFICATE_QUANTITY_EXCEEDED,
                    "/DecMessage/EcoRelation", "Another declaration claimed the certificates' remaining quantity first."),
                    "certificate quantity taken concurrently");
        }
    }
}
