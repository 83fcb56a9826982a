package org.casw.gateway.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.casw.gateway.cluster.ClusterDuty;
import org.casw.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention duty in the gateway's context: absent unless asked for, and a wrong setting stops start-up with its reason. */
class DataRetentionConfigurationTest {

    @TempDir
    Path temp;

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, RetentionConfiguration.class)
            // never connected: the duty is only made here, not run
            .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
            .withBean(TransactionTemplate.class, () -> new TransactionTemplate(new DataSourceTransactionManager(new SimpleDriverDataSource())))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Settings {
    }

    @Test
    void withoutAnAgeTheClusterHasNoRetentionDuty() {
        gateway.withPropertyValues("gateway.retention.archive-dir=" + temp)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterDuty.class));
    }

    @Test
    void anAgeMakesItAClusterDutyRunEveryInterval() {
        gateway.withPropertyValues("gateway.retention.age=400d", "gateway.retention.interval=15m",
                "gateway.retention.archive-dir=" + temp.resolve("archive")).run(context -> {
                    assertThat(context).hasSingleBean(ClusterDuty.class);
                    ClusterDuty duty = context.getBean(ClusterDuty.class);
                    assertThat(duty.name()).isEqualTo("data-retention");
                    assertThat(duty.interval()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(temp.resolve("archive")).as("made at start-up").isDirectory();
                });
    }

    @Test
    void anAgeShorterThanTheAs4DuplicateRetentionStopsStartUp() {
        gateway.withPropertyValues("gateway.retention.age=10d").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("must be longer than gateway.as4.duplicate-retention"));
    }

    @Test
    void anArchiveThatIsNotADirectoryStopsStartUp() throws IOException {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        gateway.withPropertyValues("gateway.retention.age=400d", "gateway.retention.archive-dir=" + file)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.retention.archive-dir " + file + " cannot be created"));
    }
}
