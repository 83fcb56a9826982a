package org.casw.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.casw.testsupport.SampleEra;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The shared test gateway's business clock, which each test class sets before its tests: the published samples'
 * era for tests that send samples, the real time for a test whose documents are dated today (the demo, the sandbox
 * windows). One context serves every {@link GatewayIntegrationTest}, so the clock is switched, not rebuilt.
 */
public final class SwitchableBusinessClock extends Clock {

    private final AtomicReference<Clock> source;
    private final ZoneId zone;

    SwitchableBusinessClock() {
        this(new AtomicReference<>(SampleEra.CLOCK), ZoneOffset.UTC);
    }

    private SwitchableBusinessClock(AtomicReference<Clock> source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    /** From now on the gateway judges document dates by {@code clock}. */
    public void judgeBy(Clock clock) {
        source.set(clock);
    }

    @Override
    public Instant instant() {
        return source.get().instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that still follows the switch (the rules ask for China's date on every check). */
    @Override
    public Clock withZone(ZoneId zone) {
        return new SwitchableBusinessClock(source, zone);
    }

    /** Replaces the gateway's business clock in the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Replacement {

        @Bean
        @Primary
        SwitchableBusinessClock testBusinessClock() {
            return new SwitchableBusinessClock();
        }
    }
}
