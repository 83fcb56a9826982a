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
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    public record HeldManifest(String trackingId, byte[] payload) {
    }

    private final JdbcTemplate jdbc;

    public JdbcSeaRailLegs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The gateway's reading of a document: the native translation of a non-XML arrival, else what arrived (a copy: its original's). */
    private static final String NATIVE_PAYLOAD = """
            join lateral (select body from message_payload where tracking_id = coalesce(m.copy_of, m.tracking_id)
                          and kind in ('INBOUND', 'NATIVE') order by version desc limit 1) p on true""";

    /**
     * How many of the newest manifests carrying one key are read: a container travels often, and only its latest
     * legs make a through document, so a long history is never loaded whole.
     */
    public static final int MANIFESTS_READ = 100;

    /**
     * The party's newest cargo manifests carrying this business key ({@code CONTAINER_NO}, {@code BILL_NO}), at most
     * {@link #MANIFESTS_READ}.
     */
    public List<HeldManifest> manifests(String kind, String value, String party) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select tracking_id, body from (
                        -- a document and its copies for further receivers are one document; the native XML of each
                        select distinct on (coalesce(m.copy_of, m.tracking_id)) coalesce(m.copy_of, m.tracking_id) as tracking_id,
                               m.received_at, p.body
                        from message m
                        join message_business_key k on k.tracking_id = m.tracking_id and k.kind = ? and k.value = ?
                        join message_business_key t on t.tracking_id = m.tracking_id and t.kind = 'MESSAGE_TYPE' and t.value = any (?)
                        %s
                        where m.document_type = 'MANIFEST' and m.status <> 'REJECTED' and (m.sender = ? or m.receiver = ?)
                        order by coalesce(m.copy_of, m.tracking_id)) held
                    order by received_at desc, tracking_id desc
                    limit %d""".formatted(NATIVE_PAYLOAD, MANIFESTS_READ));
            ps.setString(1, kind);
            ps.setString(2, value);
            ps.setArray(3, con.createArrayOf("varchar", CARGO_MANIFESTS));
            ps.setString(4, party);
            ps.setString(5, party);
            return ps;
        }, (rs, n) -> new HeldManifest(rs.getString(1), rs.getBytes(2)));
    }

    /**
     * The payloads of the party's container event batches naming any of these containers, oldest first: {@code limit} from
     * {@code offset}.
     */
    public List<byte[]> containerEvents(Collection<String> containers, String party, long offset, int limit) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select body from (
                        select distinct on (coalesce(m.copy_of, m.tracking_id)) coalesce(m.copy_of, m.tracking_id) as document,
                               m.received_at, p.body
                        from message m
                        %s
                        where m.document_type = 'CONTAINER_EVENT' and m.status <> 'REJECTED' and (m.sender = ? or m.receiver = ?)
                          and exists (select 1 from message_business_key k
                                      where k.tracking_id = m.tracking_id and k.kind = 'CONTAINER_NO' and k.value = any (?))
                        order by coalesce(m.copy_of, m.tracking_id)) held
                    order by received_at, document
                    limit ? offset ?""".formatted(NATIVE_PAYLOAD));
            ps.setString(1, party);
            ps.setString(2, party);
            ps.setArray(3, con.createArrayOf("varchar", containers.toArray()));
            ps.setInt(4, limit);
            ps.setLong(5, offset);
            return ps;
        }, (rs, n) -> rs.getBytes(1));
    }
}
