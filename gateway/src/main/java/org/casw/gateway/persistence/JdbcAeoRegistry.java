package org.casw.gateway.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casw.routes.aeo.AeoRegistry;
import org.casw.routes.aeo.AeoStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The AEO statuses accepted notices reported, in PostgreSQL: one row per enterprise of a country, the newest notice's. */
@Repository
public class JdbcAeoRegistry implements AeoRegistry {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcAeoRegistry(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void register(String trackingId, List<AeoStatus> statuses) {
        Timestamp now = Timestamp.from(Instant.now());
        // one notice all or nothing; a notice issued before the one held (late, or resent) does not turn the clock back
        tx.executeWithoutResult(status -> {
            for (AeoStatus s : statuses) {
                jdbc.update("""
                        insert into aeo_status (issuing_country, enterprise_id, programme, name, authorisation_no, status, valid_from,
                                                valid_until, notice_id, notice_date, tracking_id, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (issuing_country, enterprise_id) do update set programme = excluded.programme, name = excluded.name,
                            authorisation_no = excluded.authorisation_no, status = excluded.status, valid_from = excluded.valid_from,
                            valid_until = excluded.valid_until, notice_id = excluded.notice_id, notice_date = excluded.notice_date,
                            tracking_id = excluded.tracking_id, updated_at = excluded.updated_at
                        where aeo_status.notice_date <= excluded.notice_date""",
                        s.issuingCountry(), s.enterpriseId(), s.programme(), s.name(), s.authorisationNo(), s.status(),
                        Date.valueOf(s.validFrom()), Date.valueOf(s.validUntil()), s.noticeId(), Date.valueOf(s.noticeDate()),
                        trackingId, now);
            }
        });
    }

    @Override
    public Optional<AeoStatus> find(String issuingCountry, String enterpriseId) {
        return jdbc.query("""
                select issuing_country, programme, enterprise_id, name, authorisation_no, status, valid_from, valid_until, notice_id,
                       notice_date
                from aeo_status where issuing_country = ? and enterprise_id = ?""",
                rs -> rs.next() ? Optional.of(new AeoStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(), rs.getString(9),
                        rs.getDate(10).toLocalDate())) : Optional.<AeoStatus>empty(),
                issuingCountry, enterpriseId);
    }

    /** Every status held, for the operator's view. */
    public List<AeoStatus> all() {
        return jdbc.query("""
                select issuing_country, programme, enterprise_id, name, authorisation_no, status, valid_from, valid_until, notice_id,
                       notice_date
                from aeo_status order by issuing_country, enterprise_id""",
                (rs, n) -> new AeoStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(), rs.getString(9),
                        rs.getDate(10).toLocalDate()));
    }
}
