package org.casw.gateway.as4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicate elimination covers the whole retry horizon and then lets go: the hourly retention job forgets the
 * ebMS message ids answered longer ago than {@code gateway.as4.duplicate-retention}, and only those, in
 * PostgreSQL; phase4 sees the same ids through {@link JdbcAs4DuplicateManager}.
 */
class As4DuplicateRetentionTest extends GatewayIntegrationTest {

    @Autowired
    As4Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void messageIdsAnsweredBeforeTheRetentionAreForgottenAndLaterOnesKept() {
        Duration retention = Duration.ofDays(30);
        String old = "retention-old-" + System.nanoTime() + "@sg-swgw.test";
        String recent = "retention-recent-" + System.nanoTime() + "@sg-swgw.test";
        ledger.answered(old, "SG-NSW", null, "receipt for the old one".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        ledger.answered(recent, "SG-NSW", null, "receipt for the recent one".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        jdbc.update("update as4_received_message set first_seen = now() - interval '31 days' where ebms_message_id = ?", old);
        JdbcAs4DuplicateManager duplicates = new JdbcAs4DuplicateManager(ledger);
        assertThat(duplicates.getItemOfMessageID(old)).isNotNull();

        assertThat(As4Engine.forgetExpired(duplicates, retention)).isEqualTo(1);

        assertThat(ledger.received(old)).isEmpty();
        assertThat(duplicates.getItemOfMessageID(old)).isNull();
        assertThat(ledger.received(recent)).hasValueSatisfying(m -> assertThat(new String(m.receipt(), StandardCharsets.UTF_8))
                .isEqualTo("receipt for the recent one"));
        assertThat(As4Engine.forgetExpired(duplicates, retention)).isZero();
    }

    @Test
    void aResendWithinTheRetentionFindsTheReceiptItWasFirstAnswered() {
        String id = "retention-resend-" + System.nanoTime() + "@sg-swgw.test";
        ledger.answered(id, "SG-NSW", null, "first receipt".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        // a second answer for the same id (a resend racing the first) must not replace the evidence given first
        ledger.answered(id, "SG-NSW", null, "second receipt".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        jdbc.update("update as4_received_message set first_seen = now() - interval '29 days' where ebms_message_id = ?", id);

        As4Engine.forgetExpired(new JdbcAs4DuplicateManager(ledger), Duration.ofDays(30));

        assertThat(ledger.received(id)).hasValueSatisfying(m -> assertThat(new String(m.receipt(), StandardCharsets.UTF_8))
                .isEqualTo("first receipt"));
    }
}
