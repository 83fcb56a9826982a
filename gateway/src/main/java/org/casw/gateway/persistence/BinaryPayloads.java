package org.casw.gateway.persistence;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;

/**
 * Payload bodies (bytea) without extra copies. Reads ask for PostgreSQL's binary format: pgjdbc otherwise receives
 * bytea as hex text until a statement has run five times on a connection, so a 20 MB manifest arrives as 40 MB of
 * hex and is decoded into a third array, 60 MB of heap per read instead of 20. Writes stream the caller's array:
 * pgjdbc's setBytes copies it first.
 */
public final class BinaryPayloads {

    private BinaryPayloads() {
    }

    /** The first column of the first row as bytes, read in binary; empty without a row. */
    public static Optional<byte[]> first(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.query(statement(sql, args), rs -> rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty());
    }

    /** A query whose result holds payload bodies, read in binary. */
    public static <T> T query(JdbcTemplate jdbc, String sql, ResultSetExtractor<T> extractor, Object... args) {
        return jdbc.query(statement(sql, args), extractor);
    }

    /** A bytea parameter for JdbcTemplate's varargs that pgjdbc sends from the caller's array, without copying it. */
    static SqlTypeValue body(byte[] body) {
        return (ps, index, sqlType, typeName) -> ps.setBinaryStream(index, new ByteArrayInputStream(body), body.length);
    }

    private static PreparedStatementCreator statement(String sql, Object... args) {
        return connection -> {
            PreparedStatement ps = connection.prepareStatement(sql);
            try {
                if (ps.isWrapperFor(PGStatement.class)) {
                    // a negative threshold makes pgjdbc prepare on the server and request binary results at once
                    ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
                }
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        };
    }
}
