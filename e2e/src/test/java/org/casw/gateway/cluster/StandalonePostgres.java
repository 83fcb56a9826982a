package org.casw.gateway.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.casw.gateway.persistence.EmbeddedPostgresServer;
import org.casw.testsupport.ChildProcesses;

/**
 * The cluster's one PostgreSQL, a server process of its own on a loopback port with a password, from the binaries the
 * embedded mode ships (run as {@code nobody} when the tests run as root, as the embedded mode does). It can be stopped
 * and started again on the same data directory and port, so the gateways' datasource URL stays the same.
 */
final class StandalonePostgres implements AutoCloseable {

    private final Path data;
    private EmbeddedPostgresServer server;
    private final int port;

    private StandalonePostgres(Path data, EmbeddedPostgresServer server) {
        this.data = data;
        this.server = server;
        this.port = server.port();
    }

    /** Initialises a cluster in {@code data} and starts it on a free port. */
    static StandalonePostgres start(Path data) {
        return new StandalonePostgres(data, EmbeddedPostgresServer.start(data, 0));
    }

    /** {@code pg_ctl stop -m immediate}: every connection cut at once, no shutdown checkpoint. */
    synchronized void stopImmediately() {
        server.stopImmediately();
    }

    /** {@code pg_ctl stop -m fast}: connections ended, a clean shutdown. */
    synchronized void stopFast() {
        server.close();
    }

    /** Starts the server again on its data directory (crash recovery first, after an immediate stop) and port. */
    synchronized void restart() {
        server = EmbeddedPostgresServer.start(data, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/gateway";
    }

    String username() {
        return server.username();
    }

    synchronized String password() {
        return server.password();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    Path log() {
        return server.logFile();
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } finally {
            ChildProcesses.killPostmaster(server.dataDirectory());
        }
    }
}
