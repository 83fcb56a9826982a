package org.casw.gateway.persistence;

import java.util.Optional;
import java.util.Set;
import org.casw.routes.rules.manifest.ManifestHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Earlier manifests as the ledger holds them, found by their business keys. */
@Repository
public class JdbcManifestHistory implements ManifestHistory {

    private final JdbcTemplate jdbc;

    public JdbcManifestHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean originalManifestKnown(String transportMeansId, String journeyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (
                    select 1 from message m
                    join message_business_key t on t.tracking_id = m.tracking_id and t.kind = 'MESSAGE_TYPE' and t.value = 'MT1101'
                    join message_business_key v on v.tracking_id = m.tracking_id and v.kind in ('VESSEL_IMO', 'TRAIN_NO') and v.value = ?
                    join message_business_key j on j.tracking_id = m.tracking_id and j.kind = 'VOYAGE_NO' and j.value = ?
                    where m.document_type = 'MANIFEST' and m.status <> 'REJECTED')""", Boolean.class, transportMeansId, journeyId));
    }

    @Override
    public Optional<HeldManifest> latestListingBill(String billNo, Set<String> messageTypes) {
        // sender-independent on purpose: a declaration is checked against the manifest the carrier filed
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select m.tracking_id, t.value, p.body
                    from message m
                    join message_business_key b on b.tracking_id = m.tracking_id and b.kind in ('BILL_NO', 'HOUSE_BILL_NO') and b.value = ?
                    join message_business_key t on t.tracking_id = m.tracking_id and t.kind = 'MESSAGE_TYPE' and t.value = any (?)
                    join lateral (select body from message_payload where tracking_id = coalesce(m.copy_of, m.tracking_id)
                                   and kind in ('INBOUND', 'NATIVE') order by version desc limit 1) p on true
                    where m.document_type = 'MANIFEST' and m.status <> 'REJECTED'
                    order by m.received_at desc, m.tracking_id desc limit 1""");
            ps.setString(1, billNo);
            ps.setArray(2, con.createArrayOf("varchar", messageTypes.toArray()));
            return ps;
        }, rs -> rs.next() ? Optional.of(new HeldManifest(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                : Optional.<HeldManifest>empty());
    }
}
