package org.casw.gateway.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Finds messages by type, status, party, business key and time, newest first: a party's own (sent or received) for
 * the party, everyone's for an operator.
 */
@Repository
public class MessageSearch {

    /**
     * What to look for; null or blank fields match anything.
     *
     * @param viewer the party asking, who sees only what it sent or received; null for an operator, who sees all
     * @param party  messages this party sent or received
     */
    public record Criteria(String viewer, String type, String status, String party, String businessKey, Instant from, Instant to,
            int page, int size) {
    }

    private final JdbcTemplate jdbc;

    MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    MessageJson.Page search(String party, String type, String status, String businessKey, int page, int size) {
        return search(new Criteria(party, type, status, null, businessKey, null, null, page, size));
    }

    public MessageJson.Page search(Criteria c) {
        String type = c.type();
        String status = c.status();
        String businessKey = c.businessKey();
        StringBuilder where = new StringBuilder(" from message m where true");
        List<Object> args = new ArrayList<>();
        for (String party : new String[] {c.viewer(), c.party()}) {
            if (party != null && !party.isBlank()) {
                where.append(" and (m.sender = ? or m.receiver = ?)");
                args.add(party);
                args.add(party);
            }
        }
        if (c.from() != null) {
            where.append(" and m.received_at >= ?");
            args.add(Timestamp.from(c.from()));
        }
        if (c.to() != null) {
            where.append(" and m.received_at < ?");
            args.add(Timestamp.from(c.to()));
        }
        if (type != null && !type.isBlank()) {
            where.append(" and m.document_type = ?");
            args.add(type);
        }
        if (status != null && !status.isBlank()) {
            where.append(" and m.status = ?");
            args.add(status);
        }
        if (businessKey != null && !businessKey.isBlank()) {
            // "BILL_NO:PILQZH2611001" narrows to one kind of key; a bare value matches any kind
            int colon = businessKey.indexOf(':');
            String kind = colon > 0 ? businessKey.substring(0, colon) : null;
            if (kind != null && kind.matches("[A-Z_]+")) {
                where.append(" and exists (select 1 from message_business_key k"
                        + " where k.tracking_id = m.tracking_id and k.kind = ? and k.value = ?)");
                args.add(kind);
                args.add(businessKey.substring(colon + 1));
            } else {
                where.append(" and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)");
                args.add(businessKey);
            }
        }
        Long total = jdbc.queryForObject("select count(*)" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(c.size());
        pageArgs.add((long) c.page() * c.size());
        List<MessageJson.Summary> items = jdbc.query("""
                select m.tracking_id, m.sender_message_id, m.document_type, m.sender, m.receiver, m.status,
                       m.destination_status, m.received_at, m.updated_at""" + where
                        + " order by m.received_at desc, m.tracking_id limit ? offset ?",
                (rs, n) -> new MessageJson.Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))),
                pageArgs.toArray());
        return new MessageJson.Page(items, c.page(), c.size(), total == null ? 0 : total);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
