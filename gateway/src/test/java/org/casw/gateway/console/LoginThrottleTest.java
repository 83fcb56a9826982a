package org.casw.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void fiveWrongSecretsBlockTheNameForTheWindowThenItRecovers() {
        Hand clock = new Hand();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ATTEMPTS - 1; i++) {
            throttle.failed("ops");
        }
        assertThat(throttle.blocked("ops")).isFalse();
        throttle.failed("OPS");
        assertThat(throttle.blocked("ops")).isTrue();
        assertThat(throttle.blocked("DEMO-ENTERPRISE")).isFalse();
        clock.now = clock.now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(throttle.blocked("ops")).isFalse();
    }

    @Test
    void aRightSecretBeforeTheLimitClearsTheCount() {
        LoginThrottle throttle = new LoginThrottle(new Hand());
        for (int i = 0; i < LoginThrottle.ATTEMPTS - 1; i++) {
            throttle.failed("ops");
        }
        throttle.succeeded("ops");
        throttle.failed("ops");
        assertThat(throttle.blocked("ops")).isFalse();
    }
}
