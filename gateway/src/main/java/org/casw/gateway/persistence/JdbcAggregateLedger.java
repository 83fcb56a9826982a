package org.casw.gateway.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DeclarationStatus;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Aggregate declarations in PostgreSQL: parts are messages with {@code part_of}; {@code aggregate_answer}
 * holds what was last answered and is the row answering locks. Each method is one transaction; the
 * message ledger's own methods called inside join it.
 */
@Repository
public class JdbcAggregateLedger implements AggregateLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcMessageLedger messages;

    public JdbcAggregateLedger(JdbcTemplate jdbc, TransactionTemplate tx, JdbcMessageLedger messages) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.messages = messages;
    }

    @Override
    public List<Dispatch> split(String aggregateTrackingId, BusinessKeys keys, List<NewPart> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an aggregate declaration has at least one consignment");
        }
        return tx.execute(status -> {
            Timestamp now = now();
            // the guard: only a RECEIVED aggregate is split, so a concurrent resend or recovery splits nothing twice
            if (jdbc.update("update message set status = 'SPLIT', updated_at = ? where tracking_id = ? and status = 'RECEIVED'",
                    now, aggregateTrackingId) == 0) {
                return List.<Dispatch>of();
            }
            addKeys(aggregateTrackingId, keys);
            transition(aggregateTrackingId, MessageStatus.VALIDATED, "valid aggregate declaration of " + parts.size()
                    + " consignment(s); every consignment's declaration passed the declaration schema and rules", now);
            List<Dispatch> dispatches = new ArrayList<>();
            StringBuilder split = new StringBuilder();
            for (NewPart part : parts) {
                String trackingId = TrackingIds.next();
                int inserted = jdbc.update("""
                        insert into message (tracking_id, sender, sender_message_id, document_type, status, channel, reply_to,
                                             payload_sha256, payload_size, received_at, updated_at, part_of, part_no)
                        select ?, sender, ?, 'DECLARATION', 'RECEIVED', channel, reply_to, ?, ?, ?, ?, tracking_id, ?
                        from message where tracking_id = ?
                        on conflict (sender, sender_message_id)
                            where status <> 'REJECTED' and sender_message_id is not null and copy_of is null do nothing""",
                        trackingId, part.messageId(), PayloadDigest.sha256Hex(part.payload()), part.payload().length, now, now,
                        part.number(), aggregateTrackingId);
                if (inserted == 0) {
                    String taken = jdbc.queryForObject("""
                            select m.tracking_id from message m join message a on a.sender = m.sender
                            where a.tracking_id = ? and m.sender_message_id = ? and m.status <> 'REJECTED' and m.copy_of is null""",
                            String.class, aggregateTrackingId, part.messageId());
                    throw new PartIdTaken(part.number(), part.messageId(), taken); // rolls back the whole split
                }
                // NATIVE: the gateway composed this payload; nothing arrived in this form
                jdbc.update("""
                        insert into message_payload (tracking_id, version, kind, sha256, size, body, created_at)
                        values (?, 1, 'NATIVE', ?, ?, ?, ?)""", trackingId, PayloadDigest.sha256Hex(part.payload()),
                        part.payload().length, part.payload(), now);
                transition(trackingId, MessageStatus.RECEIVED, "consignment " + part.number() + " (bill " + part.billNo()
                        + ") of aggregate declaration " + aggregateTrackingId + ", composed by the gateway", now);
                dispatches.addAll(messages.validated(trackingId, part.keys(), part.receivers(), false));
                split.append(split.isEmpty() ? "" : ", ").append(trackingId).append(" (bill ").append(part.billNo()).append(')');
            }
            jdbc.update("insert into aggregate_answer (tracking_id, parts, updated_at) values (?, ?, ?)",
                    aggregateTrackingId, parts.size(), now);
            transition(aggregateTrackingId, MessageStatus.SPLIT, "split into " + parts.size() + " declaration(s): " + split, now);
            return dispatches;
        });
    }

    /**
     * The parts with what customs said: a consignment's declaration routed to several receivers is one message per
     * receiver (the part and its copies), and customs may hold a copy, so a part's customs status, entry id and
     * failure are those of any of its messages.
     */
    @Override
    public List<Part> parts(String aggregateTrackingId) {
        return jdbc.query("""
                select m.part_no, m.tracking_id,
                       case when exists (select 1 from message c where c.copy_of = m.tracking_id and c.status = 'FAILED')
                            then 'FAILED' else m.status end,
                       (select d.destination_status from message d
                        where (d.tracking_id = m.tracking_id or d.copy_of = m.tracking_id) and d.destination_status is not null
                        order by d.updated_at desc limit 1),
                       (select min(k.value) from message_business_key k where k.tracking_id = m.tracking_id and k.kind = 'BILL_NO'),
                       (select min(k.value) from message_business_key k join message d on d.tracking_id = k.tracking_id
                        where (d.tracking_id = m.tracking_id or d.copy_of = m.tracking_id) and k.kind = 'ENTRY_ID'),
                       (select min(k.value) from message_business_key k where k.tracking_id = m.tracking_id and k.kind = 'LANE')
                from message m where m.part_of = ? order by m.part_no""",
                (rs, n) -> new Part(rs.getInt(1), rs.getString(2), rs.getString(5), MessageStatus.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(6), rs.getString(7)), aggregateTrackingId);
    }

    /** The aggregate a consignment's declaration, or a receiver's copy of one, belongs to. */
    @Override
    public Optional<String> aggregateOf(String trackingId) {
        return jdbc.query("""
                select coalesce(m.part_of, o.part_of) from message m left join message o on o.tracking_id = m.copy_of
                where m.tracking_id = ? and coalesce(m.part_of, o.part_of) is not null""",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(), trackingId);
    }

    @Override
    public Optional<Dispatch> answer(String aggregateTrackingId, Function<Progress, Answer> compose) {
        return tx.execute(status -> {
            // the lock: answers for one aggregate are composed one at a time, each seeing every receipt committed before it
            List<Object[]> locked = jdbc.query("""
                    select parts, receipts_sent, last_state_sha256 from aggregate_answer where tracking_id = ? for update""",
                    (rs, n) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getString(3)}, aggregateTrackingId);
            if (locked.isEmpty()) {
                return Optional.<Dispatch>empty();
            }
            int expected = (Integer) locked.get(0)[0];
            int sent = (Integer) locked.get(0)[1];
            String lastState = (String) locked.get(0)[2];
            List<Part> parts = parts(aggregateTrackingId);
            if (parts.size() < expected
                    || parts.stream().anyMatch(p -> !DeclarationStatus.isCustomsStatus(p.destinationStatus())
                            && p.status() != MessageStatus.FAILED)) {
                // answered once every consignment has a customs status (the single window's import response is none),
                // or will never get one without an operator
                return Optional.<Dispatch>empty();
            }
            String[] aggregate = jdbc.queryForObject("select sender, sender_message_id from message where tracking_id = ?",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, aggregateTrackingId);
            Answer answer = compose.apply(new Progress(aggregateTrackingId, aggregate[1], aggregate[0], sent + 1, parts));
            String state = PayloadDigest.sha256Hex(answer.state().getBytes(StandardCharsets.UTF_8));
            if (state.equals(lastState)) {
                return Optional.<Dispatch>empty(); // a repeated receipt changed nothing the submitter does not know
            }
            Timestamp now = now();
            String receiptTrackingId = TrackingIds.next();
            jdbc.update("""
                    insert into message (tracking_id, sender, sender_message_id, document_type, status, channel, reply_to,
                                         payload_sha256, payload_size, received_at, updated_at)
                    select ?, ?, ?, 'AGGREGATE_RECEIPT', 'RECEIVED', 'GATEWAY', reply_to, ?, ?, ?, ?
                    from message where tracking_id = ?""",
                    receiptTrackingId, GATEWAY, answer.receiptId(), PayloadDigest.sha256Hex(answer.payload()), answer.payload().length,
                    now, now, aggregateTrackingId);
            jdbc.update("""
                    insert into message_payload (tracking_id, version, kind, sha256, size, body, created_at)
                    values (?, 1, 'NATIVE', ?, ?, ?, ?)""", receiptTrackingId, PayloadDigest.sha256Hex(answer.payload()),
                    answer.payload().length, answer.payload(), now);
            transition(receiptTrackingId, MessageStatus.RECEIVED, "aggregate receipt " + (sent + 1) + " of " + aggregateTrackingId
                    + ", composed by the gateway from its consignments' customs receipts", now);
            List<Dispatch> dispatches = messages.validated(receiptTrackingId, answer.keys(), List.of(aggregate[0]), false);
            jdbc.update("""
                    update aggregate_answer set receipts_sent = receipts_sent + 1, last_state_sha256 = ?, updated_at = ?
                    where tracking_id = ?""", state, now, aggregateTrackingId);
            String told = "aggregate receipt " + (sent + 1) + " (" + answer.overall() + ") sent as " + receiptTrackingId + ": "
                    + summary(parts);
            if (answer.finalCode() != null && jdbc.update("""
                    update message set status = 'ACKNOWLEDGED', destination_status = ?, updated_at = ?
                    where tracking_id = ? and status in ('SPLIT', 'ACKNOWLEDGED')""", answer.finalCode(), now, aggregateTrackingId) == 1) {
                transition(aggregateTrackingId, MessageStatus.ACKNOWLEDGED, "every consignment decided; " + told, now);
            } else {
                messages.note(aggregateTrackingId, told);
            }
            return dispatches.stream().findFirst();
        });
    }

    @Override
    public List<String> unanswered() {
        return jdbc.queryForList("""
                select a.tracking_id from aggregate_answer a join message m on m.tracking_id = a.tracking_id
                where m.status = 'SPLIT' order by m.received_at""", String.class);
    }

    private static String summary(List<Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.billNo()).append(' ')
                    .append(p.destinationStatus() != null ? p.destinationStatus() : p.status().name());
        }
        return sb.toString();
    }

    private void transition(String trackingId, MessageStatus status, String reason, Timestamp at) {
        jdbc.update("insert into message_transition (tracking_id, status, at, reason) values (?, ?, ?, ?)",
                trackingId, status.name(), at, reason);
    }

    private void addKeys(String trackingId, BusinessKeys keys) {
        for (BusinessKeys.Key key : keys.all()) {
            jdbc.update("insert into message_business_key (tracking_id, kind, value) values (?, ?, ?) on conflict do nothing",
                    trackingId, key.kind().name(), key.value().length() <= 128 ? key.value() : key.value().substring(0, 128));
        }
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
