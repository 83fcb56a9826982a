package org.casw.routes.intake;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;

/**
 * The sender's signature, checked as its agreement demands: whole-document coverage, allowed algorithms, trusted and
 * valid certificate. A verified signer is noted in the history.
 */
final class VerifySignature extends IntakeStep {

    private final SignaturePolicies signatures;
    private final MessageLedger ledger;
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    VerifySignature(SignaturePolicies signatures, MessageLedger ledger) {
        this.signatures = signatures;
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        Optional<VerificationPolicy> policy = signatures.verificationFor(intake.submission.sender());
        if (policy.isEmpty()) {
            return;
        }
        VerificationResult result = verifier.verify(intake.submission.payload(), policy.get());
        if (!result.valid()) {
            throw DocumentRefused.byReading(result.violations(), "signature refused");
        } else if (result.signed()) {
            intake.signatureVerified = true;
            // a translated document no longer carries the signature: the gateway signs what it forwards
            intake.senderSigned = intake.translatedFrom == null;
            ledger.note(intake.trackingId, "signature verified: " + result.profile().id() + ", signer " + result.signerSubject()
                    + ", certificate serial " + result.certificateSerialHex() + ", " + result.algorithm()
                    + (result.signerPinned() ? ", pinned signer" : ""));
        }
    }
}
