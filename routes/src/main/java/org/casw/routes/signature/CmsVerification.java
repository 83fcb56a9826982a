package org.casw.routes.signature;

import java.time.Instant;
import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * Outcome of verifying a detached CMS signature.
 *
 * @param valid                true exactly when {@code violations} is empty
 * @param violations           every reason to refuse the signature, coded by {@link SignatureCodes}
 * @param signerSubject        RFC 2253 subject of the signer's certificate, or null if none could be found
 * @param certificateSerialHex serial number of the signer's certificate in lower-case hex, or null
 * @param algorithm            signature algorithm, e.g. {@code SHA256WITHECDSA} or {@code SM3WITHSM2}, or null
 * @param signingTime          signing time claimed in the signed attributes, or null if absent
 */
public record CmsVerification(boolean valid, List<Violation> violations, String signerSubject,
        String certificateSerialHex, String algorithm, Instant signingTime) {

    public CmsVerification {
        violations = List.copyOf(violations);
        if (valid != violations.isEmpty()) {
            throw new IllegalArgumentException("valid must be true exactly when there are no violations");
        }
    }
}
