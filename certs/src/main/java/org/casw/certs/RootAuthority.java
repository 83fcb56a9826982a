package org.casw.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A development root CA of one key family: its private key and self-signed certificate. */
final class RootAuthority {

    private static final int SERIAL_BITS = 128;

    private final KeyFamily family;
    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    RootAuthority(KeyFamily family, PrivateKey privateKey, X509Certificate certificate) {
        this.family = family;
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /** Generates a key pair and a self-signed CA certificate for it. */
    static RootAuthority create(KeyFamily family, X500Name subject, Instant notBefore, Instant notAfter,
            SecureRandom random) {
        requireOrdered(notBefore, notAfter);
        KeyPair keyPair = family.generateKeyPair(random);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(keyPair.getPublic()));
        } catch (CertIOException e) {
            throw new DevPkiException("cannot encode root CA extensions", e);
        }
        X509Certificate certificate = sign(builder, family, keyPair.getPrivate(), random);
        return new RootAuthority(family, keyPair.getPrivate(), certificate);
    }

    /** Generates a key pair for {@code subject} and an end-entity certificate for it signed by this root. */
    IssuedIdentity issue(X500Name subject, Instant notBefore, Instant notAfter, SecureRandom random) {
        return issue(subject, family.generateKeyPair(random), family.leafKeyUsage(), notBefore, notAfter, random);
    }

    /** An end-entity certificate for a key pair of any algorithm (an Ed25519 or X25519 key, say), signed by this root. */
    IssuedIdentity issue(X500Name subject, KeyPair keyPair, int keyUsage, Instant notBefore, Instant notAfter, SecureRandom random) {
        requireOrdered(notBefore, notAfter);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new DevPkiException("cannot encode leaf certificate extensions", e);
        }
        X509Certificate leaf = sign(builder, family, privateKey, random);
        return new IssuedIdentity(keyPair, List.of(leaf, certificate));
    }

    KeyFamily family() {
        return family;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "RootAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    /** Copies the root's own SKI, so chain building matches even for a root loaded from disk. */
    private AuthorityKeyIdentifier authorityKeyIdentifier() throws GeneralSecurityException {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(
                new JcaX509CertificateHolder(certificate).getExtensions());
        if (ski == null) {
            throw new DevPkiException("root CA certificate has no subject key identifier: "
                    + certificate.getSubjectX500Principal().getName());
        }
        return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
    }

    private static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key);
        } catch (GeneralSecurityException e) {
            throw new DevPkiException("cannot compute a subject key identifier", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyFamily family, PrivateKey signer,
            SecureRandom random) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(family.signatureAlgorithm())
                    .setProvider(BouncyCastle.provider())
                    .setSecureRandom(random)
                    .build(signer);
            return new JcaX509CertificateConverter()
                    .setProvider(BouncyCastle.provider())
                    .getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new DevPkiException("cannot sign a " + family + " certificate", e);
        }
    }

    /** Positive and non-zero, as RFC 5280 requires; 128 random bits make collisions irrelevant. */
    private static BigInteger serial(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static void requireOrdered(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }
}
