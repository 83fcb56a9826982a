package org.casw.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The era the published samples are dated in. Every test that judges a sample's dates does so by this clock, never
 * by the real one, so the suite passes on any future date ({@code PublishedSampleValidityTest} pins the era down).
 * The end-to-end tests fix the running gateway's business clock at the same instant ({@link #ARGUMENT}).
 */
public final class SampleEra {

    /**
     * 2026-12-10 at noon in China: after every valid sample's issue date and the test vectors' certificates and
     * signing times (2026-12-01 and 2026-12-02), within every valid certificate of origin's 12 months, and before
     * the certificate dated "in the future" (2026-12-15). Moving it means checking {@code PublishedSampleValidityTest}.
     */
    public static final Instant INSTANT = Instant.parse("2026-12-10T04:00:00Z");

    public static final Clock CLOCK = Clock.fixed(INSTANT, ZoneOffset.UTC);

    /** The gateway's test-only setting that fixes its business clock (BusinessClockConfiguration.TEST_PROPERTY). */
    public static final String PROPERTY = "casw.test.business-clock";

    /** The argument that fixes the business clock of a gateway a test starts itself (child process or own context). */
    public static final String ARGUMENT = "--" + PROPERTY + "=" + INSTANT;

    private SampleEra() {
    }
}
