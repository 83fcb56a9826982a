package org.casw.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a message's page stops refreshing its summary: once nothing more is expected. */
class MessagesPageTest {

    private static MessageView message(String type, MessageStatus status, String destinationStatus, Instant receivedAt) {
        return new MessageView("SW1", "M1", type, "DEMO-ENTERPRISE", "CN-CUSTOMS", status, destinationStatus, "HTTP", null,
                receivedAt, receivedAt, Map.of(), List.of(), List.of(), null);
    }

    @Test
    void aDeclarationIsFollowedUntilCustomsReleasesOrRefusesIt() {
        Instant now = Instant.now();
        assertThat(MessagesPage.settled(message("DECLARATION", MessageStatus.QUEUED, null, now))).isFalse();
        assertThat(MessagesPage.settled(message("DECLARATION", MessageStatus.ACKNOWLEDGED, "L", now))).isFalse();
        assertThat(MessagesPage.settled(message("DECLARATION", MessageStatus.ACKNOWLEDGED, "P", now))).isTrue();
        assertThat(MessagesPage.settled(message("DECLARATION", MessageStatus.ACKNOWLEDGED, "R", now))).isTrue();
        assertThat(MessagesPage.settled(message("DECLARATION", MessageStatus.ACKNOWLEDGED, "L", now.minus(Duration.ofHours(2)))))
                .isTrue();
    }

    @Test
    void otherDocumentsAreSettledWhenAcknowledgedRefusedOrFailed() {
        Instant now = Instant.now();
        assertThat(MessagesPage.settled(message("MANIFEST", MessageStatus.DELIVERED, null, now))).isFalse();
        assertThat(MessagesPage.settled(message("MANIFEST", MessageStatus.ACKNOWLEDGED, "01", now))).isTrue();
        assertThat(MessagesPage.settled(message("MANIFEST", MessageStatus.FAILED, null, now))).isTrue();
        assertThat(MessagesPage.settled(message(null, MessageStatus.REJECTED, null, now))).isTrue();
    }
}
