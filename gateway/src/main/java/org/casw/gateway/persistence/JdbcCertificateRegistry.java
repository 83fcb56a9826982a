package org.casw.gateway.persistence;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.casw.routes.registry.CertificateRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The certificate registry in PostgreSQL; balances change only by guarded, all-or-nothing updates. */
@Repository
public class JdbcCertificateRegistry implements CertificateRegistry {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcCertificateRegistry(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<KnownCertificate> find(String certificateNo) {
        List<Item> items = jdbc.query("""
                select item_no, hs_code, quantity, unit, claimed from certificate_item where certificate_no = ? order by item_no""",
                (rs, n) -> new Item(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getBigDecimal(5)),
                certificateNo);
        return jdbc.query("""
                select certificate_no, agreement, exporting_country, importing_country, issue_date, valid_until
                from certificate_of_origin where certificate_no = ?""",
                rs -> rs.next() ? Optional.of(new KnownCertificate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), items)) : Optional.<KnownCertificate>empty(),
                certificateNo);
    }

    @Override
    public void register(String trackingId, KnownCertificate c) {
        tx.executeWithoutResult(status -> {
            int inserted = jdbc.update("""
                    insert into certificate_of_origin (certificate_no, tracking_id, agreement, exporting_country, importing_country,
                                                       issue_date, valid_until, registered_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (certificate_no) do nothing""",
                    c.certificateNo(), trackingId, c.agreement(), c.exportingCountry(), c.importingCountry(),
                    Date.valueOf(c.issueDate()), Date.valueOf(c.validUntil()), Timestamp.from(Instant.now()));
            if (inserted == 1) {
                for (Item item : c.items()) {
                    jdbc.update("insert into certificate_item (certificate_no, item_no, hs_code, quantity, unit) values (?, ?, ?, ?, ?)",
                            c.certificateNo(), item.itemNo(), item.hsCode(), item.quantity(), item.unit());
                }
            }
        });
    }

    @Override
    public boolean claim(String declarationTrackingId, List<Claim> claims) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Timestamp now = Timestamp.from(Instant.now());
            for (Claim claim : claims) {
                int updated = jdbc.update("""
                        update certificate_item set claimed = claimed + ?
                        where certificate_no = ? and item_no = ? and claimed + ? <= quantity""",
                        claim.quantity(), claim.certificateNo(), claim.itemNo(), claim.quantity());
                if (updated == 0) {
                    status.setRollbackOnly();
                    return false;
                }
                jdbc.update("""
                        insert into certificate_claim (declaration_tracking_id, certificate_no, item_no, quantity, claimed_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (declaration_tracking_id, certificate_no, item_no) do update set quantity = certificate_claim.quantity + excluded.quantity""",
                        declarationTrackingId, claim.certificateNo(), claim.itemNo(), claim.quantity(), now);
            }
            return true;
        }));
    }

    @Override
    public void release(String declarationTrackingId) {
        tx.executeWithoutResult(status -> {
            jdbc.query("select certificate_no, item_no, quantity from certificate_claim where declaration_tracking_id = ? for update",
                    rs -> {
                        jdbc.update("update certificate_item set claimed = claimed - ? where certificate_no = ? and item_no = ?",
                                rs.getBigDecimal(3), rs.getString(1), rs.getInt(2));
                    }, declarationTrackingId);
            jdbc.update("delete from certificate_claim where declaration_tracking_id = ?", declarationTrackingId);
        });
    }

    /** How much of a certificate item declarations have claimed (operators and tests). */
    public BigDecimal claimed(String certificateNo, int itemNo) {
        return jdbc.queryForObject("select claimed from certificate_item where certificate_no = ? and item_no = ?",
                BigDecimal.class, certificateNo, itemNo);
    }
}
