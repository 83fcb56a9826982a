package org.casw.certs;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A stand-alone development CA held in memory, with the validity its caller chooses: the stranger PKI of
 * conformance tests and the long-lived roots of the published signature test vectors. Writes no file.
 */
public final class CertificateAuthority {

    private final RootAuthority root;
    private final SecureRandom random;

    private CertificateAuthority(RootAuthority root, SecureRandom random) {
        this.root = root;
        this.random = random;
    }

    /** Generates a root key pair and a self-signed CA certificate; subject CN=commonName, O, C=CN. */
    public static CertificateAuthority create(KeyFamily family, String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(commonName, "commonName");
        SecureRandom random = new SecureRandom();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, DevPki.ORGANISATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
        return new CertificateAuthority(RootAuthority.create(family, subject, notBefore, notAfter, random), random);
    }

    /** Issues an end-entity signing certificate: subject CN=commonName, OU=partyId, O, C=country. */
    public IssuedIdentity issue(String commonName, String partyId, String country, Instant notBefore, Instant notAfter) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, DevPki.ORGANISATION)
                .addRDN(BCStyle.OU, partyId)
                .addRDN(BCStyle.CN, commonName)
                .build();
        return root.issue(subject, notBefore, notAfter, random);
    }

    public KeyFamily family() {
        return root.family();
    }

    /** The CA's self-signed certificate: the trust anchor of what it issues. */
    public X509Certificate certificate() {
        return root.certificate();
    }

    /** Names the subject only. */
    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
