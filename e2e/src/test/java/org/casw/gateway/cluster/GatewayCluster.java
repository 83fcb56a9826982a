package org.casw.gateway.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.certs.DevPki;
import org.casw.gateway.reliability.GatewayProcess;
import org.casw.gateway.reliability.PartnerInbox;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.testsupport.BrokerPair;
import org.casw.testsupport.ChildProcesses;
import org.casw.testsupport.StandaloneBroker;
import org.casw.testsupport.TestData;

/**
 * The production shape on loopback, every part a process of its own: one PostgreSQL, an Artemis shared-store HA pair
 * and two gateway nodes (own port and data directory, the same datasource, broker URL and signing keys), delivering
 * to one partner's HTTP inbox. Built for the tests that kill one of them under load.
 */
final class GatewayCluster implements AutoCloseable {

    static final String SENDER = "DEMO-ENTERPRISE";
    static final String RECEIVER = "CN-CUSTOMS";
    static final String DELIVERY_QUEUE = "sw.out." + RECEIVER;

    private final Path base;
    private final StandalonePostgres postgres;
    private final BrokerPair brokers;
    private final PartnerInbox inbox;
    private final List<GatewayProcess> nodes = new ArrayList<>();

    private GatewayCluster(Path base, StandalonePostgres postgres, BrokerPair brokers, PartnerInbox inbox) {
        this.base = base;
        this.postgres = postgres;
        this.brokers = brokers;
        this.inbox = inbox;
    }

    /** Starts PostgreSQL, the broker pair and the partner, then the nodes together. */
    static GatewayCluster start(String name, int nodeCount) {
        Path base = TestData.newDataDir(name);
        StandalonePostgres postgres = null;
        BrokerPair brokers = null;
        PartnerInbox inbox = null;
        try {
            postgres = StandalonePostgres.start(base.resolve("postgres"));
            brokers = BrokerPair.create(base);
            brokers.start();
            inbox = new PartnerInbox();
            GatewayCluster cluster = new GatewayCluster(base, postgres, brokers, inbox);
            Path pki = base.resolve("certs");
            DevPki.ensure(pki); // one PKI for every node: they sign with the same keys
            for (int n = 1; n <= nodeCount; n++) {
                cluster.nodes.add(cluster.node(n, pki));
            }
            // both at once, as an orchestrator starts replicas: Flyway's lock lets one of them migrate the empty database
            cluster.nodes.parallelStream().forEach(GatewayProcess::start);
            return cluster;
        } catch (RuntimeException | Error e) {
            closeQuietly(inbox, brokers, postgres);
            throw e;
        }
    }

    GatewayProcess node(int number) {
        return nodes.get(number - 1);
    }

    List<GatewayProcess> nodes() {
        return List.copyOf(nodes);
    }

    StandalonePostgres postgres() {
        return postgres;
    }

    BrokerPair brokers() {
        return brokers;
    }

    PartnerInbox inbox() {
        return inbox;
    }

    /** Every message the ledger holds for a run's documents: tracking id → [sender message id, status]. */
    Map<String, String[]> ledger(String run) throws SQLException {
        Map<String, String[]> messages = new HashMap<>();
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement(
                "select tracking_id, sender_message_id, status from message where sender = ? and sender_message_id like ?")) {
            s.setString(1, SENDER);
            s.setString(2, run + "-%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    messages.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return messages;
    }

    /**
     * How often each of a run's messages was recorded delivered (more than once is a duplicate), or, with
     * {@code failureNotes}, how often it was given a failed delivery attempt while already DELIVERED.
     */
    Map<String, Integer> deliveredTransitions(String run, boolean failureNotes) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement(
                "select t.tracking_id, count(*) from message_transition t join message m on m.tracking_id = t.tracking_id"
                        + " where m.sender = ? and m.sender_message_id like ? and t.status = 'DELIVERED' and t.reason like ?"
                        + " group by t.tracking_id")) {
            s.setString(1, SENDER);
            s.setString(2, run + "-%");
            s.setString(3, failureNotes ? "delivery attempt %" : "delivered to %");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Of these documents, those the ledger holds but has not queued yet (RECEIVED, VALIDATED or SIGNED). */
    Set<String> storedNotQueued(Set<String> seqs) throws SQLException {
        Set<String> found = new HashSet<>();
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement("select sender_message_id from message"
                + " where sender = ? and sender_message_id = any (?) and status in ('RECEIVED', 'VALIDATED', 'SIGNED')")) {
            s.setString(1, SENDER);
            s.setArray(2, c.createArrayOf("text", seqs.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** Messages waiting on a broker queue (through whichever broker of the pair is live). */
    int queued(String queue) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokers.url());
             jakarta.jms.Connection connection = factory.createConnection(StandaloneBroker.USER, brokers.password())) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            Enumeration<?> messages = browser.getEnumeration();
            int n = 0;
            while (messages.hasMoreElements()) {
                messages.nextElement();
                n++;
            }
            return n;
        }
    }

    /** The delivery queue and the dead letters, as one figure for "nothing left behind on the broker". */
    int backlog() throws Exception {
        return queued(DELIVERY_QUEUE) + queued(DeliveryRoutes.DEAD_LETTERS);
    }

    /** Where a failure's evidence is: each process's log tail. */
    String logs() {
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= nodes.size(); n++) {
            out.append("\n--- node ").append(n).append(" (").append(node(n).log()).append(")\n")
                    .append(ChildProcesses.tail(node(n).log(), 25));
        }
        out.append("\n--- primary broker ").append(brokers.primary().log()).append("\n--- backup broker ")
                .append(brokers.backup().log()).append("\n--- postgres ").append(postgres.log());
        return out.toString();
    }

    @Override
    public void close() {
        for (GatewayProcess node : nodes) {
            node.kill();
        }
        closeQuietly(inbox, brokers, postgres);
    }

    private GatewayProcess node(int number, Path pki) {
        Path dataDir = base.resolve("node-" + number);
        try {
            Files.createDirectories(dataDir);
            GatewayProcess.copyDirectory(pki, dataDir.resolve("certs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = GatewayProcess.onExternalStores(postgres.jdbcUrl(), postgres.username(), brokers.url(),
                brokers.passwordFile());
        arguments.add("--gateway.partners." + RECEIVER + ".delivery.url=" + inbox.url());
        // the password goes through the environment: the command line is written to the console log
        return new GatewayProcess(dataDir, arguments, Map.of("SPRING_DATASOURCE_PASSWORD", postgres.password()));
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // keep closing the others; the test's own failure is the one worth reporting
                }
            }
        }
    }
}
