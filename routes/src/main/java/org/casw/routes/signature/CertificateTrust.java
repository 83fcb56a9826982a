package org.casw.routes.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * Decides whether a signer's certificate may be trusted at a moment: it chains to a trust anchor of
 * the partner, was valid then, has a signing key usage and is not revoked.
 */
public interface CertificateTrust {

    /**
     * Every reason not to trust the chain (leaf first) at {@code at}, coded {@link SignatureCodes#UNTRUSTED_SIGNER},
     * {@link SignatureCodes#CERTIFICATE_EXPIRED}, {@link SignatureCodes#CERTIFICATE_NOT_YET_VALID},
     * {@link SignatureCodes#CERTIFICATE_REVOKED} or {@link SignatureCodes#KEY_USAGE_INVALID}; empty when trusted.
     */
    List<Violation> check(List<X509Certificate> chain, Instant at);
}
