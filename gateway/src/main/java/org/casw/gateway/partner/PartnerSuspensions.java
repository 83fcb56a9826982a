package org.casw.gateway.partner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Partners an operator suspended, kept in the database so a restart does not resume them by surprise. */
@Repository
public class PartnerSuspensions {

    private final JdbcTemplate jdbc;

    public PartnerSuspensions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> suspended() {
        return new HashSet<>(jdbc.queryForList("select party_id from partner_suspension", String.class));
    }

    public void suspend(String partyId, String operator) {
        jdbc.update("insert into partner_suspension (party_id, suspended_at, suspended_by) values (?, ?, ?) on conflict do nothing",
                partyId, Timestamp.from(Instant.now()), operator);
    }

    public void resume(String partyId) {
        jdbc.update("delete from partner_suspension where party_id = ?", partyId);
    }
}
