package org.casw.gateway.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The clock the gateway reads "today" from when it judges a document's own dates: the business rules (issue dates,
 * a certificate of origin's validity, AEO validity) and the AEO lane. It is the system clock. A test fixes it with
 * {@value #TEST_PROPERTY} (an ISO instant) so that the published samples are judged in the era they are dated in,
 * whatever the real date.
 * <p>
 * Only document dates follow this clock. Signer certificates, the ledger's and receipts' timestamps, retention and
 * AS4 keep the real time: the development PKI is issued at the real time, and the gateway's own records must say
 * when things happened.
 */
@Configuration(proxyBeanMethods = false)
public class BusinessClockConfiguration {

    /** Fixes the business clock at an instant; for tests only, refused in the production profile. */
    public static final String TEST_PROPERTY = "casw.test.business-clock";

    @Bean
    Clock businessClock(Environment environment) {
        String fixed = environment.getProperty(TEST_PROPERTY, "");
        if (fixed.isBlank()) {
            return Clock.systemUTC();
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException("Refusing to start in the production profile: " + TEST_PROPERTY
                    + " fixes the date business rules judge documents by; it is for tests only.");
        }
        try {
            return Clock.fixed(Instant.parse(fixed), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(TEST_PROPERTY + " must be an ISO instant such as 2026-12-01T04:00:00Z, not '"
                    + fixed + "'", e);
        }
    }
}
