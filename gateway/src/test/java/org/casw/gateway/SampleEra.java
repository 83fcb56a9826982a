package org.casw.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.casw.gateway.pipeline.BusinessClockConfiguration;

/**
 * The era the published samples are dated in (the same instant as {@code org.casw.routes.SampleEra}): the gateways
 * the tests start judge document dates by it, so a certificate of origin valid for 12 months from November 2026
 * stays valid whatever the real date.
 */
public final class SampleEra {

    /** 2026-12-10 at noon in China (why that day: see routes' SampleEra). */
    public static final Instant INSTANT = Instant.parse("2026-12-10T04:00:00Z");

    public static final Clock CLOCK = Clock.fixed(INSTANT, ZoneOffset.UTC);

    /** The argument that fixes the business clock of a gateway a test starts itself (child process or own context). */
    public static final String ARGUMENT = "--" + BusinessClockConfiguration.TEST_PROPERTY + "=" + INSTANT;

    private SampleEra() {
    }
}
