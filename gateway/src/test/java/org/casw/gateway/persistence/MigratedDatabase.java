package org.casw.gateway.persistence;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import com.zaxxer.hikari.HikariDataSource;

/** A real PostgreSQL server with the gateway's migrations applied and a pool on it, for persistence tests. */
public final class MigratedDatabase implements AutoCloseable {

    public final EmbeddedPostgresServer server;
    final HikariDataSource dataSource;
    final DataSourceTransactionManager transactions;

    private MigratedDatabase(EmbeddedPostgresServer server) {
        this.server = server;
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(16);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    /** @param data the data directory (its parent must be passable by the server user when the JVM is root) */
    public static MigratedDatabase start(Path data) {
        MigratedDatabase db = new MigratedDatabase(EmbeddedPostgresServer.start(data, 0));
        Flyway.configure().dataSource(db.dataSource).load().migrate();
        return db;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TransactionTemplate tx() {
        return new TransactionTemplate(transactions);
    }

    @Override
    public void close() {
        dataSource.close();
        server.close();
    }
}
