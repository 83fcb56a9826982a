package org.casw.gateway.cluster;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.delivery.DeliveryRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator suspends or resumes a partner on another node: that node writes the database and announces it on the
 * broker. This node follows the announcement at once and, if the announcement is lost, its next heartbeat.
 */
class CrossNodeSuspensionTest extends GatewayIntegrationTest {

    private static final String PARTNER = "MY-NSW";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ClusterEvents events;

    @Autowired
    CamelContext camel;

    @Autowired
    PartnerSuspensions suspensions;

    @AfterEach
    void resumed() {
        jdbc.update("delete from partner_suspension where party_id = ?", PARTNER);
        events.resumed(PARTNER);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery() == ServiceStatus.Started);
    }

    @Test
    void anAnnouncedSuspensionStopsDeliveryAndTheResumeStartsIt() {
        assertThat(delivery()).isEqualTo(ServiceStatus.Started);

        suspendElsewhere();
        events.suspended(PARTNER);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery() == ServiceStatus.Stopped);
        assertThat(suspensions.isSuspended(PARTNER)).as("its submissions refused here too").isTrue();

        jdbc.update("delete from partner_suspension where party_id = ?", PARTNER);
        events.resumed(PARTNER);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivery() == ServiceStatus.Started);
    }

    @Test
    void aSuspensionAndAResumeWhoseAnnouncementsWereLostAreFollowedAtTheNextHeartbeat() {
        suspendElsewhere(); // and nothing announced
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery() == ServiceStatus.Stopped);

        jdbc.update("delete from partner_suspension where party_id = ?", PARTNER); // resumed elsewhere, nothing announced
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery() == ServiceStatus.Started);
    }

    private void suspendElsewhere() {
        jdbc.update("insert into partner_suspension (party_id, suspended_at, suspended_by) values (?, now(), 'operator:ops-on-node-2')",
                PARTNER);
    }

    private ServiceStatus delivery() {
        return camel.getRouteController().getRouteStatus(DeliveryRoutes.routeId(PARTNER));
    }
}
