package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.validation.Violation;

/**
 * {@link CertificateTrust} by RFC 5280 path validation (Bouncy Castle's PKIX, so SM2 chains verify) against a
 * partner's root certificates, with revocation from CRLs supplied up front and, optionally, the leaf's status from an
 * OCSP responder.
 *
 * <p>Bouncy Castle's PKIX stops at the first failure, so only the time-independent part (chaining, issuer
 * signatures, CA constraints) is left to it; validity periods, revocation and the leaf's key usage are checked
 * here so that every applicable problem is reported with its own code.
 */
public final class PkixCertificateTrust implements CertificateTrust {

    /** Bits of {@link X509Certificate#getKeyUsage()}. */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    /** Reasons after which the revocation date does not bound when the key became unsafe. */
    private static final Set<CRLReason> COMPROMISE_REASONS =
            EnumSet.of(CRLReason.KEY_COMPROMISE, CRLReason.CA_COMPROMISE, CRLReason.AA_COMPROMISE);

    private final Set<TrustAnchor> anchors;
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject;
    private final Map<X500Principal, List<IndexedCrl>> crlsByIssuer;
    /** CRL entries by issuer and serial: national CAs' CRLs hold many entries, and X509CRL scans them linearly. */
    private final Map<IssuerSerial, List<RevokedEntry>> revokedEntries;
    private final boolean requireRevocationInfo;
    /** Asked about the leaf only, or null: intermediates change rarely and are covered by their issuers' CRLs. */
    private final OcspClient ocsp;
    /** Base parameters, cloned per call: PKIXParameters is mutable and the date differs per check. */
    private final PKIXParameters baseParameters;
    /** Whether CRL n verifies with a given issuer key; CRL signatures are checked once, not per message. */
    private final ConcurrentMap<CrlSigner, Boolean> crlSignatureValid = new ConcurrentHashMap<>();

    /** Trusts chains to {@code trustAnchors}, with no revocation information. */
    public PkixCertificateTrust(Collection<X509Certificate> trustAnchors) {
        this(trustAnchors, List.of(), false);
    }

    /** Trusts chains to {@code trustAnchors}, refusing certificates the CRLs revoke; a missing CRL is no failure. */
    public PkixCertificateTrust(Collection<X509Certificate> trustAnchors, List<X509CRL> crls) {
        this(trustAnchors, crls, false);
    }

    /**
     * Trusts chains to {@code trustAnchors}, refusing certificates the CRLs revoke.
     *
     * @param requireRevocationInfo when true, every certificate below the anchor needs a CRL from its issuer,
     *                              signed by it and not past its nextUpdate at the checked moment
     */
    public PkixCertificateTrust(Collection<X509Certificate> trustAnchors, List<X509CRL> crls,
            boolean requireRevocationInfo) {
        this(trustAnchors, crls, requireRevocationInfo, null);
    }

    /**
     * Trusts chains to {@code trustAnchors}, refusing certificates the CRLs revoke and leaves {@code ocsp} reports
     * revoked.
     *
     * @param requireRevocationInfo when true, every certificate below the anchor needs a CRL from its issuer,
     *                              signed by it and not past its nextUpdate at the checked moment; for the leaf, a
     *                              GOOD or REVOKED answer from {@code ocsp} serves as well
     * @param ocsp                  asked about each leaf on every check, or null for CRLs only
     */
    public PkixCertificateTrust(Collection<X509Certificate> trustAnchors, List<X509CRL> crls,
            boolean requireRevocationInfo, OcspClient ocsp) {
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(crls, "crls");
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is required");
        }
        CertificateFactory factory = certificateFactory();
        Set<TrustAnchor> anchorSet = new LinkedHashSet<>();
        Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
        for (X509Certificate anchor : trustAnchors) {
            // Re-parsed by Bouncy Castle, so certificates from the JDK's factory also verify through BC.
            X509Certificate parsed = reparse(factory, anchor);
            anchorSet.add(new TrustAnchor(parsed, null));
            bySubject.computeIfAbsent(parsed.getSubjectX500Principal(), k -> new ArrayList<>()).add(parsed);
        }
        this.anchors = Set.copyOf(anchorSet);
        this.anchorsBySubject = copyOfLists(bySubject);

        Map<X500Principal, List<IndexedCrl>> byIssuer = new HashMap<>();
        for (int i = 0; i < crls.size(); i++) {
            X509CRL crl = Objects.requireNonNull(crls.get(i), "crls[" + i + "]");
            byIssuer.computeIfAbsent(crl.getIssuerX500Principal(), k -> new ArrayList<>()).add(new IndexedCrl(i, crl));
        }
        this.crlsByIssuer = copyOfLists(byIssuer);
        Map<IssuerSerial, List<RevokedEntry>> entries = new HashMap<>();
        for (List<IndexedCrl> sameIssuer : crlsByIssuer.values()) {
            for (IndexedCrl crl : sameIssuer) {
                Set<? extends X509CRLEntry> revoked = crl.crl().getRevokedCertificates();
                for (X509CRLEntry entry : revoked == null ? Set.<X509CRLEntry>of() : revoked) {
                    // Entries of indirect CRLs name another issuer; those CRLs are not supported, so skipped.
                    X500Principal issuer = entry.getCertificateIssuer() == null
                            ? crl.crl().getIssuerX500Principal() : entry.getCertificateIssuer();
                    if (issuer.equals(crl.crl().getIssuerX500Principal())) {
                        entries.computeIfAbsent(new IssuerSerial(issuer, entry.getSerialNumber()),
                                k -> new ArrayList<>()).add(new RevokedEntry(crl, entry));
                    }
                }
            }
        }
        this.revokedEntries = copyOfLists(entries);
        this.requireRevocationInfo = requireRevocationInfo;
        this.ocsp = ocsp;

        try {
            PKIXParameters parameters = new PKIXParameters(this.anchors);
            // Revocation is checked below, with the semantics this gateway wants (see checkRevocation).
            parameters.setRevocationEnabled(false);
            parameters.setSigProvider(bouncyCastle().getName());
            this.baseParameters = parameters;
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalArgumentException("unusable trust anchors: " + e.getMessage(), e);
        }
        // A CRL naming an anchor as issuer must verify with that anchor's key now: ignoring a bad one later would
        // silently switch revocation off. CRLs of intermediate CAs are verified on first use.
        for (Map.Entry<X500Principal, List<X509Certificate>> anchor : anchorsBySubject.entrySet()) {
            for (IndexedCrl crl : crlsByIssuer.getOrDefault(anchor.getKey(), List.of())) {
                boolean verified = false;
                for (X509Certificate candidate : anchor.getValue()) {
                    verified |= verifiedBy(crl, candidate.getPublicKey());
                }
                if (!verified) {
                    throw new IllegalArgumentException("CRL " + (crl.index() + 1) + " of " + crls.size() + " names "
                            + name(anchor.getKey()) + " as issuer but is not signed by that trust anchor's key");
                }
            }
        }
    }

    @Override
    public List<Violation> check(List<X509Certificate> chain, Instant at) {
        Objects.requireNonNull(at, "at");
        if (chain == null || chain.isEmpty() || chain.get(0) == null) {
            return List.of(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null, "no signer certificate was supplied"));
        }
        List<Violation> violations = new ArrayList<>();
        List<X509Certificate> path;
        try {
            path = orderedPath(chain);
        } catch (IllegalArgumentException e) {
            return List.of(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null,
                    "signer certificate chain cannot be parsed: " + e.getMessage()));
        }
        X509Certificate leaf = path.get(0);

        Optional<X509Certificate> anchor = validatePath(path, at, violations);
        for (X509Certificate certificate : path) {
            checkValidity(certificate, at, violations);
        }
        // Revocation needs the issuer proven by path validation: a CRL "signed" by an untrusted key means nothing.
        if (anchor.isPresent()) {
            for (int i = 0; i < path.size(); i++) {
                X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor.get();
                if (i == 0 && ocsp != null) {
                    checkLeafRevocation(leaf, issuer, at, violations);
                } else {
                    checkRevocation(path.get(i), issuer.getPublicKey(), at, violations);
                }
            }
        }
        checkKeyUsage(leaf, violations);
        return List.copyOf(violations);
    }

    /**
     * The chain as a certification path: leaf first, each next certificate the issuer of the one before, ending
     * below a trust anchor. Partners send chains in any order, with or without the root.
     */
    private List<X509Certificate> orderedPath(List<X509Certificate> chain) {
        CertificateFactory factory = certificateFactory();
        List<X509Certificate> remaining = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (certificate != null) {
                remaining.add(reparse(factory, certificate));
            }
        }
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = remaining.remove(0);
        path.add(current);
        while (!anchorsBySubject.containsKey(current.getIssuerX500Principal()) && !isSelfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : remaining) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    /**
     * Runs PKIX on the path, at a moment when every certificate in it is valid if there is one, so that a
     * failure here means a chaining problem; validity at {@code at} is reported separately.
     */
    private Optional<X509Certificate> validatePath(List<X509Certificate> path, Instant at, List<Violation> violations) {
        X509Certificate leaf = path.get(0);
        try {
            PKIXParameters parameters = (PKIXParameters) baseParameters.clone();
            parameters.setDate(Date.from(structuralDate(path, at)));
            CertPath certPath = certificateFactory().generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX", bouncyCastle());
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) validator.validate(certPath, parameters);
            // Every anchor is built from a certificate (see the constructor); OCSP needs its name and key.
            return Optional.of(result.getTrustAnchor().getTrustedCert());
        } catch (CertPathValidatorException e) {
            violations.add(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null, describe(leaf)
                    + " does not chain to a trusted root: " + reason(e, path)));
        } catch (GeneralSecurityException e) {
            violations.add(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null, describe(leaf)
                    + " could not be validated: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** {@code at} moved into the interval in which every certificate of the path is valid, if it is not empty. */
    private static Instant structuralDate(List<X509Certificate> path, Instant at) {
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            latestStart = notBefore.isAfter(latestStart) ? notBefore : latestStart;
            earliestEnd = notAfter.isBefore(earliestEnd) ? notAfter : earliestEnd;
        }
        if (latestStart.isAfter(earliestEnd)) {
            return at;
        }
        if (at.isBefore(latestStart)) {
            return latestStart;
        }
        return at.isAfter(earliestEnd) ? earliestEnd : at;
    }

    private static String reason(CertPathValidatorException e, List<X509Certificate> path) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // BC's own message is often generic ("TrustAnchor found but certificate validation failed."); the cause says why.
        if (e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())) {
            message = message + " " + e.getCause().getMessage();
        }
        int index = e.getIndex();
        if (index > 0 && index < path.size()) {
            return message + " (at " + describe(path.get(index)) + ")";
        }
        return message;
    }

    private static void checkValidity(X509Certificate certificate, Instant at, List<Violation> violations) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            violations.add(Violation.of(SignatureCodes.CERTIFICATE_NOT_YET_VALID, null, describe(certificate)
                    + " is not valid before " + format(notBefore) + " (checked at " + format(at) + ")"));
        } else if (at.isAfter(notAfter)) {
            violations.add(Violation.of(SignatureCodes.CERTIFICATE_EXPIRED, null, describe(certificate)
                    + " expired on " + format(notAfter) + " (checked at " + format(at) + ")"));
        }
    }

    /**
     * Revoked when a CRL signed by the issuer lists the certificate with a revocation date at or before
     * {@code at}, or lists it for a compromise at any date: a stolen key can sign with any claimed time.
     */
    private void checkRevocation(X509Certificate certificate, PublicKey issuerKey, Instant at,
            List<Violation> violations) {
        if (revokedByCrl(certificate, issuerKey, at, violations)) {
            return;
        }
        X500Principal issuer = certificate.getIssuerX500Principal();
        if (requireRevocationInfo && !isCovered(issuer, issuerKey, at)) {
            violations.add(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null, "revocation status of "
                    + describe(certificate) + " is unknown: no CRL from " + name(certificate.getIssuerX500Principal())
                    + " is current at " + format(at)));
        }
    }

    /**
     * The leaf with an OCSP client: CRLs first (no network call when one already revokes), then the responder. Either
     * a current CRL or a signed GOOD/REVOKED answer is enough revocation information.
     */
    private void checkLeafRevocation(X509Certificate leaf, X509Certificate issuer, Instant at,
            List<Violation> violations) {
        PublicKey issuerKey = issuer.getPublicKey();
        if (revokedByCrl(leaf, issuerKey, at, violations)) {
            return;
        }
        OcspClient.Outcome outcome = ocsp.query(leaf, issuer);
        OcspClient.Status status = outcome.status();
        if (status != null && status.kind() == OcspClient.Status.Kind.REVOKED) {
            addIfRevoked(leaf, status.revokedAt(), status.reason(), at, " according to its OCSP responder",
                    violations);
            return; // revoked only after the checked moment: the answer is still revocation information
        }
        if (status != null && status.kind() == OcspClient.Status.Kind.GOOD) {
            return;
        }
        if (requireRevocationInfo && !isCovered(leaf.getIssuerX500Principal(), issuerKey, at)) {
            String why = status != null ? "the OCSP responder does not know it" : outcome.failure();
            violations.add(Violation.of(SignatureCodes.UNTRUSTED_SIGNER, null, "revocation status unknown for "
                    + describe(leaf) + ": no CRL from " + name(leaf.getIssuerX500Principal()) + " is current at "
                    + format(at) + ", and OCSP gave no answer (" + why + ")"));
        }
    }

    /** Adds CERTIFICATE_REVOKED and returns true when a CRL signed by the issuer revokes the certificate for {@code at}. */
    private boolean revokedByCrl(X509Certificate certificate, PublicKey issuerKey, Instant at,
            List<Violation> violations) {
        X500Principal issuer = certificate.getIssuerX500Principal();
        for (RevokedEntry revoked : revokedEntries.getOrDefault(
                new IssuerSerial(issuer, certificate.getSerialNumber()), List.of())) {
            if (!verifiedBy(revoked.crl(), issuerKey)) {
                continue;
            }
            X509CRLEntry entry = revoked.entry();
            if (addIfRevoked(certificate, entry.getRevocationDate().toInstant(), entry.getRevocationReason(), at,
                    "", violations)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one revocation policy for CRL entries and OCSP answers: revoked from the revocation time on, and for
     * every moment after a compromise, whose revocation date does not bound when the key became unsafe.
     */
    private static boolean addIfRevoked(X509Certificate certificate, Instant revokedAt, CRLReason reason, Instant at,
            String source, List<Violation> violations) {
        // source: empty for CRLs, keeping their message as before; otherwise appended after the reason.
        boolean compromise = reason != null && COMPROMISE_REASONS.contains(reason);
        if (revokedAt.isAfter(at) && !compromise) {
            return false;
        }
        String why = reason == null ? "" : " (" + reason + ")";
        violations.add(Violation.of(SignatureCodes.CERTIFICATE_REVOKED, null, describe(certificate)
                + " was revoked on " + format(revokedAt) + why + source
                + (compromise && revokedAt.isAfter(at)
                        ? "; a compromise revocation applies to earlier moments too (checked at " + format(at) + ")"
                        : "")));
        return true;
    }

    /** Whether a CRL signed by the issuer speaks for {@code at}: no nextUpdate, or one after {@code at}. */
    private boolean isCovered(X500Principal issuer, PublicKey issuerKey, Instant at) {
        for (IndexedCrl crl : crlsByIssuer.getOrDefault(issuer, List.of())) {
            Date nextUpdate = crl.crl().getNextUpdate();
            if ((nextUpdate == null || nextUpdate.toInstant().isAfter(at)) && verifiedBy(crl, issuerKey)) {
                return true;
            }
        }
        return false;
    }

    private boolean verifiedBy(IndexedCrl crl, PublicKey issuerKey) {
        return crlSignatureValid.computeIfAbsent(new CrlSigner(crl.index(), issuerKey), key -> {
            try {
                crl.crl().verify(issuerKey, bouncyCastle());
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        });
    }

    private static void checkKeyUsage(X509Certificate leaf, List<Violation> violations) {
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null) {
            return; // no extension: any usage allowed (RFC 5280 4.2.1.3)
        }
        boolean signing = (usage.length > DIGITAL_SIGNATURE && usage[DIGITAL_SIGNATURE])
                || (usage.length > NON_REPUDIATION && usage[NON_REPUDIATION]);
        if (!signing) {
            violations.add(Violation.of(SignatureCodes.KEY_USAGE_INVALID, null, describe(leaf)
                    + " has a key usage allowing neither digitalSignature nor nonRepudiation"));
        }
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** Subject and serial, the pair a partner's PKI operator needs to find the certificate. */
    static String describe(X509Certificate certificate) {
        return "certificate '" + name(certificate.getSubjectX500Principal()) + "' serial "
                + serialHex(certificate.getSerialNumber());
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static X509Certificate reparse(CertificateFactory factory, X509Certificate certificate) {
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot re-encode certificate "
                    + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    /** A fresh factory each time: CertificateFactory instances keep parsing state and are not thread-safe. */
    private static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509", bouncyCastle());
        } catch (CertificateException e) {
            throw new IllegalStateException("Bouncy Castle has no X.509 certificate factory", e);
        }
    }

    private static <K, V> Map<K, List<V>> copyOfLists(Map<K, List<V>> map) {
        Map<K, List<V>> copy = new HashMap<>();
        map.forEach((key, value) -> copy.put(key, List.copyOf(value)));
        return Map.copyOf(copy);
    }

    /**
     * The registered "BC" provider, registered at the end of the list if absent. Every call in this package names
     * it explicitly; putting it first would change the JVM's TLS and every other default lookup too.
     */
    static Provider bouncyCastle() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            return registered;
        }
        // addProvider is a no-op returning -1 when another thread won the race; either way "BC" is now there.
        Security.addProvider(new BouncyCastleProvider());
        return Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    private record IndexedCrl(int index, X509CRL crl) {
    }

    private record IssuerSerial(X500Principal issuer, BigInteger serial) {
    }

    private record RevokedEntry(IndexedCrl crl, X509CRLEntry entry) {
    }

    private record CrlSigner(int crlIndex, PublicKey issuerKey) {
    }

    @Override
    public String toString() {
        Set<String> names = new HashSet<>();
        anchorsBySubject.keySet().forEach(p -> names.add(name(p)));
        return "PkixCertificateTrust[anchors=" + names + ", crls=" + crlsByIssuer.values().stream()
                .mapToInt(List::size).sum() + ", requireRevocationInfo=" + requireRevocationInfo + (ocsp == null ? "" : ", ocsp=" + ocsp)
                        + "]";
    }
}
