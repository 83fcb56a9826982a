package org.casw.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The key algorithms the gateway signs with, each with its own development root CA. */
public enum KeyFamily {

    /** ECDSA on NIST P-256, certificates signed SHA256withECDSA. */
    EC_P256("ec", "EC", "secp256r1", "SHA256withECDSA", KeyUsage.digitalSignature | KeyUsage.nonRepudiation),

    /** RSA 2048-bit, certificates signed SHA256withRSA. */
    RSA_2048("rsa", "RSA", null, "SHA256withRSA",
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment),

    /** Chinese SM2 on sm2p256v1, certificates signed SM3withSM2 (what China E-Port certificates use). */
    SM2("sm2", "EC", "sm2p256v1", "SM3withSM2", KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

    private static final int RSA_KEY_SIZE = 2048;

    private final String suffix;
    private final String keyAlgorithm;
    private final String curve;
    private final String signatureAlgorithm;
    private final int leafKeyUsage;

    KeyFamily(String suffix, String keyAlgorithm, String curve, String signatureAlgorithm, int leafKeyUsage) {
        this.suffix = suffix;
        this.keyAlgorithm = keyAlgorithm;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
        this.leafKeyUsage = leafKeyUsage;
    }

    /** Short name used in file names and aliases: {@code ec}, {@code rsa} or {@code sm2}. */
    public String suffix() {
        return suffix;
    }

    /** JCA key algorithm name ({@code EC} or {@code RSA}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** JCA signature algorithm used for certificates and for signing with leaf keys of this family. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a fresh key pair of this family with Bouncy Castle. */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, BouncyCastle.provider());
            if (curve == null) {
                generator.initialize(RSA_KEY_SIZE, random);
            } else {
                generator.initialize(new ECGenParameterSpec(curve), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new DevPkiException("cannot generate a " + this + " key pair", e);
        }
    }

    /** The family whose suffix is given, e.g. {@code sm2}. */
    public static KeyFamily fromSuffix(String suffix) {
        return Arrays.stream(values())
                .filter(f -> f.suffix.equals(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key family suffix: " + suffix));
    }

    /** Key usage bits for end-entity certificates; only RSA keys can also wrap content keys. */
    int leafKeyUsage() {
        return leafKeyUsage;
    }
}
