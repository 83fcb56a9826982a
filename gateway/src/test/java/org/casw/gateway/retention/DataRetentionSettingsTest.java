package org.casw.gateway.retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code gateway.retention} as an operator writes it: off unless asked for, and a setting that could purge too early stops start-up. */
class DataRetentionSettingsTest {

    @Test
    void withoutAnAgeNothingIsPurged() {
        assertThat(RetentionPolicy.of(bind(Map.of()))).isEmpty();
        assertThat(RetentionPolicy.of(bind(Map.of("gateway.retention.archive-dir", "/var/archive")))).isEmpty();
    }

    @Test
    void anAgeTurnsItOnWithItsDefaults() {
        RetentionPolicy policy = RetentionPolicy.of(bind(Map.of("gateway.retention.age", "400d",
                "gateway.retention.archive-dir", "/var/lib/casw/archive"))).orElseThrow();

        assertThat(policy.age()).isEqualTo(Duration.ofDays(400));
        assertThat(policy.archiveDir()).isEqualTo(Path.of("/var/lib/casw/archive"));
        assertThat(policy.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.batchSize()).isEqualTo(200);
    }

    @Test
    void anAgeUnderADayIsRefusedAsATypo() {
        assertThatThrownBy(() -> RetentionPolicy.of(bind(Map.of("gateway.retention.age", "12h", "gateway.as4.duplicate-retention", "1h"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.retention.age is PT12H; it must be at least 1 day");
    }

    @Test
    void anAgeWithinTheAs4DuplicateRetentionIsRefused() {
        assertThatThrownBy(() -> RetentionPolicy.of(bind(Map.of("gateway.retention.age", "30d"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.retention.age (PT720H) must be longer than gateway.as4.duplicate-retention (PT720H)");
        assertThat(RetentionPolicy.of(bind(Map.of("gateway.retention.age", "30d", "gateway.as4.duplicate-retention", "7d"))))
                .isPresent();
    }

    @Test
    void anAgeWithinTheDeliveryRetryHorizonIsRefused() {
        // 100 attempts of up to 12 hours each (plus 20 % jitter): the broker may still be retrying after 41 days
        assertThatThrownBy(() -> RetentionPolicy.of(bind(Map.of("gateway.retention.age", "40d",
                "gateway.broker.max-delivery-attempts", "100", "gateway.broker.max-redelivery-delay", "12h"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be longer than the delivery retry horizon (PT1440H");
    }

    @Test
    void everyWrongSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> RetentionPolicy.of(bind(Map.of("gateway.retention.age", "2h", "gateway.retention.batch-size", "0",
                "gateway.retention.interval", "0s"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("docs/operations.md")
                .hasMessageContaining("at least 1 day")
                .hasMessageContaining("gateway.as4.duplicate-retention")
                .hasMessageContaining("gateway.retention.interval must be positive")
                .hasMessageContaining("gateway.retention.batch-size must be between 1 and 10000, not 0");
    }

    private static GatewayProperties bind(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("gateway.data-dir", "./data");
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("gateway", GatewayProperties.class);
    }
}
