package org.casw.routes.signature;

import java.time.Instant;
import java.util.Objects;

/**
 * Choices a signature leaves open within its profile.
 *
 * @param xadesBes    add XAdES-BES signed properties (signing time and signing certificate digest);
 *                    W3C profiles only, E-Port peers do not expect them
 * @param eportDigest digest of the E-Port profile's reference: SHA-1 as in real E-Port samples, or SM3
 * @param signingTime the XAdES SigningTime; null means the signer's clock at signing
 */
public record SigningOptions(boolean xadesBes, DigestChoice eportDigest, Instant signingTime) {

    /** Digest of the {@link SigningProfile#CN_EPORT_SM2} reference. */
    public enum DigestChoice {
        /** {@code http://www.w3.org/2000/09/xmldsig#sha1}: what E-Port samples carry. */
        SHA1("http://www.w3.org/2000/09/xmldsig#sha1"),
        /** {@code http://www.w3.org/2007/05/xmldsig-more#sm3}, computed by Bouncy Castle. */
        SM3(EportAlgorithms.DIGEST_SM3);

        private final String uri;

        DigestChoice(String uri) {
            this.uri = uri;
        }

        /** The DigestMethod algorithm URI. */
        public String uri() {
            return uri;
        }
    }

    public SigningOptions {
        Objects.requireNonNull(eportDigest, "eportDigest");
    }

    /** No XAdES, SHA-1 for E-Port (matching what E-Port samples carry). */
    public static SigningOptions defaults() {
        return new SigningOptions(false, DigestChoice.SHA1, null);
    }

    /** XAdES-BES with the given signing time (null: now). */
    public static SigningOptions xades(Instant signingTime) {
        return new SigningOptions(true, DigestChoice.SHA1, signingTime);
    }

    /** E-Port with the given reference digest. */
    public static SigningOptions eport(DigestChoice digest) {
        return new SigningOptions(false, digest, null);
    }
}
