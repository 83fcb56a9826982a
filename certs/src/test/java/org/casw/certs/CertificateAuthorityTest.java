package org.casw.certs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateAuthorityTest {

    @Test
    void issuesLeavesSignedByItsOwnRootWithTheChosenValidity() throws Exception {
        Instant from = Instant.parse("2001-01-01T00:00:00Z");
        CertificateAuthority ca = CertificateAuthority.create(KeyFamily.SM2, "Stranger Root", from,
                from.plus(40 * 365, ChronoUnit.DAYS));
        Instant leafFrom = Instant.parse("2002-01-01T00:00:00Z");
        IssuedIdentity leaf = ca.issue("Stranger SG", "SG-NSW", "SG", leafFrom, leafFrom.plus(30, ChronoUnit.DAYS));

        leaf.certificate().verify(ca.certificate().getPublicKey(), BouncyCastle.provider());
        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(leafFrom);
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(leafFrom.plus(30, ChronoUnit.DAYS));
        assertThat(leaf.certificate().getSubjectX500Principal().getName()).contains("OU=SG-NSW", "C=SG");
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(new String(DevPki.toPem(ca.certificate()), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
    }
}
