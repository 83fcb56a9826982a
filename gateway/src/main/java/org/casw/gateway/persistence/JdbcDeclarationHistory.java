package org.casw.gateway.persistence;

import java.util.Optional;
import org.casw.routes.rules.declaration.DeclarationHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Earlier declarations as the ledger holds them: found by customs entry id and declarant. */
@Repository
public class JdbcDeclarationHistory implements DeclarationHistory {

    private final JdbcTemplate jdbc;

    public JdbcDeclarationHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AcceptedSummary> acceptedSummary(String entryId, String declarantUscc) {
        // accepted = the first ACKNOWLEDGED transition of a summary customs answered with an Sp* code
        return jdbc.query("""
                select m.tracking_id, min(t.at), p.body
                from message m
                join message_business_key e on e.tracking_id = m.tracking_id and e.kind = 'ENTRY_ID' and e.value = ?
                join message_business_key d on d.tracking_id = m.tracking_id and d.kind = 'DECLARANT' and d.value = ?
                join message_transition t on t.tracking_id = m.tracking_id and t.status = 'ACKNOWLEDGED'
                join lateral (select body from message_payload where tracking_id = coalesce(m.copy_of, m.tracking_id)
                                   and kind in ('INBOUND', 'NATIVE') order by version desc limit 1) p on true
                where m.document_type = 'DECLARATION' and m.destination_status in ('SpL', 'SpJ', 'SpK')
                group by m.tracking_id, p.body
                order by min(t.at) desc limit 1""",
                rs -> rs.next() ? Optional.of(new AcceptedSummary(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBytes(3)))
                        : Optional.<AcceptedSummary>empty(),
                entryId, declarantUscc);
    }

    @Override
    public Optional<LodgedDeclaration> lodged(String entryId, String declarantUscc) {
        return jdbc.query("""
                select m.tracking_id, m.destination_status
                from message m
                join message_business_key e on e.tracking_id = m.tracking_id and e.kind = 'ENTRY_ID' and e.value = ?
                join message_business_key d on d.tracking_id = m.tracking_id and d.kind = 'DECLARANT' and d.value = ?
                where m.document_type = 'DECLARATION' and m.status <> 'REJECTED'
                order by m.received_at desc limit 1""",
                rs -> rs.next() ? Optional.of(new LodgedDeclaration(rs.getString(1), rs.getString(2)))
                        : Optional.<LodgedDeclaration>empty(),
                entryId, declarantUscc);
    }
}
