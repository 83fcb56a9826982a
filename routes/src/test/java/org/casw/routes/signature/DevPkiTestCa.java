package org.casw.routes.signature;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;

/** Test-only CA operations with a DevPki root's private key: CRLs, intermediates and leaves DevPki does not issue. */
final class DevPkiTestCa {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyFamily family;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    /** This CA's certificate and its issuers up to the DevPki root. */
    private final List<X509Certificate> caChain;

    private DevPkiTestCa(KeyFamily family, PrivateKey key, List<X509Certificate> caChain) {
        this.family = family;
        this.caKey = key;
        this.caCertificate = caChain.get(0);
        this.caChain = List.copyOf(caChain);
    }

    /** Reads the family's root key from {@code root-ca.p12}; Bouncy Castle's PKCS#12 store, as SM2 needs it. */
    static DevPkiTestCa of(DevPki pki, KeyFamily family) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", PkixCertificateTrust.bouncyCastle());
        try (InputStream in = Files.newInputStream(pki.directory().resolve(DevPki.ROOT_CA_FILE))) {
            store.load(in, pki.password());
        }
        String alias = DevPki.rootAlias(family);
        PrivateKey key = (PrivateKey) store.getKey(alias, pki.password());
        return new DevPkiTestCa(family, key, List.of((X509Certificate) store.getCertificate(alias)));
    }

    /** This CA's own certificate (the DevPki root, or an intermediate made by {@link #intermediate}). */
    X509Certificate certificate() {
        return caCertificate;
    }

    /** A subordinate CA issued by this one, able to issue leaves and CRLs in turn. */
    DevPkiTestCa intermediate(String commonName, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keyPair = family.generateKeyPair(RANDOM);
        JcaX509v3CertificateBuilder builder = builder(commonName, "CA", notBefore, notAfter, keyPair);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(sign(builder));
        chain.addAll(caChain);
        return new DevPkiTestCa(family, keyPair.getPrivate(), chain);
    }

    /** A revocation entry; {@code reason} is a {@link org.bouncycastle.asn1.x509.CRLReason} code. */
    record Revocation(BigInteger serial, Instant at, int reason) {
        static Revocation of(X509Certificate certificate, Instant at, int reason) {
            return new Revocation(certificate.getSerialNumber(), at, reason);
        }
    }

    /** A CRL signed by this CA (SHA256withECDSA, SHA256withRSA or SM3withSM2). */
    X509CRL crl(Instant thisUpdate, Instant nextUpdate, Revocation... revocations) throws Exception {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(caCertificate, Date.from(thisUpdate));
        if (nextUpdate != null) {
            builder.setNextUpdate(Date.from(nextUpdate));
        }
        for (Revocation revocation : revocations) {
            builder.addCRLEntry(revocation.serial(), Date.from(revocation.at()), revocation.reason());
        }
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
        X509CRLHolder holder = builder.build(signer());
        return new JcaX509CRLConverter().setProvider(PkixCertificateTrust.bouncyCastle()).getCRL(holder);
    }

    /**
     * An end-entity certificate with exactly {@code keyUsage} (bits of {@link KeyUsage}), e.g. encryption only;
     * its chain runs up to the DevPki root.
     */
    IssuedIdentity leaf(String commonName, int keyUsage, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keyPair = family.generateKeyPair(RANDOM);
        JcaX509v3CertificateBuilder builder = builder(commonName, "TEST", notBefore, notAfter, keyPair);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(sign(builder));
        chain.addAll(caChain);
        return new IssuedIdentity(keyPair, chain);
    }

    private JcaX509v3CertificateBuilder builder(String commonName, String unit, Instant notBefore, Instant notAfter,
            KeyPair keyPair) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate,
                new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + commonName + ",OU=" + unit + ",O=" + DevPki.ORGANISATION + ",C=CN"),
                keyPair.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
        return builder;
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter()
                .setProvider(PkixCertificateTrust.bouncyCastle())
                .getCertificate(builder.build(signer()));
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder(family.signatureAlgorithm())
                .setProvider(PkixCertificateTrust.bouncyCastle())
                .build(caKey);
    }
}
