package org.casw.routes.signature;

/** Stable violation codes of signature verification; documented in docs/security-model.md. */
public final class SignatureCodes {
    /** The partner must sign, and the document carries no signature. */
    public static final String SIGNATURE_REQUIRED = "SIGNATURE_REQUIRED";
    /** The signature or a digest does not verify: content, signature or certificate were altered. */
    public static final String SIGNATURE_INVALID = "SIGNATURE_INVALID";
    /** The signature does not cover exactly the whole document (extra, foreign or partial references, several signatures). */
    public static final String SIGNATURE_WRAPPING = "SIGNATURE_WRAPPING";
    /** A signature, digest or canonicalization algorithm outside the partner's allow-list. */
    public static final String ALGORITHM_NOT_ALLOWED = "ALGORITHM_NOT_ALLOWED";
    /** The signer's certificate does not chain to the partner's trust anchors. */
    public static final String UNTRUSTED_SIGNER = "UNTRUSTED_SIGNER";
    /** The signer's certificate had expired at signing time. */
    public static final String CERTIFICATE_EXPIRED = "CERTIFICATE_EXPIRED";
    /** The signer's certificate was not yet valid at signing time. */
    public static final String CERTIFICATE_NOT_YET_VALID = "CERTIFICATE_NOT_YET_VALID";
    /** The signer's certificate is revoked (CRL or OCSP). */
    public static final String CERTIFICATE_REVOKED = "CERTIFICATE_REVOKED";
    /** The signer's certificate is trusted but is not one the partner agreement pins (its subject or key identifier). */
    public static final String SIGNER_NOT_PINNED = "SIGNER_NOT_PINNED";
    /** The signer's certificate does not allow digital signatures. */
    public static final String KEY_USAGE_INVALID = "KEY_USAGE_INVALID";

    private SignatureCodes() {
    }
}
