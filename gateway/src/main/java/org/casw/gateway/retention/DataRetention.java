package org.casw.gateway.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.casw.gateway.cluster.ClusterDuty;
import org.casw.gateway.observability.GatewayMetrics;
import org.casw.routes.ledger.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Purges finished documents' payloads and history once they are older than {@code gateway.retention.age}, archiving
 * each first when {@code gateway.retention.archive-dir} is set. Runs on one node of the cluster at a time.
 *
 * <p>A document is purged whole or not at all: the original with its copies for further receivers, an aggregate
 * declaration with its consignments' declarations and their copies. It is due when every one of those messages is
 * finished (DELIVERED, ACKNOWLEDGED or REJECTED: never FAILED, never on its way) and none changed within the age. Each
 * message keeps its row and business keys as a tombstone, with one history line saying when it was purged and where it
 * was archived: a resend under the same message id is still answered as the duplicate it is, tracking still finds it,
 * and the certificate and AEO registers keep what they point at. Its payload versions, history, violations and AS4
 * receipt go.
 *
 * <p>Each batch is exported first (each zip forced to disk before the next step) and then purged in one transaction that
 * locks the messages and purges only those unchanged since they were exported; a failed export purges nothing of its
 * batch and ends the run, which the next run repeats. Safe to interrupt at any point: an exported document not yet
 * purged is exported again and its zip replaced.
 */
public class DataRetention implements ClusterDuty {

    private static final Logger log = LoggerFactory.getLogger(DataRetention.class);

    /** Where every delivery of a document has ended; anything else may still move. */
    static final List<MessageStatus> FINISHED = List.of(MessageStatus.DELIVERED, MessageStatus.ACKNOWLEDGED, MessageStatus.REJECTED);

    private static final String[] FINISHED_NAMES = FINISHED.stream().map(Enum::name).toArray(String[]::new);

    /**
     * The oldest due documents (originals and aggregates, never a copy or a part on its own), one batch. The statuses are
     * written out, not a parameter, so that the planner can use the partial index {@code message_retention} (V13).
     */
    static final String DUE = """
            select r.tracking_id from message r
            where r.purged_at is null and r.copy_of is null and r.part_of is null and r.updated_at < ?
              and r.status in (%s)
              and not exists (select 1 from message c where c.copy_of = r.tracking_id
                              and (c.status <> all (?) or c.updated_at >= ?))
              and not exists (select 1 from message p where p.part_of = r.tracking_id
                              and (p.status <> all (?) or p.updated_at >= ?
                                   or exists (select 1 from message pc where pc.copy_of = p.tracking_id
                                              and (pc.status <> all (?) or pc.updated_at >= ?))))
            order by r.updated_at limit ?""".formatted(String.join(", ", FINISHED.stream().map(s -> "'" + s + "'").toList()));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RetentionPolicy policy;
    private final MessageArchive archive;
    private final Clock clock;
    private final Counter purged;

    /**
     * @param archive where documents are written before being purged; null: purged without a copy
     * @param clock   the real time (ADR 0008: retention judges the ledger's own times, never documents' dates)
     */
    public DataRetention(JdbcTemplate jdbc, TransactionTemplate tx, RetentionPolicy policy, MessageArchive archive, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.policy = policy;
        this.archive = archive;
        this.clock = clock;
        this.purged = Counter.builder(GatewayMetrics.PURGED).description("messages whose payloads and history were purged")
                .register(meters);
    }

    @Override
    public String name() {
        return "data-retention";
    }

    @Override
    public Duration interval() {
        return policy.interval();
    }

    /** What one run did: documents and their messages purged. */
    public record Run(int documents, int messages) {
    }

    @Override
    public void perform() {
        purge();
    }

    /** Purges every due document, batch by batch. */
    public Run purge() {
        Instant now = clock.instant();
        Timestamp cutoff = Timestamp.from(now.minus(policy.age()));
        int documents = 0;
        int messages = 0;
        try {
            while (true) {
                List<String> due = due(cutoff);
                if (due.isEmpty()) {
                    break;
                }
                List<Document> batch = new ArrayList<>();
                for (String trackingId : due) {
                    batch.add(document(trackingId, now));
                }
                Run run = purge(batch, cutoff, now);
                documents += run.documents();
                messages += run.messages();
                purged.increment(run.messages());
                log.info("Data retention: purged {} of {} document(s) ({} message(s)) last changed before {}{}", run.documents(),
                        due.size(), run.messages(), cutoff.toInstant(), archive == null ? "" : ", archived in " + archive.directory());
                // a document changed since it was found stays for a later run; stop rather than find it again
                if (due.size() < policy.batchSize() || run.documents() == 0) {
                    break;
                }
            }
        } finally {
            if (documents > 0) {
                log.info("Data retention run done: {} document(s), {} message(s) purged", documents, messages);
            }
        }
        return new Run(documents, messages);
    }

    private List<String> due(Timestamp cutoff) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement(DUE);
            var finished = con.createArrayOf("varchar", FINISHED_NAMES);
            ps.setTimestamp(1, cutoff);
            for (int i = 2; i <= 7; i += 2) {
                ps.setArray(i, finished);
                ps.setTimestamp(i + 1, cutoff);
            }
            ps.setInt(8, policy.batchSize());
            return ps;
        }, (rs, n) -> rs.getString(1));
    }

    /** A document as found (and archived): each message's last change, so the purge can tell whether it moved since. */
    private record Document(String trackingId, Map<String, Snapshot> messages, Path archived) {
    }

    private record Snapshot(String status, Timestamp updatedAt, Long lastTransition) {
    }

    private Document document(String trackingId, Instant now) {
        Map<String, Snapshot> messages = snapshots(List.of(trackingId), false);
        Path archived = null;
        if (archive != null) {
            Instant receivedAt = jdbc.queryForObject("select received_at from message where tracking_id = ?", Timestamp.class, trackingId)
                    .toInstant();
            try {
                archived = archive.write(trackingId, List.copyOf(messages.keySet()), receivedAt, now);
            } catch (IOException e) {
                throw new UncheckedIOException("Data retention stopped: could not archive document " + trackingId + " in "
                        + archive.directory() + "; nothing of its batch was purged", e);
            }
        }
        return new Document(trackingId, messages, archived);
    }

    /**
     * The messages of these documents (each with its copies, its parts and their copies), by tracking id in order.
     *
     * @param lock lock their rows until the transaction ends
     */
    private Map<String, Snapshot> snapshots(List<String> documents, boolean lock) {
        Map<String, Snapshot> found = new TreeMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    with documents as (select unnest(?::varchar[]) as tracking_id),
                    parts as (select tracking_id from documents
                              union all select m.tracking_id from message m join documents d on m.part_of = d.tracking_id),
                    members as (select tracking_id from parts
                                union all select m.tracking_id from message m join parts p on m.copy_of = p.tracking_id)
                    select m.tracking_id, m.status, m.updated_at,
                           (select max(t.id) from message_transition t where t.tracking_id = m.tracking_id)
                    from message m where m.tracking_id in (select tracking_id from members)
                    order by m.tracking_id""" + (lock ? " for update of m" : ""));
            ps.setArray(1, con.createArrayOf("varchar", documents.toArray()));
            return ps;
        }, rs -> {
            found.put(rs.getString(1), new Snapshot(rs.getString(2), rs.getTimestamp(3), (Long) rs.getObject(4)));
        });
        return found;
    }

    /** One transaction: purges the documents of the batch that did not change since they were found and archived. */
    private Run purge(List<Document> batch, Timestamp cutoff, Instant now) {
        return tx.execute(status -> {
            Map<String, Snapshot> current = snapshots(batch.stream().map(Document::trackingId).toList(), true);
            List<String> purgeable = new ArrayList<>();
            int documents = 0;
            Map<String, String> reasons = new HashMap<>();
            String purgedBecause = "payloads and history purged: finished more than " + age() + " ago";
            for (Document document : batch) {
                boolean unchanged = document.messages().entrySet().stream()
                        .allMatch(e -> Objects.equals(current.get(e.getKey()), e.getValue())
                                && FINISHED.contains(MessageStatus.valueOf(e.getValue().status()))
                                && e.getValue().updatedAt().before(cutoff));
                if (!unchanged) {
                    log.info("Data retention: document {} changed while being archived; kept for a later run", document.trackingId());
                    continue;
                }
                documents++;
                purgeable.addAll(document.messages().keySet());
                String reason = purgedBecause + (document.archived() == null ? "; not archived" : "; archived in " + document.archived());
                document.messages().keySet().forEach(m -> reasons.put(m, reason));
            }
            if (purgeable.isEmpty()) {
                return new Run(0, 0);
            }
            String[] ids = purgeable.toArray(String[]::new);
            for (String table : new String[] {"message_payload", "message_transition", "message_violation", "as4_sent_receipt"}) {
                jdbc.update("delete from " + table + " where tracking_id = any (?)", ps -> ps.setArray(1,
                        ps.getConnection().createArrayOf("varchar", ids)));
            }
            Timestamp at = Timestamp.from(now);
            jdbc.update("update message set purged_at = ?, last_error = null where tracking_id = any (?)", ps -> {
                ps.setTimestamp(1, at);
                ps.setArray(2, ps.getConnection().createArrayOf("varchar", ids));
            });
            jdbc.batchUpdate("""
                    insert into message_transition (tracking_id, status, at, reason)
                    select tracking_id, status, ?, ? from message where tracking_id = ?""",
                    purgeable.stream().map(m -> new Object[] {at, reasons.get(m), m}).toList());
            return new Run(documents, purgeable.size());
        });
    }

    private String age() {
        Duration age = policy.age();
        return age.toHours() % 24 == 0 && age.toMinutesPart() == 0 ? age.toDays() + " days" : age.toString();
    }
}
