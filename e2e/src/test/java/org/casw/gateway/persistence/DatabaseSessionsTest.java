package org.casw.gateway.persistence;

import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's database sessions plan each prepared statement once, on the embedded database and (by the same line) on an external one. */
class DatabaseSessionsTest extends GatewayIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Test
    void sessionsUseGenericPlansAndTheExternalDatabaseGetsTheSameSetting() {
        assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_generic_plan");
        assertThat(environment.getProperty("spring.datasource.hikari.connection-init-sql"))
                .isEqualTo(EmbeddedDatabaseConfiguration.SESSION_SETTINGS);
    }
}
