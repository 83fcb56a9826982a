package org.casw.gateway.persistence;

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
}
