package org.casw.gateway.recovery;

import java.nio.charset.StandardCharsets;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.NewMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stopped gateway left half-way (stored but not queued) is finished at the next start. */
class StrandedMessageRecoveryTest extends GatewayIntegrationTest {

    @Autowired
    JdbcMessageLedger ledger;

    @Autowired
    StrandedMessageRecovery recovery;

    @Test
    void messagesLeftReceivedOrValidatedAreFinishedOnResume() {
        // as if the gateway stopped right after storing one message and right after validating another
        String received = arrive("STRANDED-RECEIVED-1");
        String validated = arrive("STRANDED-VALIDATED-1");
        ledger.identified(validated, "DECLARATION");
        ledger.validated(validated, new BusinessKeys(), java.util.List.of("CN-CUSTOMS"), false);

        recovery.resumeTouchedBefore(java.time.Instant.now());

        client.awaitAcknowledged(ENTERPRISE_KEY, received, "P");
        client.awaitAcknowledged(ENTERPRISE_KEY, validated, "P");
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages/" + validated)).get("history").toString())
                .as("signed for customs on resume, as the intake would have").contains("signed for CN-CUSTOMS: cn-eport-sm2");
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION&businessKey=STRANDED-RECEIVED-1")).get("total").asInt())
                .as("resumed under the first tracking id, not a second message").isEqualTo(1);
    }

    private String arrive(String clientSeqNo) {
        byte[] payload = Samples.declaration(clientSeqNo).getBytes(StandardCharsets.UTF_8);
        return ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", clientSeqNo, "DECLARATION", payload,
                PayloadDigest.sha256Hex(payload), null)).trackingId();
    }
}
