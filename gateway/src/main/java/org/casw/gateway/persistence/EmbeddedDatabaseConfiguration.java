package org.casw.gateway.persistence;

import javax.sql.DataSource;
import org.casw.gateway.config.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Without {@code spring.datasource.url}, the gateway runs its own PostgreSQL from Maven-shipped
 * binaries, keeping its data in the data directory. Production points the datasource elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", matchIfMissing = true, havingValue = "__embedded__")
public class EmbeddedDatabaseConfiguration {

    /**
     * Every session plans a prepared statement once. The gateway's statements are look-ups and writes by key, whose best
     * plan does not depend on the values; with PostgreSQL's default a statement it judged worth it was planned again on
     * every call: the manifest look-up behind each declaration's cross-document rule spent ~1.5 ms planning per call.
     * The same line is {@code spring.datasource.hikari.connection-init-sql} in application.yml, for an external database.
     */
    static final String SESSION_SETTINGS = "set plan_cache_mode = force_generic_plan";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(GatewayProperties properties) {
        return EmbeddedPostgresServer.start(properties.dataDir().resolve("postgres"), properties.embeddedDatabase().port());
    }

    @Bean
    DataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setMaximumPoolSize(16);
        dataSource.setPoolName("gateway-db");
        dataSource.setConnectionInitSql(SESSION_SETTINGS);
        return dataSource;
    }
}
