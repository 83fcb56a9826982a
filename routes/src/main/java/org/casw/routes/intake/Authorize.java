package org.casw.routes.intake;

import java.util.Optional;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.Suspensions;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * May this party send this document at all? Only a party with an agreement, not suspended, and only the types its
 * agreement (or its role) allows. Decided before the document is verified or read, and recorded with the refusal.
 */
final class Authorize extends IntakeStep {

    private final PartnerDirectory partners;
    private final Suspensions suspensions;

    Authorize(PartnerDirectory partners, Suspensions suspensions) {
        this.partners = partners;
        this.suspensions = suspensions;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        String sender = intake.submission.sender();
        Optional<PartnerProfile> party = partners.find(sender);
        if (party.isEmpty()) {
            throw forbidden(ViolationCodes.UNKNOWN_SENDER, null, sender + " has no partner agreement: only trade parties submit"
                    + " documents.");
        } else if (party.get().suspended() || suspensions.isSuspended(sender)) {
            throw forbidden(ViolationCodes.PARTY_SUSPENDED, null, sender + " is suspended: it neither submits nor receives"
                    + " documents until an operator resumes it.");
        } else if (!party.get().maySend(intake.type)) {
            throw forbidden(ViolationCodes.DOCUMENT_TYPE_NOT_ALLOWED, "/" + intake.type.root().getLocalPart(), sender + " ("
                    + party.get().role() + ") may not send " + intake.type + " documents; its agreement allows "
                    + new TreeSet<>(party.get().documentsSent()) + ".");
        }
    }

    /** A FORBIDDEN refusal, its history line naming the code. */
    static DocumentRefused forbidden(String code, String path, String message) {
        return DocumentRefused.of(IntakeResult.Outcome.FORBIDDEN, Violation.of(code, path, message), "not allowed: " + code);
    }
}
