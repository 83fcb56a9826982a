package org.casw.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extra certificates issued on demand, e.g. expired ones for negative tests. */
class DevPkiIssueTest {

    private static final Provider BC = new BouncyCastleProvider();

    @TempDir
    static Path directory;

    static DevPki pki;

    @BeforeAll
    static void generate() {
        pki = DevPki.ensure(directory);
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void issueHonoursTheGivenValidityDates(KeyFamily family) {
        Instant notBefore = Instant.parse("2024-03-01T08:00:00Z");
        Instant notAfter = Instant.parse("2024-03-31T08:00:00Z");

        X509Certificate certificate = pki.issue("DEMO-ENTERPRISE", "Expired importer", family, notBefore, notAfter)
                .certificate();

        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @Test
    void expiredCertificateFailsValidityCheckNow() {
        Instant now = Instant.now();
        X509Certificate expired = pki.issue("SG-NSW", "Expired SG NSW", KeyFamily.EC_P256,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).certificate();

        assertThatThrownBy(() -> expired.checkValidity(Date.from(now))).isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void notYetValidCertificateFailsValidityCheckNow() {
        Instant now = Instant.now();
        X509Certificate future = pki.issue("MY-NSW", "Future MY NSW", KeyFamily.SM2,
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).certificate();

        assertThatThrownBy(() -> future.checkValidity(Date.from(now)))
                .isInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void validityBeyond2049IsEncodedAndReadBack() {
        Instant notAfter = Instant.parse("2060-01-01T00:00:00Z");

        X509Certificate certificate = pki.issue("CN-CUSTOMS", "Long-lived", KeyFamily.RSA_2048,
                Instant.parse("2025-01-01T00:00:00Z"), notAfter).certificate();

        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void issuedChainIsLeafThenTheFamilysRoot(KeyFamily family) throws Exception {
        IssuedIdentity identity = pki.issue("PORT-QINZHOU", "Qinzhou Port gate system", family,
                Instant.now(), Instant.now().plus(Duration.ofDays(1)));

        assertThat(identity.chain()).hasSize(2);
        assertThat(identity.chain().get(1)).isEqualTo(pki.rootCertificate(family));
        identity.certificate().verify(pki.rootCertificate(family).getPublicKey(), BC);
        assertThat(identity.certificate().getPublicKey()).isEqualTo(identity.keyPair().getPublic());
        assertThat(identity.certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void issuedSubjectCarriesTheCommonNamePartyIdAndTheDemoPartysCountry() {
        X509Certificate certificate = pki.issue("SG-NSW", "SG NSW signing key 2", KeyFamily.EC_P256,
                Instant.now(), Instant.now().plus(Duration.ofDays(1))).certificate();

        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=SG NSW signing key 2,OU=SG-NSW,O=" + DevPki.ORGANISATION + ",C=SG");
    }

    @Test
    void partyIdsOutsideTheDemoSetGetCountryCn() {
        X509Certificate certificate = pki.issue("QZ-BONDED-ZONE", "Qinzhou Bonded Zone", KeyFamily.SM2,
                Instant.now(), Instant.now().plus(Duration.ofDays(1))).certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).endsWith("OU=QZ-BONDED-ZONE,O="
                + DevPki.ORGANISATION + ",C=CN");
    }

    @Test
    void issueWritesNoFiles() throws Exception {
        List<Path> before = listing();

        pki.issue("CASW-GATEWAY", "Gateway spare", KeyFamily.RSA_2048, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)));

        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void everyIssuedCertificateGetsItsOwnSerial() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<X509Certificate> issued = Stream.generate(() -> pki.issue("CN-CUSTOMS", "Customs", KeyFamily.EC_P256,
                now, now.plusSeconds(60)).certificate()).limit(5).toList();

        assertThat(issued.stream().map(X509Certificate::getSerialNumber).distinct()).hasSize(5);
    }

    @Test
    void issueRejectsNotAfterThatIsNotAfterNotBefore() {
        Instant now = Instant.now();

        assertThatThrownBy(() -> pki.issue("CN-CUSTOMS", "Customs", KeyFamily.EC_P256, now, now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notAfter");
    }

    private static List<Path> listing() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
