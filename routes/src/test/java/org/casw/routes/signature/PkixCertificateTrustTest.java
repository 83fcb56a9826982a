package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.DevPkiTestCa.Revocation;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkixCertificateTrustTest {

    private static final String PARTY = "SG-NSW";

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static DevPki otherPki;

    @BeforeAll
    static void createPkis() {
        pki = DevPki.ensure(directory.resolve("ours"));
        otherPki = DevPki.ensure(directory.resolve("other"));
    }

    private static PkixCertificateTrust trust(KeyFamily family, X509CRL... crls) {
        return new PkixCertificateTrust(List.of(pki.rootCertificate(family)), List.of(crls));
    }

    /** A moment the root is valid at, an hour after it was created; test leaves are placed around it. */
    private static Instant base(KeyFamily family) {
        return pki.rootCertificate(family).getNotBefore().toInstant().plus(Duration.ofHours(1));
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void devPkiLeafIsTrustedByItsRoot(KeyFamily family) {
        IssuedIdentity identity = pki.identity(PARTY, family);

        assertThat(trust(family).check(identity.chain(), Instant.now())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafWithoutRootInChainOrInReverseOrderIsTrusted(KeyFamily family) {
        IssuedIdentity identity = pki.identity(PARTY, family);
        List<X509Certificate> reversed = new ArrayList<>(identity.chain());
        Collections.reverse(reversed);
        reversed.add(0, reversed.remove(reversed.size() - 1)); // leaf must stay first; the rest in any order

        assertThat(trust(family).check(List.of(identity.certificate()), Instant.now())).isEmpty();
        assertThat(trust(family).check(reversed, Instant.now())).isEmpty();
    }

    /** Not SM2: JDK 17's CertificateFactory refuses SM2 certificates outright ("Unknown named curve"). */
    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "RSA_2048"})
    void chainParsedByTheJdkCertificateFactoryIsTrusted(KeyFamily family) throws Exception {
        CertificateFactory jdk = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (X509Certificate certificate : pki.identity(PARTY, family).chain()) {
            chain.add((X509Certificate) jdk.generateCertificate(new ByteArrayInputStream(certificate.getEncoded())));
        }
        X509Certificate jdkRoot = chain.get(chain.size() - 1);

        assertThat(new PkixCertificateTrust(List.of(jdkRoot)).check(chain, Instant.now())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafOfAnotherPkiWithTheSameRootNameIsUntrusted(KeyFamily family) {
        IssuedIdentity foreign = otherPki.identity(PARTY, family);

        List<Violation> violations = trust(family).check(foreign.chain(), Instant.now());

        assertThat(codes(violations)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(violations.get(0).message())
                .contains("OU=" + PARTY)
                .contains(foreign.certificate().getSerialNumber().toString(16))
                .contains("does not chain to a trusted root");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafCheckedAfterItsNotAfterIsExpired(KeyFamily family) {
        Instant base = base(family);
        IssuedIdentity expired = pki.issue(PARTY, "Expired signer", family, base, base.plus(Duration.ofHours(1)));

        List<Violation> violations = trust(family).check(expired.chain(), base.plus(Duration.ofHours(2)));

        assertThat(codes(violations)).containsExactly(SignatureCodes.CERTIFICATE_EXPIRED);
        assertThat(violations.get(0).message())
                .contains("CN=Expired signer")
                .contains(expired.certificate().getSerialNumber().toString(16))
                .contains("expired on " + base.plus(Duration.ofHours(1)));
        assertThat(violations.get(0).path()).isNull();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafCheckedBeforeItsNotBeforeIsNotYetValid(KeyFamily family) {
        Instant base = base(family);
        IssuedIdentity future = pki.issue(PARTY, "Future signer", family, base.plus(Duration.ofDays(1)),
                base.plus(Duration.ofDays(30)));

        List<Violation> violations = trust(family).check(future.chain(), base);

        assertThat(codes(violations)).containsExactly(SignatureCodes.CERTIFICATE_NOT_YET_VALID);
        assertThat(violations.get(0).message()).contains("not valid before " + base.plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafRevokedBeforeTheCheckedMomentIsRevoked(KeyFamily family) throws Exception {
        Instant base = base(family);
        IssuedIdentity identity = pki.issue(PARTY, "Revoked signer", family, base, base.plus(Duration.ofDays(30)));
        X509CRL crl = DevPkiTestCa.of(pki, family).crl(base.plus(Duration.ofDays(2)), base.plus(Duration.ofDays(9)),
                Revocation.of(identity.certificate(), base.plus(Duration.ofDays(1)), CRLReason.superseded));

        List<Violation> violations = trust(family, crl).check(identity.chain(), base.plus(Duration.ofDays(3)));

        assertThat(codes(violations)).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
        assertThat(violations.get(0).message())
                .contains(identity.certificate().getSerialNumber().toString(16))
                .contains("revoked on " + base.plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafRevokedOnlyAfterTheCheckedMomentIsTrusted(KeyFamily family) throws Exception {
        Instant base = base(family);
        IssuedIdentity identity = pki.issue(PARTY, "Later revoked", family, base, base.plus(Duration.ofDays(30)));
        X509CRL crl = DevPkiTestCa.of(pki, family).crl(base.plus(Duration.ofDays(2)), base.plus(Duration.ofDays(9)),
                Revocation.of(identity.certificate(), base.plus(Duration.ofDays(1)), CRLReason.cessationOfOperation));

        assertThat(trust(family, crl).check(identity.chain(), base.plus(Duration.ofHours(12)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void keyCompromiseRevokesEvenForMomentsBeforeTheRevocationDate(KeyFamily family) throws Exception {
        Instant base = base(family);
        IssuedIdentity identity = pki.issue(PARTY, "Compromised", family, base, base.plus(Duration.ofDays(30)));
        X509CRL crl = DevPkiTestCa.of(pki, family).crl(base.plus(Duration.ofDays(2)), base.plus(Duration.ofDays(9)),
                Revocation.of(identity.certificate(), base.plus(Duration.ofDays(1)), CRLReason.keyCompromise));

        List<Violation> violations = trust(family, crl).check(identity.chain(), base.plus(Duration.ofHours(12)));

        assertThat(codes(violations)).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
        assertThat(violations.get(0).message()).contains("KEY_COMPROMISE");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void crlSignedByAnotherRootWithTheSameNameIsRefusedUpFront(KeyFamily family) throws Exception {
        Instant base = base(family);
        IssuedIdentity identity = pki.issue(PARTY, "Forged CRL target", family, base, base.plus(Duration.ofDays(30)));
        X509CRL forged = DevPkiTestCa.of(otherPki, family).crl(base, base.plus(Duration.ofDays(9)),
                Revocation.of(identity.certificate(), base, CRLReason.keyCompromise));

        // Ignoring it at check time instead would silently switch revocation checking off.
        assertThatThrownBy(() -> trust(family, forged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not signed by that trust anchor");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafWithoutDigitalSignatureKeyUsageIsRejected(KeyFamily family) throws Exception {
        Instant base = base(family);
        int encryptionOnly = family == KeyFamily.RSA_2048 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
        IssuedIdentity identity = DevPkiTestCa.of(pki, family)
                .leaf("Encryption only", encryptionOnly, base, base.plus(Duration.ofDays(30)));

        List<Violation> violations = trust(family).check(identity.chain(), base.plus(Duration.ofDays(1)));

        assertThat(codes(violations)).containsExactly(SignatureCodes.KEY_USAGE_INVALID);
        assertThat(violations.get(0).message()).contains("CN=Encryption only").contains("digitalSignature");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafWithNonRepudiationOnlyIsAccepted(KeyFamily family) throws Exception {
        Instant base = base(family);
        IssuedIdentity identity = DevPkiTestCa.of(pki, family)
                .leaf("Content commitment", KeyUsage.nonRepudiation, base, base.plus(Duration.ofDays(30)));

        assertThat(trust(family).check(identity.chain(), base.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void everyApplicableProblemIsReported() throws Exception {
        KeyFamily family = KeyFamily.SM2;
        Instant base = base(family);
        DevPkiTestCa ca = DevPkiTestCa.of(pki, family);
        IssuedIdentity identity = ca.leaf("Bad in every way", KeyUsage.keyAgreement, base, base.plus(Duration.ofDays(1)));
        X509CRL crl = ca.crl(base.plus(Duration.ofDays(2)), base.plus(Duration.ofDays(9)),
                Revocation.of(identity.certificate(), base.plus(Duration.ofHours(12)), CRLReason.superseded));

        List<Violation> violations = trust(family, crl).check(identity.chain(), base.plus(Duration.ofDays(3)));

        assertThat(codes(violations)).containsExactlyInAnyOrder(SignatureCodes.CERTIFICATE_EXPIRED,
                SignatureCodes.CERTIFICATE_REVOKED, SignatureCodes.KEY_USAGE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leafBelowAnIntermediateIsTrustedOnlyWithTheIntermediateInTheChain(KeyFamily family) throws Exception {
        Instant base = base(family);
        DevPkiTestCa intermediate = DevPkiTestCa.of(pki, family)
                .intermediate("Partner Issuing CA", base, base.plus(Duration.ofDays(365)));
        IssuedIdentity leaf = intermediate.leaf("Issued below", KeyUsage.digitalSignature, base,
                base.plus(Duration.ofDays(30)));
        List<X509Certificate> shuffled = List.of(leaf.chain().get(0), leaf.chain().get(2), leaf.chain().get(1));

        assertThat(trust(family).check(leaf.chain(), base.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(trust(family).check(shuffled, base.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(codes(trust(family).check(List.of(leaf.certificate()), base.plus(Duration.ofDays(1)))))
                .containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void revocationsByTheIntermediateAndOfTheIntermediateAreFound(KeyFamily family) throws Exception {
        Instant base = base(family);
        DevPkiTestCa root = DevPkiTestCa.of(pki, family);
        DevPkiTestCa intermediate = root.intermediate("Partner Issuing CA", base, base.plus(Duration.ofDays(365)));
        IssuedIdentity leaf = intermediate.leaf("Issued below", KeyUsage.digitalSignature, base,
                base.plus(Duration.ofDays(30)));
        X509CRL byIntermediate = intermediate.crl(base, base.plus(Duration.ofDays(9)),
                Revocation.of(leaf.certificate(), base, CRLReason.superseded));
        X509CRL byRoot = root.crl(base, base.plus(Duration.ofDays(9)),
                Revocation.of(intermediate.certificate(), base, CRLReason.cessationOfOperation));
        Instant at = base.plus(Duration.ofDays(1));

        List<Violation> leafRevoked = trust(family, byIntermediate).check(leaf.chain(), at);
        List<Violation> caRevoked = trust(family, byRoot).check(leaf.chain(), at);

        assertThat(codes(leafRevoked)).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
        assertThat(leafRevoked.get(0).message()).contains("CN=Issued below");
        assertThat(codes(caRevoked)).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
        assertThat(caRevoked.get(0).message()).contains("CN=Partner Issuing CA");
    }

    @Test
    void requiringRevocationInfoRefusesCertificatesNoCurrentCrlCovers() throws Exception {
        KeyFamily family = KeyFamily.EC_P256;
        Instant base = base(family);
        IssuedIdentity identity = pki.issue(PARTY, "Unchecked", family, base, base.plus(Duration.ofDays(30)));
        X509CRL stale = DevPkiTestCa.of(pki, family).crl(base, base.plus(Duration.ofDays(1)));
        List<X509Certificate> roots = List.of(pki.rootCertificate(family));

        List<Violation> withoutCrl = new PkixCertificateTrust(roots, List.of(), true)
                .check(identity.chain(), base.plus(Duration.ofHours(1)));
        List<Violation> afterNextUpdate = new PkixCertificateTrust(roots, List.of(stale), true)
                .check(identity.chain(), base.plus(Duration.ofDays(2)));
        List<Violation> current = new PkixCertificateTrust(roots, List.of(stale), true)
                .check(identity.chain(), base.plus(Duration.ofHours(1)));

        assertThat(codes(withoutCrl)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(withoutCrl.get(0).message()).contains("revocation status").contains("unknown");
        assertThat(codes(afterNextUpdate)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(current).isEmpty();
    }

    @Test
    void anchorsOfSeveralFamiliesTrustLeavesOfEach() {
        PkixCertificateTrust all = new PkixCertificateTrust(List.of(pki.rootCertificate(KeyFamily.EC_P256),
                pki.rootCertificate(KeyFamily.RSA_2048), pki.rootCertificate(KeyFamily.SM2)));

        for (KeyFamily family : KeyFamily.values()) {
            assertThat(all.check(pki.identity("MY-NSW", family).chain(), Instant.now())).as(family.name()).isEmpty();
        }
    }

    @Test
    void oneInstanceGivesTheSameAnswersToConcurrentChecks() throws Exception {
        KeyFamily family = KeyFamily.SM2;
        Instant base = base(family);
        IssuedIdentity good = pki.issue(PARTY, "Good", family, base, base.plus(Duration.ofDays(30)));
        IssuedIdentity revoked = pki.issue(PARTY, "Revoked", family, base, base.plus(Duration.ofDays(30)));
        IssuedIdentity foreign = otherPki.identity(PARTY, family);
        X509CRL crl = DevPkiTestCa.of(pki, family).crl(base, base.plus(Duration.ofDays(9)),
                Revocation.of(revoked.certificate(), base, CRLReason.superseded));
        PkixCertificateTrust trust = trust(family, crl);
        Instant at = base.plus(Duration.ofDays(1));
        List<Callable<List<String>>> checks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            IssuedIdentity identity = List.of(good, revoked, foreign).get(i % 3);
            checks.add(() -> codes(trust.check(identity.chain(), at)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = pool.invokeAll(checks);
            for (int i = 0; i < results.size(); i++) {
                List<String> expected = switch (i % 3) {
                    case 0 -> List.of();
                    case 1 -> List.of(SignatureCodes.CERTIFICATE_REVOKED);
                    default -> List.of(SignatureCodes.UNTRUSTED_SIGNER);
                };
                assertThat(results.get(i).get()).as("check " + i).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyChainIsUntrusted() {
        assertThat(codes(trust(KeyFamily.EC_P256).check(List.of(), Instant.now())))
                .containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
    }
}
