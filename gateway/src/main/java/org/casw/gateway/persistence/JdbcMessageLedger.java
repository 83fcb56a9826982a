package org.casw.gateway.persistence;

import java.io.ByteArrayInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.ledger.NewMessage;
import org.casw.routes.ledger.ReceiverVersion;
import org.casw.routes.ledger.Recorded;
import org.casw.routes.validation.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message ledger in PostgreSQL. Each write is atomic and status changes are guarded; concurrent messages' writes
 * share a commit ({@link GroupCommit}), and each caller returns once its write is committed.
 */
@Repository
public class JdbcMessageLedger implements MessageLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GroupCommit commits;

    public JdbcMessageLedger(JdbcTemplate jdbc, TransactionTemplate tx, GroupCommit commits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.commits = commits;
    }

    @Override
    public Recorded recordArrival(NewMessage m) {
        return commits.write(() -> arrival(m));
    }

    private Recorded arrival(NewMessage m) {
        // Two tries: the earlier message may leave the unique index (be rejected) between insert and look-up.
        for (int attempt = 0; attempt < 2; attempt++) {
            String trackingId = TrackingIds.next();
            Timestamp now = now();
            // one statement: the message, its payload and its first transition, or nothing if the id is taken
            Integer inserted = jdbc.queryForObject("""
                    with m as (
                        insert into message (tracking_id, sender, sender_message_id, document_type, status, channel,
                                             reply_to, payload_sha256, payload_size, received_at, updated_at)
                        values (?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?)
                        on conflict (sender, sender_message_id)
                            where status <> 'REJECTED' and sender_message_id is not null and copy_of is null do nothing
                        returning tracking_id),
                    p as (
                        insert into message_payload (tracking_id, version, kind, sha256, size, body, created_at)
                        select tracking_id, 1, 'INBOUND', ?, ?, ?, ? from m),
                    t as (
                        insert into message_transition (tracking_id, status, at, reason)
                        select tracking_id, 'RECEIVED', ?, ? from m)
                    select count(*)::int from m""", Integer.class,
                    trackingId, m.sender(), m.messageId(), m.documentType(), m.channel(), m.replyTo(), m.sha256(),
                    m.payload().length, now, now,
                    m.sha256(), m.payload().length, BinaryPayloads.body(m.payload()), now,
                    now, "received over " + m.channel() + " from " + m.sender());
            if (inserted != null && inserted == 1) {
                return new Recorded(Recorded.Kind.NEW, trackingId, MessageStatus.RECEIVED);
            }
            Recorded recorded = tx.execute(status -> {
                return jdbc.query("""
                        select tracking_id, status, payload_sha256 from message
                        where sender = ? and sender_message_id = ? and status <> 'REJECTED' and copy_of is null""",
                        rs -> rs.next() ? new Recorded(
                                rs.getString(3).equals(m.sha256()) ? Recorded.Kind.DUPLICATE : Recorded.Kind.CONFLICT,
                                rs.getString(1), MessageStatus.valueOf(rs.getString(2))) : null,
                        m.sender(), m.messageId());
            });
            if (recorded != null) {
                return recorded;
            }
        }
        throw new IllegalStateException("Message id " + m.messageId() + " of " + m.sender() + " is being rejected concurrently; retry");
    }

    @Override
    public void identified(String trackingId, String documentType) {
        commits.run(trackingId, () -> jdbc.update("update message set document_type = ? where tracking_id = ?", documentType, trackingId));
    }

    @Override
    public void rejected(String trackingId, List<Violation> violations, String reason) {
        commits.run(trackingId, () -> {
            Timestamp now = now();
            if (move(trackingId, MessageStatus.REJECTED, now, MessageStatus.RECEIVED, MessageStatus.VALIDATED)) {
                int position = 0;
                for (Violation v : violations) {
                    jdbc.update("""
                            insert into message_violation (tracking_id, position, code, path, message, line, col)
                            values (?, ?, ?, ?, ?, ?, ?)""", trackingId, position++, v.code(), v.path(), v.message(),
                            v.line(), v.column());
                }
                transition(trackingId, MessageStatus.REJECTED, reason, now);
            }
        });
    }

    @Override
    public Optional<Dispatch> issued(NewMessage message, String receiver) {
        return commits.write(() -> {
            Recorded recorded = recordArrival(message);
            if (recorded.kind() != Recorded.Kind.NEW) {
                return Optional.<Dispatch>empty();
            }
            return validated(recorded.trackingId(), new BusinessKeys(), List.of(receiver), false).stream().findFirst();
        });
    }

    @Override
    public List<Dispatch> validated(String trackingId, BusinessKeys keys, List<String> receivers, boolean senderSigned) {
        if (receivers.isEmpty()) {
            throw new IllegalArgumentException("a validated message needs at least one receiver");
        }
        return commits.write(trackingId, () -> validatedFor(trackingId, keys, receivers, senderSigned));
    }

    private List<Dispatch> validatedFor(String trackingId, BusinessKeys keys, List<String> receivers, boolean senderSigned) {
        Timestamp now = now();
        String routed = receivers.size() == 1 ? "valid; routed to " + receivers.get(0)
                : "valid; routed to " + String.join(", ", receivers) + " (" + receivers.get(0)
                        + " receives this message, each other a copy)";
        if (receivers.size() == 1) {
            // one statement, so atomic without a transaction of its own: status, business keys and history together
            return acceptedAlone(trackingId, keys, senderSigned, ReceiverVersion.asIs(receivers.get(0)), routed)
                    ? List.of(new Dispatch(trackingId, receivers.get(0), MessageStatus.VALIDATED, senderSigned, null)) : List.of();
        }
        return tx.execute(status -> {
            if (!acceptedAlone(trackingId, keys, senderSigned, ReceiverVersion.asIs(receivers.get(0)), routed)) {
                return List.<Dispatch>of();
            }
            List<Dispatch> dispatches = new ArrayList<>();
            dispatches.add(new Dispatch(trackingId, receivers.get(0), MessageStatus.VALIDATED, senderSigned, null));
            for (int i = 1; i < receivers.size(); i++) {
                String copy = trackingId + "-" + (i + 1);
                jdbc.update("""
                        insert into message (tracking_id, sender, sender_message_id, document_type, receiver, status, channel,
                                             reply_to, payload_sha256, payload_size, received_at, updated_at, copy_of, sender_signed)
                        select ?, sender, sender_message_id, document_type, ?, 'VALIDATED', channel, reply_to, payload_sha256,
                               payload_size, received_at, ?, tracking_id, sender_signed
                        from message where tracking_id = ?""", copy, receivers.get(i), now, trackingId);
                addKeys(copy, keys);
                transition(copy, MessageStatus.VALIDATED, "copy of " + trackingId + " for " + receivers.get(i), now);
                dispatches.add(new Dispatch(copy, receivers.get(i), MessageStatus.VALIDATED, senderSigned, trackingId));
            }
            return dispatches;
        });
    }

    @Override
    public List<Dispatch> dispatches(String trackingId) {
        return jdbc.query("""
                select tracking_id, receiver, status, sender_signed, copy_of from message
                where (tracking_id = ? or copy_of = ?) and receiver is not null order by tracking_id""",
                (rs, n) -> new Dispatch(rs.getString(1), rs.getString(2), MessageStatus.valueOf(rs.getString(3)), rs.getBoolean(4),
                        rs.getString(5)), trackingId, trackingId);
    }

    @Override
    public Optional<byte[]> nativePayload(String trackingId) {
        // a copy reads its original's payload: it has none of its own until prepared for its receiver
        return BinaryPayloads.first(jdbc, """
                select p.body from message m join message_payload p on p.tracking_id = coalesce(m.copy_of, m.tracking_id)
                where m.tracking_id = ? and p.kind in ('INBOUND', 'NATIVE') order by p.version desc limit 1""", trackingId);
    }

    @Override
    public List<Dispatch> accepted(String trackingId, BusinessKeys keys, boolean senderSigned, List<ReceiverVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("an accepted message needs at least one receiver");
        }
        List<String> receivers = versions.stream().map(ReceiverVersion::receiver).toList();
        return commits.write(trackingId, () -> {
            ReceiverVersion first = versions.get(0);
            if (versions.size() == 1 && first.failure() == null) {
                return acceptedAlone(trackingId, keys, senderSigned, first, "valid; routed to " + first.receiver())
                        ? List.of(new Dispatch(trackingId, first.receiver(), first.status(), senderSigned, null, true)) : List.of();
            }
            List<Dispatch> ready = new ArrayList<>();
            List<Dispatch> validated = validatedFor(trackingId, keys, receivers, senderSigned);
            for (int i = 0; i < validated.size(); i++) {
                Dispatch dispatch = validated.get(i);
                ReceiverVersion version = versions.get(i);
                if (store(dispatch.trackingId(), version)) {
                    ready.add(new Dispatch(dispatch.trackingId(), dispatch.receiver(), version.status(), senderSigned, dispatch.copyOf(),
                            true));
                }
            }
            return ready;
        });
    }

    /**
     * One receiver in one statement (also a routing without versions): RECEIVED straight to VALIDATED or SIGNED with
     * the receiver, the keys, the receiver's versions and every history line in order; false if no longer RECEIVED.
     */
    private boolean acceptedAlone(String trackingId, BusinessKeys keys, boolean senderSigned, ReceiverVersion version,
            String routed) {
        Timestamp now = now();
        List<BusinessKeys.Key> all = keys.all();
        List<String> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        statuses.add(MessageStatus.VALIDATED.name());
        reasons.add(routed);
        for (String note : version.notes()) {
            statuses.add(MessageStatus.VALIDATED.name());
            reasons.add(note);
        }
        if (version.signed() != null) {
            statuses.add(MessageStatus.SIGNED.name());
            reasons.add(version.signedReason());
        }
        Integer moved = jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    with v as (
                        update message set status = ?, receiver = ?, sender_signed = ?, updated_at = ?
                        where tracking_id = ? and status = 'RECEIVED' returning tracking_id),
                    k as (
                        insert into message_business_key (tracking_id, kind, value)
                        select v.tracking_id, k.kind, k.value from v, unnest(?::varchar[], ?::varchar[]) as k (kind, value)
                        on conflict do nothing),
                    p as (
                        insert into message_payload (tracking_id, version, kind, destination, sha256, size, body, created_at)
                        select v.tracking_id, (select max(version) from message_payload where tracking_id = v.tracking_id)
                                   + row_number() over (order by o.n),
                               'OUTBOUND', ?, o.sha256, o.size, o.body, ?
                        from v, (values (1, ?, ?::int, ?::bytea), (2, ?, ?::int, ?::bytea)) as o (n, sha256, size, body)
                        where o.body is not null),
                    t as (
                        insert into message_transition (tracking_id, status, at, reason)
                        select v.tracking_id, l.status, ?, l.reason
                        from v, unnest(?::varchar[], ?::varchar[]) with ordinality as l (status, reason, n) order by l.n)
                    select count(*)::int from v""");
            int i = 1;
            ps.setString(i++, version.status().name());
            ps.setString(i++, version.receiver());
            ps.setBoolean(i++, senderSigned);
            ps.setTimestamp(i++, now);
            ps.setString(i++, trackingId);
            ps.setArray(i++, con.createArrayOf("varchar", all.stream().map(k -> k.kind().name()).toArray()));
            ps.setArray(i++, con.createArrayOf("varchar", all.stream().map(k -> truncate(k.value())).toArray()));
            ps.setString(i++, version.receiver());
            ps.setTimestamp(i++, now);
            for (byte[] body : new byte[][] {version.prepared(), version.signed()}) {
                ps.setString(i++, body == null ? null : PayloadDigest.sha256Hex(body));
                ps.setObject(i++, body == null ? null : body.length, Types.INTEGER);
                if (body == null) {
                    ps.setNull(i++, Types.BINARY);
                } else {
                    ps.setBinaryStream(i++, new ByteArrayInputStream(body), body.length); // no copy of the array
                }
            }
            ps.setTimestamp(i++, now);
            ps.setArray(i++, con.createArrayOf("varchar", statuses.toArray()));
            ps.setArray(i, con.createArrayOf("varchar", reasons.toArray()));
            return ps;
        }, rs -> rs.next() ? rs.getInt(1) : 0);
        return moved != null && moved == 1;
    }

    @Override
    public void prepared(String trackingId, ReceiverVersion version) {
        commits.run(trackingId, () -> store(trackingId, version));
    }

    /** A VALIDATED message's version for its receiver, stored with its history; false when it FAILED instead. */
    private boolean store(String trackingId, ReceiverVersion version) {
        if (version.failure() != null) {
            failed(trackingId, version.failure());
            return false;
        }
        Timestamp now = now();
        if (version.prepared() != null) {
            storeOutbound(trackingId, version.prepared(), now);
        }
        version.notes().forEach(note -> note(trackingId, note));
        if (version.signed() != null) {
            sign(trackingId, version.signed(), version.signedReason());
        }
        return true;
    }

    @Override
    public void translated(String trackingId, byte[] nativeXml, String reason) {
        commits.run(trackingId, () -> {
            Timestamp now = now();
            jdbc.update("""
                    insert into message_payload (tracking_id, version, kind, sha256, size, body, created_at)
                    values (?, (select max(version) + 1 from message_payload where tracking_id = ?), 'NATIVE', ?, ?, ?, ?)""",
                    trackingId, trackingId, PayloadDigest.sha256Hex(nativeXml), nativeXml.length, BinaryPayloads.body(nativeXml), now);
            note(trackingId, reason);
        });
    }

    private void storeOutbound(String trackingId, byte[] payload, Timestamp now) {
        String receiver = jdbc.queryForObject("select receiver from message where tracking_id = ?", String.class, trackingId);
        jdbc.update("""
                insert into message_payload (tracking_id, version, kind, destination, sha256, size, body, created_at)
                values (?, coalesce((select max(version) + 1 from message_payload where tracking_id = ?), 1), 'OUTBOUND', ?, ?, ?, ?, ?)""",
                trackingId, trackingId, receiver, PayloadDigest.sha256Hex(payload), payload.length, BinaryPayloads.body(payload), now);
    }

    private void sign(String trackingId, byte[] signedPayload, String reason) {
        Timestamp now = now();
        // one statement, atomic: SIGNED, the signed version for the receiver, and the history line
        jdbc.queryForObject("""
                with s as (
                    update message set status = 'SIGNED', updated_at = ?
                    where tracking_id = ? and status = 'VALIDATED' returning tracking_id, receiver),
                p as (
                    insert into message_payload (tracking_id, version, kind, destination, sha256, size, body, created_at)
                    select s.tracking_id, coalesce((select max(version) + 1 from message_payload where tracking_id = ?), 1),
                           'OUTBOUND', s.receiver, ?, ?, ?, ? from s),
                t as (
                    insert into message_transition (tracking_id, status, at, reason)
                    select tracking_id, 'SIGNED', ?, ? from s)
                select count(*)::int from s""", Integer.class,
                now, trackingId, trackingId, PayloadDigest.sha256Hex(signedPayload), signedPayload.length,
                BinaryPayloads.body(signedPayload), now, now, reason);
    }

    @Override
    public void note(String trackingId, String reason) {
        commits.run(trackingId, () -> jdbc.update("""
                insert into message_transition (tracking_id, status, at, reason)
                select tracking_id, status, ?, ? from message where tracking_id = ?""", now(), reason, trackingId));
    }

    @Override
    public void queued(String trackingId, String destination) {
        Timestamp now = now();
        // one statement: the history line is written only if the status moved (a re-enqueue changes nothing)
        commits.run(trackingId, () -> jdbc.update("""
                with q as (
                    update message set status = 'QUEUED', updated_at = ?
                    where tracking_id = ? and status in ('VALIDATED', 'SIGNED') returning tracking_id)
                insert into message_transition (tracking_id, status, at, reason)
                select tracking_id, 'QUEUED', ?, ? from q""", now, trackingId, now, "queued for delivery to " + destination));
    }

    @Override
    public boolean delivered(String trackingId, String destination, String reason) {
        return Boolean.TRUE.equals(commits.write(trackingId, () -> {
            Timestamp now = now();
            // the locking read waits for a concurrent QUEUED to commit, and then sees it
            String before = jdbc.queryForObject("select status from message where tracking_id = ? for update", String.class, trackingId);
            if (!List.of("VALIDATED", "SIGNED", "QUEUED", "FAILED").contains(before)) {
                return false;
            }
            // a fast consumer delivered it before the enqueue recorded QUEUED: it was on the queue, say so first
            boolean queuedUnrecorded = MessageStatus.VALIDATED.name().equals(before) || MessageStatus.SIGNED.name().equals(before);
            jdbc.update("""
                    with d as (
                        update message set status = 'DELIVERED', last_error = null, updated_at = ? where tracking_id = ?
                        returning tracking_id)
                    insert into message_transition (tracking_id, status, at, reason)
                    select d.tracking_id, line.status, ?, line.reason
                    from d, (values (1, 'QUEUED', ?), (2, 'DELIVERED', ?)) as line (n, status, reason)
                    where line.n = 2 or ?
                    order by line.n""",
                    now, trackingId, now, "queued for delivery to " + destination, "delivered to " + destination + ": " + reason,
                    queuedUnrecorded);
            return true;
        }));
    }

    @Override
    public void deliveryAttemptFailed(String trackingId, int attempt, String error) {
        commits.run(trackingId, () -> {
            Timestamp now = now();
            // an attempt whose partner answered but whose DELIVERED commit was lost with the database fails too; once that
            // commit turns out to have landed, the failure is not the message's and is not written over its delivery
            List<String> current = jdbc.queryForList("""
                    update message set delivery_attempts = greatest(delivery_attempts, ?), last_error = ?, updated_at = ?
                    where tracking_id = ? and status not in ('DELIVERED', 'ACKNOWLEDGED') returning status""", String.class,
                    attempt, error, now, trackingId);
            if (!current.isEmpty()) {
                transition(trackingId, MessageStatus.valueOf(current.get(0)), "delivery attempt " + attempt + " failed: " + error, now);
            }
        });
    }

    @Override
    public boolean retry(String trackingId, String reason) {
        return Boolean.TRUE.equals(commits.write(trackingId, () -> {
            Timestamp now = now();
            // never prepared for its receiver (e.g. its translation failed): it is prepared again, from VALIDATED
            boolean prepared = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from message_payload where tracking_id = ? and kind = 'OUTBOUND')",
                    Boolean.class, trackingId));
            MessageStatus to = prepared || signedOrQueuedBefore(trackingId) ? MessageStatus.QUEUED : MessageStatus.VALIDATED;
            if (!move(trackingId, to, now, MessageStatus.FAILED)) {
                return false;
            }
            transition(trackingId, to, reason, now);
            return true;
        }));
    }

    @Override
    public void failed(String trackingId, String reason) {
        commits.run(trackingId, () -> {
            Timestamp now = now();
            if (move(trackingId, MessageStatus.FAILED, now, MessageStatus.VALIDATED, MessageStatus.SIGNED, MessageStatus.QUEUED)) {
                String lastError = jdbc.queryForObject("select last_error from message where tracking_id = ?", String.class, trackingId);
                transition(trackingId, MessageStatus.FAILED, reason + (lastError == null ? "" : "; last error: " + lastError), now);
            }
        });
    }

    @Override
    public void acknowledged(String trackingId, String destinationStatus, String reason, BusinessKeys extraKeys) {
        commits.run(trackingId, () -> {
            Timestamp now = now();
            // a fast receiver may answer before the delivery is recorded, so QUEUED is accepted too
            if (jdbc.update("""
                    update message set status = 'ACKNOWLEDGED', destination_status = ?, updated_at = ?
                    where tracking_id = ? and status in ('QUEUED', 'DELIVERED', 'ACKNOWLEDGED')""",
                    destinationStatus, now, trackingId) == 1) {
                addKeys(trackingId, extraKeys);
                transition(trackingId, MessageStatus.ACKNOWLEDGED, reason, now);
            }
        });
    }

    @Override
    public Optional<MessageView> find(String trackingId) {
        // the row is read and its connection returned before keys, history and violations are read: querying them
        // from inside the row mapper took a second pooled connection per caller and deadlocked the pool under load
        Optional<MessageView> found = summary(trackingId);
        return found.map(m -> new MessageView(m.trackingId(), m.messageId(), m.documentType(), m.sender(),
                m.receiver(), m.status(), m.destinationStatus(), m.channel(), m.replyTo(), m.receivedAt(), m.updatedAt(),
                keys(trackingId), history(trackingId), violations(trackingId), m.copyOf()));
    }

    @Override
    public Optional<String> deliveredWith(String receiver, String documentType, List<BusinessKeys.Key> keys) {
        for (BusinessKeys.Key key : keys) {
            // the declarant's ClientSeqNo is also the message's own sender message id, held from arrival on
            boolean ownId = key.kind() == BusinessKeys.Kind.CLIENT_SEQ_NO;
            List<String> found = jdbc.queryForList("""
                    select m.tracking_id from message m
                    where m.receiver = ? and m.document_type = ? and m.status <> 'REJECTED'
                      and ((? and m.sender_message_id = ?) or exists (select 1 from message_business_key k
                           where k.tracking_id in (m.tracking_id, m.copy_of) and k.kind = ? and k.value = ?))
                    order by m.received_at desc, m.tracking_id desc limit 1""", String.class,
                    receiver, documentType, ownId, key.value(), key.kind().name(), truncate(key.value()));
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<MessageView> summary(String trackingId) {
        return jdbc.query("""
                select tracking_id, sender_message_id, document_type, sender, receiver, status, destination_status,
                       channel, reply_to, received_at, updated_at, copy_of
                from message where tracking_id = ?""", (rs, n) -> summaryOf(rs), trackingId).stream().findFirst();
    }

    @Override
    public Optional<Deliverable> deliverable(String trackingId) {
        // one round trip per delivery: the row, and the newest outbound version or else the gateway's own reading
        return BinaryPayloads.query(jdbc, """
                select m.tracking_id, m.sender_message_id, m.document_type, m.sender, m.receiver, m.status, m.destination_status,
                       m.channel, m.reply_to, m.received_at, m.updated_at, m.copy_of, coalesce(o.body, n.body)
                from message m
                left join lateral (select body from message_payload where tracking_id = m.tracking_id and kind = 'OUTBOUND'
                                   order by version desc limit 1) o on true
                left join lateral (select body from message_payload where tracking_id = coalesce(m.copy_of, m.tracking_id)
                                   and kind in ('INBOUND', 'NATIVE') and o.body is null order by version desc limit 1) n on true
                where m.tracking_id = ?""", rs -> rs.next() ? Optional.of(new Deliverable(summaryOf(rs), rs.getBytes(13)))
                : Optional.<Deliverable>empty(), trackingId);
    }

    private static MessageView summaryOf(ResultSet rs) throws SQLException {
        return new MessageView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                MessageStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
                Map.of(), List.of(), List.of(), rs.getString(12));
    }

    @Override
    public Optional<byte[]> outboundPayload(String trackingId) {
        Optional<byte[]> prepared = BinaryPayloads.first(jdbc, """
                select body from message_payload where tracking_id = ? and kind = 'OUTBOUND' order by version desc limit 1""", trackingId);
        return prepared.isPresent() ? prepared : nativePayload(trackingId);
    }

    @Override
    /** Messages in the status last changed before the instant (a live node's messages in progress are younger). */
    public List<String> stranded(MessageStatus status, Instant touchedBefore) {
        return jdbc.queryForList("select tracking_id from message where status = ? and updated_at < ? order by received_at",
                String.class, status.name(), Timestamp.from(touchedBefore));
    }

    @Override
    public Optional<byte[]> inboundPayload(String trackingId) {
        return BinaryPayloads.first(jdbc, """
                select p.body from message m join message_payload p on p.tracking_id = coalesce(m.copy_of, m.tracking_id)
                where m.tracking_id = ? and p.version = 1""", trackingId);
    }

    /** Whether the message reached the queue before it failed (then it is queued again as it was). */
    private boolean signedOrQueuedBefore(String trackingId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from message_transition where tracking_id = ? and status in ('QUEUED', 'DELIVERED'))""",
                Boolean.class, trackingId));
    }

    private boolean move(String trackingId, MessageStatus to, Timestamp now, MessageStatus... from) {
        String[] names = new String[from.length];
        for (int i = 0; i < from.length; i++) {
            names[i] = from[i].name();
        }
        return jdbc.update("update message set status = ?, updated_at = ? where tracking_id = ? and status = any (?)",
                ps -> {
                    ps.setString(1, to.name());
                    ps.setTimestamp(2, now);
                    ps.setString(3, trackingId);
                    ps.setArray(4, ps.getConnection().createArrayOf("varchar", names));
                }) == 1;
    }

    private void transition(String trackingId, MessageStatus status, String reason, Timestamp at) {
        jdbc.update("insert into message_transition (tracking_id, status, at, reason) values (?, ?, ?, ?)",
                trackingId, status.name(), at, reason);
    }

    private void addKeys(String trackingId, BusinessKeys keys) {
        // one round trip for all of them
        jdbc.batchUpdate("""
                insert into message_business_key (tracking_id, kind, value) values (?, ?, ?)
                on conflict do nothing""", keys.all().stream()
                .map(key -> new Object[] {trackingId, key.kind().name(), truncate(key.value())}).toList());
    }

    private Map<String, List<String>> keys(String trackingId) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        jdbc.query("select kind, value from message_business_key where tracking_id = ? order by kind, value",
                rs -> {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, trackingId);
        return keys;
    }

    private List<MessageView.Transition> history(String trackingId) {
        return jdbc.query("select status, at, reason from message_transition where tracking_id = ? order by id",
                (rs, n) -> new MessageView.Transition(MessageStatus.valueOf(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(), rs.getString(3)), trackingId);
    }

    private List<Violation> violations(String trackingId) {
        return jdbc.query("select code, path, message, line, col from message_violation where tracking_id = ? order by position",
                (rs, n) -> new Violation(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5)), trackingId);
    }

    private static String truncate(String value) {
        return value.length() <= 128 ? value : value.substring(0, 128);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
