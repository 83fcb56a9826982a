package org.casw.routes.signature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** During a partner's certificate rollover both the old and the new CA are trusted, the old one only until its date. */
class OverlappingTrustTest {

    private static final Instant NOW = Instant.now();

    @Test
    void aSignerFromTheRetiringCaIsTrustedUntilTheOverlapEnds(@TempDir Path dir) throws Exception {
        DevPki oldPki = DevPki.ensure(Files.createDirectories(dir.resolve("old")));
        DevPki newPki = DevPki.ensure(Files.createDirectories(dir.resolve("new")));
        var current = new PkixCertificateTrust(List.of(newPki.rootCertificate(KeyFamily.EC_P256)));
        var retiring = new OverlappingTrust.Retiring(new PkixCertificateTrust(List.of(oldPki.rootCertificate(KeyFamily.EC_P256))),
                NOW.plusSeconds(3600));
        var oldSigner = oldPki.identity("SG-NSW", KeyFamily.EC_P256).chain();
        var newSigner = newPki.identity("SG-NSW", KeyFamily.EC_P256).chain();

        assertThat(trustAt(current, retiring, NOW).check(oldSigner, NOW)).isEmpty();
        assertThat(trustAt(current, retiring, NOW).check(newSigner, NOW)).isEmpty();
        assertThat(trustAt(current, retiring, NOW.plusSeconds(7200)).check(oldSigner, NOW)).extracting(Violation::code)
                .containsOnly(SignatureCodes.UNTRUSTED_SIGNER);
    }

    @Test
    void aRetiringCaDoesNotRescueAnExpiredCertificate(@TempDir Path dir) throws Exception {
        DevPki oldPki = DevPki.ensure(Files.createDirectories(dir.resolve("old")));
        var expired = oldPki.issue("SG-NSW", "SG-NSW expired", KeyFamily.EC_P256, NOW.minusSeconds(86_400 * 60), NOW.minusSeconds(86_400));
        var current = new PkixCertificateTrust(List.of(oldPki.rootCertificate(KeyFamily.EC_P256)));

        List<Violation> violations = trustAt(current, new OverlappingTrust.Retiring(current, NOW.plusSeconds(3600)), NOW)
                .check(expired.chain(), NOW);

        assertThat(violations).extracting(Violation::code).contains(SignatureCodes.CERTIFICATE_EXPIRED);
    }

    private static OverlappingTrust trustAt(CertificateTrust current, OverlappingTrust.Retiring retiring, Instant now) {
        return new OverlappingTrust(current, List.of(retiring), Clock.fixed(now, ZoneOffset.UTC));
    }
}
