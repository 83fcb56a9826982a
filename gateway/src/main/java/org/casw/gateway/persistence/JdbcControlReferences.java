package org.casw.gateway.persistence;

import org.casw.routes.transform.edifact.ControlReferences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The UN/EDIFACT control references the gateway writes, counted per recipient in PostgreSQL: 1, 2, 3 ... towards
 * each recipient id, never the same twice, across restarts and concurrent deliveries.
 */
@Repository
public class JdbcControlReferences implements ControlReferences {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    public JdbcControlReferences(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // committed at once in a transaction of its own: a caller's rollback must not hand the same reference out
        // again (the interchange may already have left), nor hold the recipient's row locked for the caller's duration
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String next(String recipientInterchangeId) {
        // one statement: the insert of a first reference or the increment of the row, under the row's lock, so
        // concurrent callers for one recipient each get their own number
        Long reference = own.execute(status -> jdbc.queryForObject("""
                insert into interchange_control_reference (recipient_id, last_reference, updated_at) values (?, 1, now())
                on conflict (recipient_id) do update
                    set last_reference = interchange_control_reference.last_reference + 1, updated_at = now()
                returning last_reference""", Long.class, recipientInterchangeId));
        return Long.toString(reference);
    }
}
