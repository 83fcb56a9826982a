package org.casw.gateway.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.persistence.EmbeddedPostgresServer;
import org.casw.testsupport.Samples;
import org.casw.testsupport.StandaloneBroker;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivered once, proved with real processes: the gateway runs in a child JVM against a standalone Artemis
 * broker process and a PostgreSQL shared with the test, and each of them is SIGKILLed mid-flight.
 */
@Tag("slow")
class DeliveredOnceUnderKillTest {

    private static final String SENDER = "DEMO-ENTERPRISE";
    private static final String SENDER_KEY = "demo-enterprise-key";
    private static final String REPLY_ADDRESS = "sw.reply.CN-CUSTOMS";
    private static final Pattern TRACKING_ID = Pattern.compile("\"trackingId\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path base;
    private static EmbeddedPostgresServer postgres;
    private static StandaloneBroker broker;
    /** One development PKI for every gateway run: generating it costs seconds on each start. */
    private static Path pki;

    @BeforeAll
    static void startDatabaseAndBroker() {
        base = TestData.newDataDir("kill");
        postgres = EmbeddedPostgresServer.start(base.resolve("postgres"), 0);
        broker = StandaloneBroker.create(base);
        broker.start();
        pki = base.resolve("certs");
        org.casw.certs.DevPki.ensure(pki);
    }

    @AfterAll
    static void stopDatabaseAndBroker() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** (a) The partner has the document but the gateway dies before it hears 200 and records DELIVERED. */
    @Test
    void documentThePartnerHeldWhenTheGatewayDiedIsDeliveredOnceAfterRestartAndNoneIsLost() throws Exception {
        String run = "KA-" + shortId();
        try (PartnerInbox inbox = new PartnerInbox(); GatewayProcess gateway = gateway("delivery-kill", httpPartner(inbox))) {
            inbox.holdPost(5);
            gateway.start();
            ExecutorService party = Executors.newSingleThreadExecutor();
            Map<String, String> accepted = new ConcurrentHashMap<>();
            Future<?> stream = party.submit(() -> {
                for (int i = 1; i <= 20; i++) {
                    String seq = run + "-" + i;
                    accepted.put(seq, submitUntilAccepted(gateway, seq, Duration.ofSeconds(150)));
                }
                return null;
            });

            String held = inbox.awaitHeld(90);
            gateway.kill(); // between the partner's receipt and the gateway's acknowledgement
            assertThat(status(held)).as("not yet recorded as delivered when the gateway died").isNotEqualTo("DELIVERED");
            inbox.release();
            gateway.start();

            stream.get(180, TimeUnit.SECONDS);
            party.shutdown();
            assertThat(accepted).hasSize(20);
            awaitDelivered(accepted.values());

            assertDeliveredOnceInLedger(accepted.values());
            assertThat(inbox.posts(held)).as("the held document was delivered again after the restart").isGreaterThanOrEqualTo(2);
            assertThat(inbox.kept().keySet()).as("the partner keeps each document once, none lost, no other")
                    .containsExactlyInAnyOrderElementsOf(accepted.values());
        }
    }

    /** (b) The broker dies between delivery and acknowledgement, and with documents queued, in delivery and on the reply address. */
    @Test
    void documentsInFlightWhenTheBrokerDiesReachTheJmsPartyExactlyOnceAndTheGatewayReconnects() throws Exception {
        String run = "KB-" + shortId();
        List<String> jmsPartner = List.of("--gateway.partners.CN-CUSTOMS.delivery.channel=JMS",
                "--gateway.partners.CN-CUSTOMS.reply-address=" + REPLY_ADDRESS, "--gateway.partners.CN-CUSTOMS.suspended=true");
        try (GatewayProcess gateway = gateway("broker-kill", jmsPartner)) {
            gateway.start();
            long pid = gateway.pid();

            // 1. pinned: the broker dies exactly between delivery and acknowledgement. The gateway has put the
            // document on the reply address and is recording DELIVERED, held up by a row lock the test owns, when
            // the broker is killed; the record then commits while the broker is down.
            String trackingId = submitUntilAccepted(gateway, run + "-pinned", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUED".equals(status(trackingId)));

            try (Connection lock = database()) {
                lock.setAutoCommit(false);
                try (PreparedStatement s = lock.prepareStatement("select 1 from message where tracking_id = ? for update")) {
                    s.setString(1, trackingId);
                    s.executeQuery().close();
                }
                assertThat(gateway.client().postTo("demo-operator-key", "/api/v1/partners/CN-CUSTOMS/resume").statusCode()).isEqualTo(200);
                // the delivery has sent and now waits for our lock to record DELIVERED
                await().atMost(Duration.ofSeconds(30)).until(() -> waitingForLocks() > 0);
                broker.kill();
                lock.rollback();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(status(trackingId)));
            broker.start();

            // the interrupted delivery comes back from the restarted broker and is settled
            await().atMost(Duration.ofSeconds(60)).until(() -> browse("sw.out.CN-CUSTOMS").isEmpty());
            assertThat(browse(REPLY_ADDRESS).get(trackingId)).as("copies of " + trackingId + " on " + REPLY_ADDRESS
                    + " (none: lost, 2: duplicated)").isEqualTo(1);
            assertDeliveredOnceInLedger(List.of(trackingId));

            // 2. at random: the broker dies with documents being submitted, queued and delivered
            ExecutorService parties = Executors.newFixedThreadPool(2);
            Map<String, String> accepted = new ConcurrentHashMap<>();
            List<Future<?>> streams = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                streams.add(parties.submit(() -> {
                    for (int i = 1; i <= 12; i++) {
                        String seq = run + "-" + thread + "-" + i;
                        accepted.put(seq, submitUntilAccepted(gateway, seq, Duration.ofSeconds(150)));
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> countDelivered(accepted.values()) >= 6);
            broker.kill();
            broker.start(); // same data directory and port
            for (Future<?> stream : streams) {
                stream.get(180, TimeUnit.SECONDS);
            }
            parties.shutdown();
            assertThat(accepted).hasSize(24);
            awaitDelivered(accepted.values());

            assertThat(gateway.alive() && gateway.pid() == pid).as("the same gateway process reconnected by itself").isTrue();
            assertDeliveredOnceInLedger(accepted.values());
            Map<String, Integer> onReplyAddress = new HashMap<>(browse(REPLY_ADDRESS));
            onReplyAddress.keySet().retainAll(accepted.values());
            Map<String, Integer> once = new HashMap<>();
            accepted.values().forEach(id -> once.put(id, 1));
            assertThat(onReplyAddress).as("documents on " + REPLY_ADDRESS + " by tracking id (a 2 is a duplicate, a missing one is lost)")
                    .isEqualTo(once);
        }
    }

    /** (c) The gateway dies under load, with submissions half-way through intake and answered ones queued. */
    @Test
    void everyDocumentAcceptedBeforeTheGatewayDiedDuringIntakeIsDeliveredOnceAfterRestart() throws Exception {
        String run = "KC-" + shortId();
        try (PartnerInbox inbox = new PartnerInbox(); GatewayProcess gateway = gateway("intake-kill", httpPartner(inbox))) {
            gateway.start();
            Map<String, String> accepted = new ConcurrentHashMap<>();
            List<String> attempted = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            ExecutorService parties = Executors.newFixedThreadPool(4);
            List<Future<?>> streams = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                streams.add(parties.submit(() -> {
                    while (!stop.get()) {
                        String seq = run + "-" + next.incrementAndGet();
                        attempted.add(seq);
                        try {
                            HttpResponse<String> response = post(gateway, seq);
                            if (response.statusCode() == 202) {
                                accepted.put(seq, trackingId(response));
                            }
                        } catch (java.io.IOException e) {
                            return null; // the gateway died under this request: its fate is the gateway's
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> accepted.size() >= 15);
            gateway.kill(); // mid-intake for the requests in flight
            stop.set(true);
            for (Future<?> stream : streams) {
                stream.get(60, TimeUnit.SECONDS);
            }
            parties.shutdown();
            Map<String, String> answered = Map.copyOf(accepted);
            gateway.start(); // start-up recovery resumes what was stored but not queued

            awaitDelivered(answered.values());
            assertDeliveredOnceInLedger(answered.values());
            assertThat(inbox.kept().keySet()).as("every document answered 202 reached the partner once")
                    .containsAll(answered.values());
            // nothing the gateway stored is left behind either, answered or not
            List<String> recorded = trackingIdsOf(attempted);
            awaitDelivered(recorded);
            assertDeliveredOnceInLedger(recorded);
            assertThat(inbox.kept().keySet()).containsExactlyInAnyOrderElementsOf(recorded);
        }
    }

    // --- the gateway -------------------------------------------------------------------------------------------

    private static GatewayProcess gateway(String name, List<String> extra) {
        Path dataDir = TestData.newDataDir(name);
        GatewayProcess.copyDirectory(pki, dataDir.resolve("certs"));
        List<String> arguments = GatewayProcess.onExternalStores(postgres.jdbcUrl(), postgres.username(), broker.url(),
                broker.passwordFile());
        arguments.addAll(extra);
        // The password goes through the environment: the command line is written to the console log.
        return new GatewayProcess(dataDir, arguments, Map.of("SPRING_DATASOURCE_PASSWORD", postgres.password()));
    }

    private static List<String> httpPartner(PartnerInbox inbox) {
        return List.of("--gateway.partners.CN-CUSTOMS.delivery.url=" + inbox.url());
    }

    // --- the submitting party ----------------------------------------------------------------------------------

    /** As a party does: resend the same document (same message id) until the gateway answers it. */
    private static String submitUntilAccepted(GatewayProcess gateway, String seq, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = post(gateway, seq);
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    return trackingId(response);
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200); // a party's back-off before resending
        }
        throw new AssertionError(seq + " was never accepted; last answer " + last);
    }

    private static HttpResponse<String> post(GatewayProcess gateway, String seq) throws java.io.IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/v1/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/xml").header("Authorization", "Bearer " + SENDER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(Samples.declaration(seq), StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String trackingId(HttpResponse<String> response) {
        Matcher m = TRACKING_ID.matcher(response.body());
        assertThat(m.find()).as("tracking id in HTTP " + response.statusCode() + " " + response.headers().map() + ": " + response.body()).isTrue();
        return m.group(1);
    }

    // --- the ledger, read directly ------------------------------------------------------------------------------

    private static void awaitDelivered(Collection<String> trackingIds) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> countDelivered(trackingIds) == trackingIds.size());
    }

    private static void assertDeliveredOnceInLedger(Collection<String> trackingIds) throws SQLException {
        Map<String, Integer> deliveredTransitions = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        for (String id : trackingIds) {
            statuses.put(id, status(id));
            deliveredTransitions.put(id, queryInt("select count(*) from message_transition where tracking_id = ? and status = 'DELIVERED'", id));
        }
        assertThat(statuses).as("final status").allSatisfy((id, status) -> assertThat(status).isEqualTo("DELIVERED"));
        assertThat(deliveredTransitions).as("DELIVERED transitions per message").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    private static long countDelivered(Collection<String> trackingIds) throws SQLException {
        long n = 0;
        for (String id : List.copyOf(trackingIds)) {
            n += "DELIVERED".equals(status(id)) ? 1 : 0;
        }
        return n;
    }

    private static String status(String trackingId) throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement("select status from message where tracking_id = ?")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int queryInt(String sql, String parameter) throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int waitingForLocks() throws SQLException {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "select count(*) from pg_locks where not granted"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The messages the gateway stored for these submissions (answered or not). */
    private static List<String> trackingIdsOf(List<String> seqs) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "select tracking_id from message where sender = ? and sender_message_id = any (?)")) {
            s.setString(1, SENDER);
            s.setArray(2, c.createArrayOf("text", List.copyOf(seqs).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    // --- the JMS party -----------------------------------------------------------------------------------------

    /** Counts the documents waiting on a queue by tracking id, without taking them. */
    private static Map<String, Integer> browse(String queue) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url());
             jakarta.jms.Connection connection = factory.createConnection(StandaloneBroker.USER, broker.password())) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                counts.merge(message.getStringProperty("trackingId"), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
