package org.casw.gateway.partner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.casw.routes.partner.Suspensions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Partners an operator suspended, kept in the database so a restart does not resume them by surprise and every node of
 * a cluster reads the same. Every submission and API call asks about its party, so the set is held in memory, changed
 * with the table on this node and re-read from it when another node says so or at the next heartbeat
 * ({@link org.casw.gateway.cluster.PartnerSuspensionSync}).
 */
@Repository
public class PartnerSuspensions implements Suspensions {

    private final JdbcTemplate jdbc;
    private volatile Set<String> held;

    public PartnerSuspensions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> suspended() {
        return new HashSet<>(jdbc.queryForList("select party_id from partner_suspension", String.class));
    }

    @Override
    public boolean isSuspended(String partyId) {
        Set<String> current = held;
        if (current == null) {
            current = reload();
        }
        return current.contains(partyId);
    }

    public synchronized void suspend(String partyId, String operator) {
        jdbc.update("insert into partner_suspension (party_id, suspended_at, suspended_by) values (?, ?, ?) on conflict do nothing",
                partyId, Timestamp.from(Instant.now()), operator);
        reload();
    }

    public synchronized void resume(String partyId) {
        jdbc.update("delete from partner_suspension where party_id = ?", partyId);
        reload();
    }

    /** Re-reads the table: what operators on any node decided. */
    public synchronized Set<String> reload() {
        held = Set.copyOf(suspended());
        return held;
    }
}
