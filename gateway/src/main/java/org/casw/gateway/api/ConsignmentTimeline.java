package org.casw.gateway.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.DocumentValidator;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-click tracking of a bill, container, entry id or certificate number: the steps of the caller's own documents
 * that carry it, and the milestones of other parties that concern the caller's own consignment.
 *
 * <p>What a party may see of others (docs/security-model.md, "What a party sees"): a port's or railway's container
 * event (discharge, gate-out, rail departure …) that names a bill of lading which is also on one of the party's own
 * documents carrying the tracked key. Only the milestone is shown (event, container, place, time, reporter), never
 * the other party's document; an event that names no bill is never shown, since container numbers are reused from
 * one consignment to the next. Operators see every document.
 */
@Component
public class ConsignmentTimeline {

    private static final Logger log = LoggerFactory.getLogger(ConsignmentTimeline.class);

    /** One step of one document on the timeline. */
    public record Step(Instant at, String trackingId, String type, String status, String reason, String sender, String receiver) {
    }

    /** Another party's milestone on the caller's consignment: what happened to which container, where, when, and who said so. */
    public record Milestone(Instant occurredAt, String event, String container, String location, String reporter) {
    }

    /** The documents carrying the key: the viewer's own, or (viewer null, an operator) everyone's. */
    private static String documentsOfKey(String viewer) {
        return " from message m where " + (viewer == null ? "" : "(m.sender = ? or m.receiver = ?) and ")
                + "exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)";
    }

    private static Object[] arguments(String viewer, String key, Object... more) {
        List<Object> args = new ArrayList<>();
        if (viewer != null) {
            args.add(viewer);
            args.add(viewer);
        }
        args.add(key);
        args.addAll(List.of(more));
        return args.toArray();
    }

    private final JdbcTemplate jdbc;
    private final DocumentValidator documents;

    public ConsignmentTimeline(JdbcTemplate jdbc, DocumentValidator documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    /** How many documents of the viewer (null: an operator, everyone's) carry the key. */
    public int documents(String viewer, String key) {
        Integer count = jdbc.queryForObject("select count(*)" + documentsOfKey(viewer), Integer.class, arguments(viewer, key));
        return count == null ? 0 : count;
    }

    /** How many steps those documents have, on all pages. */
    public long stepCount(String viewer, String key) {
        Long count = jdbc.queryForObject("select count(*) from message_transition t where t.tracking_id in (select m.tracking_id"
                + documentsOfKey(viewer) + ")", Long.class, arguments(viewer, key));
        return count == null ? 0 : count;
    }

    /** One page of the steps of the viewer's documents carrying the key, in time order. */
    public List<Step> steps(String viewer, String key, int page, int size) {
        return jdbc.query("select t.at, m.tracking_id, m.document_type, t.status, t.reason, m.sender, m.receiver"
                + documentsOfKey(viewer).replace(" from message m where ", " from message m join message_transition t"
                        + " on t.tracking_id = m.tracking_id where ")
                + " order by t.at, t.id limit ? offset ?",
                (rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                arguments(viewer, key, size, (long) page * size));
    }

    private record Batch(String sender, byte[] payload) {
    }

    /** Other parties' container events on the party's own consignment, by the rule above, in time order. */
    public List<Milestone> milestones(String party, String key) {
        Set<String> ownBills = new HashSet<>(jdbc.queryForList("""
                select distinct b.value from message m join message_business_key b on b.tracking_id = m.tracking_id
                where (m.sender = ? or m.receiver = ?) and b.kind in ('BILL_NO', 'MASTER_BILL_NO', 'HOUSE_BILL_NO')
                  and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)""",
                String.class, party, party, key));
        if (ownBills.isEmpty()) {
            return List.of();
        }
        // others' accepted event batches carrying the key and one of those bills; their XML reading (NATIVE, for EDIFACT)
        // or else what arrived
        List<Batch> batches = jdbc.query("""
                select m.sender, coalesce((select p.body from message_payload p where p.tracking_id = m.tracking_id and p.kind = 'NATIVE'
                                 order by p.version limit 1),
                                (select p.body from message_payload p where p.tracking_id = m.tracking_id and p.version = 1))
                from message m
                where m.document_type = 'CONTAINER_EVENT' and m.copy_of is null and m.status not in ('RECEIVED', 'REJECTED')
                  and m.sender <> ? and m.receiver is distinct from ?
                  and exists (select 1 from message_business_key k where k.tracking_id = m.tracking_id and k.value = ?)
                  and exists (select 1 from message_business_key b where b.tracking_id = m.tracking_id and b.kind = 'BILL_NO'
                              and b.value = any (?))
                order by m.received_at limit 200""",
                (rs, n) -> new Batch(rs.getString(1), rs.getBytes(2)), party, party, key, ownBills.toArray(String[]::new));
        List<Milestone> milestones = new ArrayList<>();
        for (Batch batch : batches) {
            ContainerEvents events;
            try {
                events = (ContainerEvents) documents.read(DocumentType.CONTAINER_EVENT, batch.payload()).document();
            } catch (RuntimeException e) {
                log.warn("A stored container event batch could not be read for tracking: {}", e.getMessage());
                continue;
            }
            for (Event event : events.getEvent()) {
                boolean ofKey = key.equals(event.getContainerNumber()) || event.getBillNo().contains(key);
                if (ofKey && event.getBillNo().stream().anyMatch(ownBills::contains)) {
                    milestones.add(new Milestone(event.getOccurredAt().toGregorianCalendar().toInstant(), event.getEventType().name(),
                            event.getContainerNumber(), event.getLocation().getUnLocode(), batch.sender()));
                }
            }
        }
        milestones.sort(Comparator.comparing(Milestone::occurredAt));
        return milestones;
    }
}
