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

/**
 * The certificate registry in PostgreSQL: one row per certificate number with the party that registered it; balances
 * change only by guarded, all-or-nothing updates.
 */
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
                select certificate_no, agreement, exporting_country, importing_country, issue_date, valid_until,
                       original_certificate_no, original_issue_date, original_issuing_country
                from certificate_of_origin where certificate_no = ?""",
                rs -> rs.next() ? Optional.of(new KnownCertificate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), items, rs.getString(7) == null ? null
                                : new OriginalReference(rs.getString(7), rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(),
                                        rs.getString(9)))) : Optional.<KnownCertificate>empty(),
                certificateNo);
    }

    @Override
    public Optional<Registrant> registrantOf(String certificateNo) {
        return jdbc.query("select registered_by, tracking_id from certificate_of_origin where certificate_no = ?",
                rs -> rs.next() ? Optional.of(new Registrant(rs.getString(1), rs.getString(2))) : Optional.<Registrant>empty(),
                certificateNo);
    }

    @Override
    public Registered register(String trackingId, String registrant, KnownCertificate c, List<Claim> drawdown) {
        return tx.execute(status -> {
            OriginalReference original = c.original();
            int inserted = jdbc.update("""
                    insert into certificate_of_origin (certificate_no, tracking_id, registered_by, agreement, exporting_country,
                                                       importing_country, issue_date, valid_until, original_certificate_no,
                                                       original_issue_date, original_issuing_country, registered_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (certificate_no) do nothing""",
                    c.certificateNo(), trackingId, registrant, c.agreement(), c.exportingCountry(), c.importingCountry(),
                    Date.valueOf(c.issueDate()), Date.valueOf(c.validUntil()), original == null ? null : original.certificateNo(),
                    original == null || original.issueDate() == null ? null : Date.valueOf(original.issueDate()),
                    original == null ? null : original.issuingCountry(), Timestamp.from(Instant.now()));
            if (inserted == 0) {
                return Registered.NUMBER_TAKEN;
            }
            for (Item item : c.items()) {
                jdbc.update("insert into certificate_item (certificate_no, item_no, hs_code, quantity, unit) values (?, ?, ?, ?, ?)",
                        c.certificateNo(), item.itemNo(), item.hsCode(), item.quantity(), item.unit());
            }
            if (!drawdown.isEmpty() && !takeClaims(trackingId, drawdown)) {
                status.setRollbackOnly();
                return Registered.BALANCE_EXCEEDED;
            }
            return Registered.REGISTERED;
        });
    }

    @Override
    public void withdraw(String trackingId) {
        tx.executeWithoutResult(status -> {
            release(trackingId);
            // a declaration may have claimed on it in the meantime: then it stays, as its claims rely on it
            jdbc.update("""
                    delete from certificate_item i using certificate_of_origin c
                    where i.certificate_no = c.certificate_no and c.tracking_id = ?
                      and not exists (select 1 from certificate_claim k where k.certificate_no = c.certificate_no)""", trackingId);
            jdbc.update("""
                    delete from certificate_of_origin c where c.tracking_id = ?
                      and not exists (select 1 from certificate_item i where i.certificate_no = c.certificate_no)""", trackingId);
        });
    }

    @Override
    public boolean claim(String declarationTrackingId, List<Claim> claims) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!takeClaims(declarationTrackingId, claims)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        }));
    }

    /** Takes each claim off its item's balance under the claiming message; false at the first that does not fit. */
    private boolean takeClaims(String trackingId, List<Claim> claims) {
        Timestamp now = Timestamp.from(Instant.now());
        for (Claim claim : claims) {
            int updated = jdbc.update("""
                    update certificate_item set claimed = claimed + ?
                    where certificate_no = ? and item_no = ? and claimed + ? <= quantity""",
                    claim.quantity(), claim.certificateNo(), claim.itemNo(), claim.quantity());
            if (updated == 0) {
                return false;
            }
            jdbc.update("""
                    insert into certificate_claim (declaration_tracking_id, certificate_no, item_no, quantity, claimed_at)
                    values (?, ?, ?, ?, ?)
                    on conflict (declaration_tracking_id, certificate_no, item_no)
                    do update set quantity = certificate_claim.quantity + excluded.quantity""",
                    trackingId, claim.certificateNo(), claim.itemNo(), claim.quantity(), now);
        }
        return true;
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
