package org.casw.gateway.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.delivery.DeliverySteps;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What waits for each partner: the depth of its delivery queue and the age of its oldest document, from the broker; its
 * dead letters, from the ledger; and whether its delivery is suspended.
 *
 * <p>Dead letters are counted from the ledger, not the broker: the dead-letters route takes each one off
 * {@link DeliveryRoutes#DEAD_LETTERS} within milliseconds and records it FAILED ({@link DeliverySteps#ABANDONED}), so the
 * broker's queue is almost always empty. A dead letter here is a message still FAILED whose history says the broker gave up
 * on it; an operator's retry takes it out of the count. A message FAILED for another reason (it could not be written in
 * its receiver's format) is not a dead letter. What is left on the broker's dead-letter queue itself (a dead letter the
 * route could not process) is {@link #unprocessedDeadLetters()}.
 *
 * <p>A reading is kept for a short while ({@code management.gateway.backlog-refresh}), so a scrape's several gauges
 * and a console refreshing live share one look at the broker and one query.
 */
public class PartnerBacklog {

    private final PartnerDirectory partners;
    private final PartnerSuspensions suspensions;
    private final BrokerQueues broker;
    private final JdbcTemplate jdbc;
    private final Duration refresh;
    private Reading last;

    PartnerBacklog(PartnerDirectory partners, PartnerSuspensions suspensions, BrokerQueues broker, JdbcTemplate jdbc, Duration refresh) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.broker = broker;
        this.jdbc = jdbc;
        this.refresh = refresh;
    }

    /** Every partner's backlog, in the order of the agreements. */
    public List<PartnerQueue> queues() {
        return reading().queues;
    }

    /** One partner's backlog, or null for a party without an agreement. */
    public PartnerQueue queue(String partyId) {
        return reading().queues.stream().filter(q -> q.partyId().equals(partyId)).findFirst().orElse(null);
    }

    /** Dead letters over all partners, still FAILED. */
    public long deadLettersTotal() {
        return reading().queues.stream().mapToLong(PartnerQueue::deadLetters).sum();
    }

    /** The parties whose delivery is paused: by an operator, or by their agreement. */
    public Set<String> suspended() {
        return reading().suspended;
    }

    /** Messages left on the broker's dead-letter queue that the dead-letters route could not record (e.g. no tracking id). */
    public long unprocessedDeadLetters() {
        return reading().unprocessed;
    }

    private synchronized Reading reading() {
        long now = System.nanoTime();
        if (last == null || now - last.at >= refresh.toNanos()) {
            last = read(now);
        }
        return last;
    }

    private Reading read(long at) {
        Map<String, Long> deadLetters = new HashMap<>();
        // FAILED rows are few and indexed by status; the history line is looked up for those alone
        jdbc.query("""
                select m.receiver, count(*) from message m
                where m.status = 'FAILED' and m.receiver is not null and exists (
                    select 1 from message_transition t where t.tracking_id = m.tracking_id and t.status = 'FAILED' and t.reason like ?)
                group by m.receiver""", rs -> {
                    deadLetters.put(rs.getString(1), rs.getLong(2));
                }, DeliverySteps.ABANDONED + "%");
        List<PartnerQueue> queues = new ArrayList<>();
        for (PartnerProfile partner : partners.all()) {
            BrokerQueues.QueueState state = broker.state(partner.deliveryQueue());
            queues.add(new PartnerQueue(partner.id(), state.depth(), deadLetters.getOrDefault(partner.id(), 0L), state.oldestAge()));
        }
        Set<String> suspended = new HashSet<>(suspensions.suspended());
        partners.all().stream().filter(PartnerProfile::suspended).forEach(p -> suspended.add(p.id()));
        return new Reading(at, List.copyOf(queues), broker.state(DeliveryRoutes.DEAD_LETTERS).depth(), Set.copyOf(suspended));
    }

    private record Reading(long at, List<PartnerQueue> queues, long unprocessed, Set<String> suspended) {
    }
}
