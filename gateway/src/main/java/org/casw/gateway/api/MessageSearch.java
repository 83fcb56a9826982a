package org.casw.gateway.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds a party's messages (sent or received) by type, status and business key, newest first. */
@Repository
class MessageSearch {

    private final JdbcTemplate jdbc;

    MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    MessageJson.Page search(String party, String type, String status, String businessKey, int page, int size) {
        StringBuilder where = new StringBuilder(" from message m where (m.sender = ? or m.receiver = ?)");
        List<Object> args = new ArrayList<>(List.of(party, party));
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
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<MessageJson.Summary> items = jdbc.query("""
                select m.tracking_id, m.sender_message_id, m.document_type, m.sender, m.receiver, m.status,
                       m.destination_status, m.received_at, m.updated_at""" + where
                        + " order by m.received_at desc, m.tracking_id limit ? offset ?",
                (rs, n) -> new MessageJson.Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))),
                pageArgs.toArray());
        return new MessageJson.Page(items, page, size, total == null ? 0 : total);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
