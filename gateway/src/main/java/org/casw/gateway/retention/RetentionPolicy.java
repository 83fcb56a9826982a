package org.casw.gateway.retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casw.gateway.config.GatewayProperties;

/**
 * How long finished messages keep their payloads and history ({@code gateway.retention}), checked at start-up: a purge
 * must never reach a message a partner may still resend or the broker may still retry.
 *
 * @param age        how long after its last change a finished document is kept whole
 * @param archiveDir where each document is written before it is purged; null: purged without a copy
 * @param interval   pause between runs
 * @param batchSize  documents purged per transaction
 */
public record RetentionPolicy(Duration age, Path archiveDir, Duration interval, int batchSize) {

    /** Below this an operator has almost certainly typed the wrong unit. */
    static final Duration SHORTEST_AGE = Duration.ofDays(1);
    static final int LARGEST_BATCH = 10_000;

    /**
     * The policy the gateway's settings ask for; empty when {@code gateway.retention.age} is unset (nothing is purged).
     *
     * @throws IllegalStateException naming every setting that is wrong and why
     */
    public static Optional<RetentionPolicy> of(GatewayProperties properties) {
        GatewayProperties.Retention retention = properties.retention();
        if (retention == null || retention.age() == null) {
            return Optional.empty();
        }
        return Optional.of(checked(retention, properties.as4() == null ? null : properties.as4().duplicateRetention(),
                redeliveryHorizon(properties)));
    }

    /**
     * @param duplicateRetention how long AS4 message ids are remembered ({@code gateway.as4.duplicate-retention})
     * @param redeliveryHorizon  the longest a delivery may still be retried by the broker
     */
    static RetentionPolicy checked(GatewayProperties.Retention retention, Duration duplicateRetention, Duration redeliveryHorizon) {
        List<String> errors = new ArrayList<>();
        Duration age = retention.age();
        if (age.compareTo(SHORTEST_AGE) < 0) {
            errors.add("gateway.retention.age is " + age + "; it must be at least " + SHORTEST_AGE.toDays()
                    + " day (e.g. 365d), so that a typed unit cannot purge today's documents");
        }
        if (duplicateRetention != null && age.compareTo(duplicateRetention) <= 0) {
            errors.add("gateway.retention.age (" + age + ") must be longer than gateway.as4.duplicate-retention ("
                    + duplicateRetention + "): an AS4 partner may resend a message for that long and its receipt must still"
                    + " lead to the whole document");
        }
        if (redeliveryHorizon != null && age.compareTo(redeliveryHorizon) <= 0) {
            errors.add("gateway.retention.age (" + age + ") must be longer than the delivery retry horizon ("
                    + redeliveryHorizon + ", gateway.broker or an agreement's retry: attempts x max delay)");
        }
        if (retention.interval() == null || retention.interval().isNegative() || retention.interval().isZero()) {
            errors.add("gateway.retention.interval must be positive (e.g. 1h), not " + retention.interval());
        }
        if (retention.batchSize() < 1 || retention.batchSize() > LARGEST_BATCH) {
            errors.add("gateway.retention.batch-size must be between 1 and " + LARGEST_BATCH + ", not " + retention.batchSize());
        }
        Path archive = retention.archiveDir();
        if (archive != null && archive.toString().isBlank()) {
            archive = null; // an empty value in YAML or the environment: no archive, as documented
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid data retention settings (gateway.retention, docs/operations.md \"Data"
                    + " retention\"):\n  - " + String.join("\n  - ", errors));
        }
        return new RetentionPolicy(age, archive, retention.interval(), retention.batchSize());
    }

    /** The broker gives up on a delivery after its attempts, each waiting at most the longest delay plus jitter. */
    static Duration redeliveryHorizon(GatewayProperties properties) {
        GatewayProperties.Broker broker = properties.broker();
        if (broker == null) {
            return null;
        }
        Duration longest = retrying(broker.maxDeliveryAttempts(), broker.maxRedeliveryDelay(), broker.redeliveryJitter());
        if (properties.partners() != null) {
            for (GatewayProperties.Partner partner : properties.partners().values()) {
                GatewayProperties.Retry retry = partner.retry();
                if (retry != null) {
                    Duration own = retrying(retry.maxAttempts() != null ? retry.maxAttempts() : broker.maxDeliveryAttempts(),
                            retry.maxDelay() != null ? retry.maxDelay() : broker.maxRedeliveryDelay(),
                            retry.jitter() != null ? retry.jitter() : broker.redeliveryJitter());
                    longest = own.compareTo(longest) > 0 ? own : longest;
                }
            }
        }
        return longest;
    }

    private static Duration retrying(int attempts, Duration maxDelay, double jitter) {
        return Duration.ofMillis((long) (Math.max(attempts, 1) * maxDelay.toMillis() * (1 + Math.max(jitter, 0))));
    }
}
