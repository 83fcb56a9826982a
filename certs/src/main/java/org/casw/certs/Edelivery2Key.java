package org.casw.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The two AS4 keys of eDelivery AS4 2.0's common profile, each with its own certificate: an Ed25519 key
 * that signs messages and receipts, and an X25519 key that partners agree content-encryption keys with
 * (X25519, HKDF, AES key wrap). An X25519 key cannot sign, hence two keys where the RSA profile has one.
 */
public enum Edelivery2Key {

    /** EdDSA on Curve25519: signs AS4 messages and receipts. */
    SIGNING("ed25519", "Ed25519", KeyUsage.digitalSignature | KeyUsage.nonRepudiation),

    /** X25519: the key senders agree an AES key-wrapping key with, to encrypt for this party. */
    ENCRYPTION("x25519", "X25519", KeyUsage.keyAgreement);

    private final String suffix;
    private final String keyAlgorithm;
    private final int keyUsage;

    Edelivery2Key(String suffix, String keyAlgorithm, int keyUsage) {
        this.suffix = suffix;
        this.keyAlgorithm = keyAlgorithm;
        this.keyUsage = keyUsage;
    }

    /** Short name used in aliases: {@code ed25519} or {@code x25519}. */
    public String suffix() {
        return suffix;
    }

    /** JCA key algorithm name ({@code Ed25519} or {@code X25519}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    int keyUsage() {
        return keyUsage;
    }

    KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, BouncyCastle.provider());
            generator.initialize(255, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DevPkiException("cannot generate an " + keyAlgorithm + " key pair", e);
        }
    }
}
