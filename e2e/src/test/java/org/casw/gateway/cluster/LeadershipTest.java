package org.casw.gateway.cluster;

import java.time.Duration;
import javax.sql.DataSource;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node leads and runs the once-per-cluster duties; a second node asking meanwhile is refused; when the leader's
 * database session ends (what a kill -9, a network cut or a database restart does to it) the second takes over, and
 * the first follows when the second lets go. The second node here is a second lock on the same database.
 */
class LeadershipTest extends GatewayIntegrationTest {

    @Autowired
    ClusterLeadership leadership;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOnlyNodeLeadsAndRunsEveryDuty() {
        await().atMost(Duration.ofSeconds(30)).until(leadership::leading);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(leadership.lastRuns())
                .containsKeys("stranded-message-recovery", "as4-duplicate-retention", "certificate-expiry-watch")
                .allSatisfy((duty, run) -> assertThat(run.succeeded()).as(duty + ": " + run.problem()).isTrue()));

        JsonNode cluster = json(get("demo-operator-key", "/actuator/health")).path("components").path("cluster");
        assertThat(cluster.path("status").asText()).isEqualTo("UP");
        assertThat(cluster.path("details").path("leader").asBoolean()).as(cluster.toString()).isTrue();
        assertThat(cluster.path("details").path("agreementsAgree").asBoolean()).isTrue();
        assertThat(cluster.path("details").path("nodes").findValuesAsText("node"))
                .contains(cluster.path("details").path("node").asText());
    }

    @Test
    void whenTheLeadersSessionEndsAnotherNodeLeadsAndHandsBackWhenItLetsGo() {
        await().atMost(Duration.ofSeconds(30)).until(leadership::leading);
        try (LeaderLock otherNode = new LeaderLock(dataSource)) {
            assertThat(otherNode.hold()).as("a second node while the first leads").isFalse();

            // the leader's session ends as if its process were killed
            Integer ended = jdbc.queryForObject("""
                    select count(pg_terminate_backend(pid)) from pg_locks
                    where locktype = 'advisory' and granted and classid = ? and objid = ?""", Integer.class,
                    (int) (LeaderLock.KEY >>> 32), (int) LeaderLock.KEY);
            assertThat(ended).isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).until(otherNode::hold);
            await().atMost(Duration.ofSeconds(30)).until(() -> !leadership.leading());
        }
        await().atMost(Duration.ofSeconds(30)).until(leadership::leading);
    }
}
