package org.casw.certs;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Production recognises what a development PKI issued by its names (O=CASW Development PKI), and nothing else. */
class DevelopmentCertificateTest {

    @Test
    void rootsAndLeavesOfADevelopmentPkiAreRecognisedAndOthersAreNot() throws Exception {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        CertificateAuthority development = CertificateAuthority.create(KeyFamily.EC_P256, "Any Root", from, from.plus(365, ChronoUnit.DAYS));
        IssuedIdentity leaf = development.issue("SG NSW", "SG-NSW", "SG", from, from.plus(30, ChronoUnit.DAYS));
        RootAuthority real = RootAuthority.create(KeyFamily.EC_P256, new X500Name("CN=Singapore Customs Root,O=Singapore Customs,C=SG"),
                from, from.plus(365, ChronoUnit.DAYS), new SecureRandom());

        assertThat(DevPki.isDevelopmentCertificate(development.certificate())).isTrue();
        assertThat(DevPki.isDevelopmentCertificate(leaf.certificate())).isTrue();
        assertThat(DevPki.isDevelopmentCertificate(real.certificate())).isFalse();
    }
}
