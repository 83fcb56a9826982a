package org.casw.gateway.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership of the cluster as a PostgreSQL session advisory lock, held on a connection of its own. PostgreSQL releases
 * it when that session ends, so a node killed, cut off or whose database restarted stops leading without saying so,
 * and the next node to ask takes over. (Behind a transaction-pooling proxy such as PgBouncer in transaction mode a
 * session lock means nothing: the gateway needs a direct connection or session pooling.)
 */
final class LeaderLock implements AutoCloseable {

    /** "CASWLEAD": one key for every gateway on the database. */
    static final long KEY = 0x434153574C454144L;

    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

    private final DataSource dataSource;
    private Connection held;

    LeaderLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this node leads now: keeps a lock it holds while its session lives, else tries to take it. */
    synchronized boolean hold() {
        if (held != null) {
            if (alive(held)) {
                return true;
            }
            log.warn("Lost the cluster leadership: the database session holding it ended");
            close();
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                lock.setLong(1, KEY);
                try (ResultSet result = lock.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        held = connection;
                        return true;
                    }
                }
            }
            connection.close();
        } catch (SQLException e) {
            log.debug("Cluster leadership not available now: {}", e.getMessage());
            quietlyClose(connection);
        }
        return false;
    }

    @Override
    public synchronized void close() {
        Connection connection = held;
        held = null;
        if (connection != null) {
            // unlocking explicitly hands leadership over at once; the pool keeps the connection, so the session lives on
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, KEY);
                unlock.execute();
            } catch (SQLException e) {
                log.debug("Could not release the leadership explicitly (its session is gone): {}", e.getMessage());
            }
            quietlyClose(connection);
        }
    }

    /** A session lock lasts as long as its session, and no other session can release it. */
    private static boolean alive(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void quietlyClose(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken already; the pool evicts it
            }
        }
    }
}
