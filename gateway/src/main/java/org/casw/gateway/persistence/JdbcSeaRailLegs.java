package org.casw.gateway.persistence;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The manifests and container events a party may merge into a through document: only its own messages
 * (sent or received), as tracking shows them, and never refused ones.
 */
@Repository
public class JdbcSeaRailLegs {

    /** Manifests that declare a voyage's or a train's cargo; arrival, loading and tally reports do not. */
    static final String[] CARGO_MANIFESTS = {"MT1101", "MT2101", "MT1401", "MT2401"};

    /** A held manifest, as received. */
    public record HeldManifest(String trackingId, byte[] payload) {
    }

    private final JdbcTemplate jdbc;

    public JdbcSeaRailLegs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The party's cargo manifests carrying this business key ({@code CONTAINER_NO}, {@code BILL_NO}), newest first. */
    public List<HeldManifest> manifests(String kind, String value, String party) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select m.tracking_id, p.body
                    from message m
                    join message_business_key k on k.tracking_id = m.tracking_id and k.kind = ? and k.value = ?
                    join message_business_key t on t.tracking_id = m.tracking_id and t.kind = 'MESSAGE_TYPE' and t.value = any (?)
                    join message_payload p on p.tracking_id = m.tracking_id and p.version = 1
                    where m.document_type = 'MANIFEST' and m.status <> 'REJECTED' and (m.sender = ? or m.receiver = ?)
                    order by m.received_at desc, m.tracking_id desc""");
            ps.setString(1, kind);
            ps.setString(2, value);
            ps.setArray(3, con.createArrayOf("varchar", CARGO_MANIFESTS));
            ps.setString(4, party);
            ps.setString(5, party);
            return ps;
        }, (rs, n) -> new HeldManifest(rs.getString(1), rs.getBytes(2)));
    }

    /** The payloads of the party's container event batches naming any of these containers, oldest first. */
    public List<byte[]> containerEvents(Collection<String> containers, String party) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select p.body
                    from message m
                    join message_payload p on p.tracking_id = m.tracking_id and p.version = 1
                    where m.document_type = 'CONTAINER_EVENT' and m.status <> 'REJECTED' and (m.sender = ? or m.receiver = ?)
                      and exists (select 1 from message_business_key k
                                  where k.tracking_id = m.tracking_id and k.kind = 'CONTAINER_NO' and k.value = any (?))
                    order by m.received_at, m.tracking_id""");
            ps.setString(1, party);
            ps.setString(2, party);
            ps.setArray(3, con.createArrayOf("varchar", containers.toArray()));
            return ps;
        }, (rs, n) -> rs.getBytes(1));
    }
}
