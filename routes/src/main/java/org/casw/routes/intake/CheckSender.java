package org.casw.routes.intake;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.casw.routes.family.DeclaredSender;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * A party submits only as itself: the declarant a document names must be one of its codes; a document carrying an
 * authority's word (a certificate of origin, an AEO notice) comes from that country's customs or window. The document's
 * family says whom it claims to speak for.
 */
final class CheckSender extends IntakeStep {

    private final PartnerDirectory partners;

    CheckSender(PartnerDirectory partners) {
        this.partners = partners;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        Optional<DeclaredSender> declared = DocumentFamilies.of(intake.type).declaredSender(intake.type, intake.document, intake.keys);
        if (declared.isEmpty()) {
            return;
        }
        String sender = intake.submission.sender();
        Optional<PartnerProfile> party = partners.find(sender);
        if (declared.get() instanceof DeclaredSender.Party claimed) {
            if (party.isEmpty() || !party.get().mayDeclareAs(claimed.code())) {
                throw DocumentRefused.of(IntakeResult.Outcome.FORBIDDEN, Violation.of(ViolationCodes.SENDER_MISMATCH, claimed.path(),
                        "Party " + sender + " may not submit documents declared by " + claimed.code() + "."), "sender mismatch");
            }
            return;
        }
        DeclaredSender.Authority authority = (DeclaredSender.Authority) declared.get();
        Optional<String> country = party.map(PartnerProfile::country);
        if (country.filter(authority.country()::equals).isEmpty()) {
            throw Authorize.forbidden(authority.violation(), authority.path(), "Party " + sender + " acts for "
                    + country.orElse("no country") + " and may not " + authority.what() + ".");
        }
        if (authority.signatureRequired() && !intake.signatureVerified && !intake.submission.sealedBy()) {
            throw DocumentRefused.of(IntakeResult.Outcome.INVALID, Violation.of(ViolationCodes.CERTIFICATE_SIGNATURE_REQUIRED,
                    "/CertificateOfOrigin", "A certificate of origin must carry its issuer's signature (an enveloped XML signature"
                            + " made with the certificate " + sender + "'s agreement trusts)."), "certificate of origin unsigned");
        }
    }
}
