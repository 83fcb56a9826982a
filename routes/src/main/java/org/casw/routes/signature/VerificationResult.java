package org.casw.routes.signature;

import java.time.Instant;
import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * The outcome of verifying a document's signature. Signer details are filled in whenever a certificate
 * could be read, also for a refused signature (for the log); only {@link #valid()} makes them trustworthy.
 *
 * @param signed               the document carries a ds:Signature
 * @param violations           every reason to refuse it; empty when acceptable
 * @param profile              the profile the signature's algorithms belong to, or null
 * @param algorithm            the SignatureMethod URI, or null
 * @param signerSubject        the signer certificate's subject (RFC 2253), or null
 * @param certificateSerialHex the signer certificate's serial number in hexadecimal, or null
 * @param signingTime          the XAdES SigningTime, or null if the signature has none
 * @param signerPinned         the signer's certificate is one the agreement pins (false when nothing is pinned)
 */
public record VerificationResult(boolean signed, List<Violation> violations, SigningProfile profile,
        String algorithm, String signerSubject, String certificateSerialHex, Instant signingTime,
        boolean signerPinned) {

    /** A result that says nothing about pinned signers. */
    public VerificationResult(boolean signed, List<Violation> violations, SigningProfile profile, String algorithm,
            String signerSubject, String certificateSerialHex, Instant signingTime) {
        this(signed, violations, profile, algorithm, signerSubject, certificateSerialHex, signingTime, false);
    }

    public VerificationResult {
        violations = List.copyOf(violations);
    }

    /** True when nothing was found to refuse the document for. */
    public boolean valid() {
        return violations.isEmpty();
    }

    static VerificationResult unsigned(List<Violation> violations) {
        return new VerificationResult(false, violations, null, null, null, null, null);
    }
}
