package org.casw.routes.signature;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A claimed signing time is believed only shortly before receipt, so certificates cannot be backdated into validity. */
class SigningTimeTrustTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void aRecentSigningTimeIsUsed() {
        Instant signed = RECEIVED.minus(Duration.ofHours(2));
        assertThat(XmlSignatureVerifier.trustTime(signed, RECEIVED)).isEqualTo(signed);
    }

    @Test
    void aBackdatedOrFutureSigningTimeIsReplacedByTheTimeOfReceipt() {
        assertThat(XmlSignatureVerifier.trustTime(RECEIVED.minus(Duration.ofDays(400)), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(XmlSignatureVerifier.trustTime(RECEIVED.plusSeconds(60), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(XmlSignatureVerifier.trustTime(null, RECEIVED)).isEqualTo(RECEIVED);
    }
}
