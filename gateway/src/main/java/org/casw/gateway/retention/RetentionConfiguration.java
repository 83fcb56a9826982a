package org.casw.gateway.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.casw.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The data retention duty, only when {@code gateway.retention.age} is set: without it nothing is ever purged. Its
 * settings are checked at start-up, so a wrong one stops the gateway instead of purging too much.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "gateway.retention", name = "age")
public class RetentionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RetentionConfiguration.class);

    @Bean
    DataRetention dataRetention(GatewayProperties properties, JdbcTemplate jdbc, TransactionTemplate tx, MeterRegistry meters) {
        RetentionPolicy policy = RetentionPolicy.of(properties).orElseThrow(
                () -> new IllegalStateException("gateway.retention.age is set but empty; remove it to keep every message"));
        MessageArchive archive = null;
        if (policy.archiveDir() != null) {
            archive = new MessageArchive(writable(policy.archiveDir()), jdbc);
        }
        log.info("Data retention on: documents finished more than {} ago lose their payloads and history{}", policy.age(),
                archive == null ? " (not archived)" : ", archived first in " + archive.directory());
        // the real time, not the business clock: the ledger's own times are compared, never a document's dates
        return new DataRetention(jdbc, tx, policy, archive, Clock.systemUTC(), meters);
    }

    /** The archive must be there and writable before anything is purged into it. */
    private static Path writable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("gateway.retention.archive-dir " + directory + " cannot be created", e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new IllegalStateException("gateway.retention.archive-dir " + directory + " is not a writable directory");
        }
        return directory;
    }
}
