package org.casw.gateway.as4;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;

/**
 * The algorithm sets an agreement chooses from ({@code as4.profile}). Both encrypt payloads with AES-128-GCM and
 * digest with SHA-256; they differ in the keys: {@link #RSA} signs with RSA-SHA256 and transports the content key
 * with RSA-OAEP to one RSA certificate; {@link #EDELIVERY2}, eDelivery AS4 2.0's common profile, signs with
 * EdDSA Ed25519 and agrees a key-wrapping key by X25519 with HKDF (SHA-256) to wrap the content key with AES-128,
 * so a partner has a signing and an encryption certificate.
 */
public enum As4Profile {

    RSA("rsa", ECryptoAlgorithmSign.RSA_SHA_256, "RSA"),
    EDELIVERY2("edelivery2", ECryptoAlgorithmSign.EDDSA_ED25519, "Ed25519");

    private final String id;
    private final ECryptoAlgorithmSign signature;
    private final String signingKeyAlgorithm;

    As4Profile(String id, ECryptoAlgorithmSign signature, String signingKeyAlgorithm) {
        this.id = id;
        this.signature = signature;
        this.signingKeyAlgorithm = signingKeyAlgorithm;
    }

    /** The name in agreements: {@code rsa} or {@code edelivery2}. */
    public String id() {
        return id;
    }

    /** The signature algorithm of messages and receipts. */
    public ECryptoAlgorithmSign signature() {
        return signature;
    }

    /** The JCA algorithm of the signing key ({@code RSA} or {@code Ed25519}). */
    public String signingKeyAlgorithm() {
        return signingKeyAlgorithm;
    }

    /** The profile named so in an agreement (case-insensitive). */
    public static Optional<As4Profile> of(String id) {
        return id == null ? Optional.empty()
                : Arrays.stream(values()).filter(p -> p.id.equals(id.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The profile whose signature algorithm this is (receipts are signed like the message they answer). */
    static As4Profile signingWith(ECryptoAlgorithmSign algorithm) {
        return Arrays.stream(values()).filter(p -> p.signature == algorithm).findFirst().orElse(RSA);
    }
}
