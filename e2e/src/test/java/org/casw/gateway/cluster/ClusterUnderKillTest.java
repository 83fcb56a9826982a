package org.casw.gateway.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.casw.gateway.reliability.GatewayProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivered once in the production shape: two gateway nodes on one PostgreSQL and an Artemis shared-store HA pair,
 * every one a separate process on loopback ({@link GatewayCluster}), under a steady load of unique declarations sent
 * to either node with a client's failover ({@link SteadyLoad}), while one process is killed. After each, every
 * accepted document reached the partner exactly once, none is lost, nothing is left unfinished in the ledger or on the
 * broker, and every refused call was one a client can retry. Each test logs and asserts its counts
 * ({@link DeliveryTally}).
 *
 * <p>{@code mvn verify} runs the short version: a gateway node killed mid-intake under about 15 seconds of load. The heavy
 * versions (longer load, the killed node started again, the live broker killed, PostgreSQL restarted) are opt-in:
 * <pre>
 * mvn -B -o -pl e2e -am verify -Dtest='ClusterUnderKillTest' -Dsurefire.failIfNoSpecifiedTests=false -Dcasw.cluster.heavy=true
 * </pre>
 */
@Tag("slow")
class ClusterUnderKillTest {

    static final String HEAVY = "casw.cluster.heavy";
    private static final Logger log = LoggerFactory.getLogger(ClusterUnderKillTest.class);
    private static final boolean heavy = Boolean.getBoolean(HEAVY);
    private static final int RATE = heavy ? 15 : 10;
    private static final Duration PHASE = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMinutes(4);

    /**
     * (a) kill -9 of a node while it holds documents it stored but did not answer: the party resends what was refused
     * to the other node, which also takes over the killed node's deliveries, but not the calls the kill cut off (see
     * {@link SteadyLoad#abandonCallsCutOff()}), and what the killed node stored of those the cluster must finish without
     * it. The heavy version starts the killed node again, under load, after a longer run through the other one.
     */
    @Test
    void everyDocumentAcceptedIsDeliveredOnceWhenAGatewayNodeIsKilledUnderLoad() throws Exception {
        try (GatewayCluster cluster = GatewayCluster.start("cluster-node-kill", 2);
             SteadyLoad load = new SteadyLoad(cluster.nodes(), run("NK")).abandonCallsCutOff()) {
            load.start(RATE);
            awaitAccepted(load, heavy ? 150 : 40);
            Set<String> cutOff = killMidIntake(cluster, load, 1);
            log.info("node 1 killed after {} accepted, holding {} stored but unanswered: {}", load.acceptedCount(), cutOff.size(), cutOff);
            awaitAccepted(load, load.acceptedCount() + (heavy ? 300 : 80)); // through node 2 alone
            if (heavy) {
                cluster.node(1).start();
                log.info("node 1 started again after {} accepted", load.acceptedCount());
                awaitAccepted(load, load.acceptedCount() + 150);
            }
            load.stop();
            assertDeliveredOnce("node kill", cluster, load);
            assertThat(cluster.node(2).alive()).as("the surviving node").isTrue();
        }
    }

    /**
     * (b) kill -9 of the live broker: the backup takes over the shared journal and both nodes fail over to it by
     * themselves; then a node is started while the backup alone is live.
     */
    @Test
    @EnabledIfSystemProperty(named = HEAVY, matches = "true")
    void everyDocumentAcceptedIsDeliveredOnceWhenTheLiveBrokerIsKilledUnderLoad() throws Exception {
        try (GatewayCluster cluster = GatewayCluster.start("cluster-broker-kill", 2);
             SteadyLoad load = new SteadyLoad(cluster.nodes(), run("BK"))) {
            long pid1 = cluster.node(1).pid();
            long pid2 = cluster.node(2).pid();
            load.start(RATE);
            awaitAccepted(load, 150);
            cluster.brokers().killPrimaryAndAwaitFailover(Duration.ofSeconds(60));
            log.info("primary broker killed, backup live, after {} accepted", load.acceptedCount());
            awaitAccepted(load, load.acceptedCount() + 300);
            boolean failedOverByThemselves = cluster.node(1).alive() && cluster.node(1).pid() == pid1 && cluster.node(2).alive()
                    && cluster.node(2).pid() == pid2;
            // a node starting while only the backup is live finds it at the second address of the URL
            cluster.node(1).kill();
            cluster.node(1).start();
            log.info("node 1 started again on the backup alone after {} accepted", load.acceptedCount());
            awaitAccepted(load, load.acceptedCount() + 100);
            load.stop();
            assertDeliveredOnce("broker failover", cluster, load);
            assertThat(failedOverByThemselves).as("both nodes failed over by themselves, without a restart").isTrue();
        }
    }

    /**
     * (c) PostgreSQL stopped at once (no shutdown checkpoint) and started again: the nodes reconnect, and meanwhile
     * refuse only in ways a client retries.
     */
    @Test
    @EnabledIfSystemProperty(named = HEAVY, matches = "true")
    void everyDocumentAcceptedIsDeliveredOnceWhenPostgresRestartsUnderLoad() throws Exception {
        try (GatewayCluster cluster = GatewayCluster.start("cluster-postgres-restart", 2);
             SteadyLoad load = new SteadyLoad(cluster.nodes(), run("PG"))) {
            load.start(RATE);
            awaitAccepted(load, 150);
            long refusedBefore = load.refusedRetryable();
            cluster.postgres().stopImmediately();
            log.info("PostgreSQL stopped (immediate) after {} accepted", load.acceptedCount());
            // the outage lasts until the party has felt it: some calls refused meanwhile
            await().atMost(PHASE).until(() -> load.refusedRetryable() >= refusedBefore + 10 || !load.refusedOther().isEmpty());
            cluster.postgres().restart();
            log.info("PostgreSQL started again after {} accepted", load.acceptedCount());
            awaitAccepted(load, load.acceptedCount() + 300);
            load.stop();
            assertDeliveredOnce("PostgreSQL restart", cluster, load);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Kills node {@code number} at a moment it has stored documents it has not answered yet: freezes it (SIGSTOP), looks
     * in the ledger for documents whose call is with it that are stored but not queued, and SIGKILLs it if there are
     * some, else lets it go on and looks again.
     *
     * @return the message ids of those documents
     */
    private static Set<String> killMidIntake(GatewayCluster cluster, SteadyLoad load, int number) {
        GatewayProcess node = cluster.node(number);
        AtomicReference<Set<String>> caught = new AtomicReference<>();
        await().atMost(PHASE).pollInterval(Duration.ofMillis(50)).until(() -> {
            node.freeze();
            Set<String> stored = cluster.storedNotQueued(load.pendingOn(number - 1));
            if (stored.isEmpty()) {
                node.thaw();
                return false;
            }
            node.kill();
            caught.set(stored);
            return true;
        });
        return caught.get();
    }

    private static void awaitAccepted(SteadyLoad load, int count) {
        await().atMost(PHASE).pollInterval(Duration.ofMillis(500))
                .failFast("a good document was refused in a way a client cannot retry", () -> !load.refusedOther().isEmpty())
                .until(() -> load.acceptedCount() >= count);
    }

    /** Waits until the run has settled (or the patience ran out), logs its counts and asserts them. */
    private static void assertDeliveredOnce(String scenario, GatewayCluster cluster, SteadyLoad load) throws Exception {
        AtomicReference<DeliveryTally> tally = new AtomicReference<>(DeliveryTally.of(cluster, load));
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> {
                tally.set(DeliveryTally.of(cluster, load));
                return tally.get().settled();
            });
        } catch (ConditionTimeoutException e) {
            // the counts below say what stayed behind
        }
        DeliveryTally counts = DeliveryTally.of(cluster, load);
        log.info("{}: {}; first retryable refusals: {}", scenario, counts, load.refusalSamples());
        assertThat(counts.problems()).as(scenario + ": " + counts + cluster.logs()).isEmpty();
        assertThat(counts.accepted() + counts.inDoubt()).as(scenario + ": every document sent was accepted in the end, or its call"
                + " cut off: " + counts).isEqualTo(counts.attempted());
    }

    private static String run(String scenario) {
        return scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
