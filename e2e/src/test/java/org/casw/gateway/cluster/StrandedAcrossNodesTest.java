package org.casw.gateway.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.gateway.recovery.StrandedMessageRecovery;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.NewMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While another node is alive, the leader finishes only what has been in flight longer than
 * {@code gateway.cluster.stranded-after}: the other node may still be working on a younger message.
 */
class StrandedAcrossNodesTest extends GatewayIntegrationTest {

    @Autowired
    JdbcMessageLedger ledger;

    @Autowired
    StrandedMessageRecovery recovery;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void otherNodeGone() {
        jdbc.update("delete from cluster_node where node_id = 'node-2'");
    }

    @Test
    void aDeadNodesOldMessageIsFinishedAndALiveNodesYoungOneLeftAlone() {
        String abandoned = arrive("STRANDED-NODE2-OLD");
        jdbc.update("update message set updated_at = now() - interval '5 minutes' where tracking_id = ?", abandoned);
        String inProgress = arrive("STRANDED-NODE2-YOUNG");
        jdbc.update("""
                insert into cluster_node (node_id, started_at, last_seen, version, agreements_digest)
                values ('node-2', now(), now(), 'test', repeat('0', 64))""");

        recovery.perform();

        assertThat(ledger.find(inProgress).orElseThrow().status()).as("young, another node alive").isEqualTo(MessageStatus.RECEIVED);
        client.awaitAcknowledged(ENTERPRISE_KEY, abandoned, "P");

        recovery.resumeTouchedBefore(Instant.now()); // as if node-2 had died too: nothing is left behind
        client.awaitAcknowledged(ENTERPRISE_KEY, inProgress, "P");
    }

    private String arrive(String clientSeqNo) {
        byte[] payload = Samples.declaration(clientSeqNo).getBytes(StandardCharsets.UTF_8);
        return ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", clientSeqNo, "DECLARATION", payload,
                PayloadDigest.sha256Hex(payload), null)).trackingId();
    }
}
