package org.casw.gateway.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's figures over the last hour, read from the ledger (the truth for every node and across restarts):
 * messages per minute by status and by type, delivery latency, refusals by code, failed deliveries.
 * Each query starts from the arrival-time index, so it reads the last hour's rows, not the whole ledger.
 */
@Repository
class DashboardFigures {

    static final Duration WINDOW = Duration.ofHours(1);

    /** Counts per minute: {@code minutes} (epoch seconds, oldest first) and one series of counts per status and per type. */
    public record PerMinute(List<Long> minutes, Map<String, List<Long>> byStatus, Map<String, List<Long>> byType) {
    }

    /** Seconds from arrival to delivery; null when nothing was delivered in the window. */
    public record Latency(Double median, Double p95, long delivered) {
    }

    private final JdbcTemplate jdbc;

    DashboardFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    PerMinute perMinute(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = end.minus(WINDOW);
        List<Long> minutes = new ArrayList<>();
        for (Instant m = start; m.isBefore(end); m = m.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(m.getEpochSecond());
        }
        Map<String, List<Long>> byStatus = new TreeMap<>();
        Map<String, List<Long>> byType = new TreeMap<>();
        jdbc.query("""
                select date_trunc('minute', received_at), status, coalesce(document_type, '-'), count(*) from message
                where received_at >= ? group by 1, 2, 3""", rs -> {
            int slot = (int) ((rs.getTimestamp(1).toInstant().getEpochSecond() - start.getEpochSecond()) / 60);
            if (slot >= 0 && slot < minutes.size()) {
                add(byStatus, rs.getString(2), slot, rs.getLong(4), minutes.size());
                add(byType, rs.getString(3), slot, rs.getLong(4), minutes.size());
            }
        }, Timestamp.from(start));
        return new PerMinute(minutes, byStatus, byType);
    }

    private static void add(Map<String, List<Long>> series, String name, int slot, long count, int slots) {
        List<Long> counts = series.computeIfAbsent(name, s -> new ArrayList<>(Collections.nCopies(slots, 0L)));
        counts.set(slot, counts.get(slot) + count);
    }

    Map<String, Long> byType(Instant now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                select coalesce(document_type, '—'), count(*) from message where received_at >= ? group by 1 order by 2 desc""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, Timestamp.from(now.minus(WINDOW)));
        return counts;
    }

    Map<String, Long> refusalsByCode(Instant now) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                select v.code, count(*) from message m join message_violation v on v.tracking_id = m.tracking_id and v.position = 0
                where m.received_at >= ? and m.status = 'REJECTED' group by 1 order by 2 desc""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, Timestamp.from(now.minus(WINDOW)));
        return counts;
    }

    Latency latency(Instant now) {
        return jdbc.queryForObject("""
                select percentile_cont(0.5) within group (order by extract(epoch from t.at - m.received_at)),
                       percentile_cont(0.95) within group (order by extract(epoch from t.at - m.received_at)), count(*)
                from message m join message_transition t on t.tracking_id = m.tracking_id and t.status = 'DELIVERED'
                where m.received_at >= ?""",
                (rs, n) -> new Latency((Double) rs.getObject(1), (Double) rs.getObject(2), rs.getLong(3)),
                Timestamp.from(now.minus(WINDOW)));
    }

    /** Failed deliveries waiting for an operator, dead letters among them. */
    long failed() {
        Long failed = jdbc.queryForObject("select count(*) from message where status = 'FAILED'", Long.class);
        return failed == null ? 0 : failed;
    }

}
