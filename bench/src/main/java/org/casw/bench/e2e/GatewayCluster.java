package org.casw.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casw.testsupport.StandaloneBroker;

/**
 * Gateway nodes in the production shape, on loopback: one standalone Artemis broker from the distribution, one PostgreSQL
 * and N gateway nodes (each its own JVM, port and data directory) on both. The PostgreSQL is node 1's embedded one on a
 * fixed port; the other nodes reach it through {@code spring.datasource.*} like any external database, so they start none
 * of their own. Every node signs with node 1's development PKI and delivers to the same loopback partner inbox.
 */
public final class GatewayCluster implements AutoCloseable {

    static final long JOURNAL_BUFFER_TIMEOUT_NANOS = 100_000;

    private final Path home;
    private final StandaloneBroker broker;
    private final List<SystemUnderTest> nodes = new ArrayList<>();
    private ProcessHandle brokerProcess;
    private String nodeJvmOptions = "";

    private GatewayCluster(Path home, StandaloneBroker broker) {
        this.home = home;
        this.broker = broker;
    }

    /**
     * Starts the broker, then the nodes one after the other (node 1 creates the schema under Flyway's lock first).
     *
     * @param extraArgs application arguments for every node (the system's signing profile and limits)
     */
    public static GatewayCluster start(int nodeCount, Map<String, String> partnerUrls, Path gatewayJar, String heap,
            List<String> extraArgs, Duration startTimeout) throws IOException, InterruptedException {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs a node: " + nodeCount);
        }
        Path home = Files.createTempDirectory("casw-bench-cluster-");
        StandaloneBroker broker;
        try {
            broker = StandaloneBroker.create(home);
        } catch (RuntimeException e) {
            deleteUnlessKept(home);
            throw e;
        }
        GatewayCluster cluster = new GatewayCluster(home, broker);
        try {
            matchEmbeddedJournal(broker.log().getParent().resolve("etc/broker.xml"));
            broker.start();
            cluster.brokerProcess = cluster.findBroker();
            List<String> shared = new ArrayList<>(List.of("--spring.artemis.mode=native", "--spring.artemis.broker-url=" + broker.url(),
                    "--spring.artemis.user=" + StandaloneBroker.USER,
                    "--gateway.broker.external.password-file=" + broker.passwordFile()));
            shared.addAll(extraArgs);
            // nodes sharing this machine each get their share of its cores, as a container's CPU limit would give them (the JVM
            // sizes its garbage collector and thread pools by it); unbounded, two JVMs each sized for every core spend more
            // CPU per message (measured: 2 nodes at 0.61 of 1 node's rate, 0.84 with the share)
            List<String> jvm = nodeCount == 1 ? List.of()
                    : List.of("-XX:ActiveProcessorCount=" + Math.max(1, Runtime.getRuntime().availableProcessors() / nodeCount));
            cluster.nodeJvmOptions = String.join(" ", jvm);
            int databasePort = SystemUnderTest.freePort();
            List<String> first = new ArrayList<>(shared);
            first.add("--gateway.embedded-database.port=" + databasePort);
            SystemUnderTest node1 = SystemUnderTest.startNode(partnerUrls, gatewayJar, heap, jvm, first, Map.of(), null, startTimeout);
            cluster.nodes.add(node1);
            List<String> others = new ArrayList<>(shared);
            // the embedded database's superuser and database (EmbeddedPostgresServer); its pool as large as node 1's
            others.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + databasePort + "/gateway",
                    "--spring.datasource.username=postgres", "--spring.datasource.hikari.maximum-pool-size=16"));
            // the password beside node 1's cluster, through the environment: a command line is visible to every user
            Map<String, String> secret = Map.of("SPRING_DATASOURCE_PASSWORD",
                    Files.readString(node1.gatewayDataDir().resolve("postgres.password")).strip());
            for (int n = 2; n <= nodeCount; n++) {
                cluster.nodes.add(SystemUnderTest.startNode(partnerUrls, gatewayJar, heap, jvm, others, secret,
                        node1.gatewayDataDir().resolve("certs"), startTimeout));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The JVM options every node got beside its heap (its share of the cores), for the report. */
    public String nodeJvmOptions() {
        return nodeJvmOptions;
    }

    public List<SystemUnderTest> nodes() {
        return nodes;
    }

    /** Node 1 (which also runs the PostgreSQL): its data directory holds the development PKI. */
    public SystemUnderTest first() {
        return nodes.get(0);
    }

    public long brokerPid() {
        return brokerProcess.pid();
    }

    public Path brokerLog() {
        return broker.log();
    }

    /** Submits a workload to the nodes in turn, as a round-robin load balancer would. */
    public Channel channel(Workload workload) {
        if (workload.jms()) {
            // the standalone broker knows the gateway's own user only, not the parties' logins the embedded one checks
            throw new IllegalArgumentException("the cluster takes HTTP workloads only, not " + workload.name());
        }
        List<Channel> channels = nodes.stream()
                .<Channel>map(node -> new HttpChannel(node.submitUri(), node.submitHeaders(workload.apiKey()))).toList();
        return new RoundRobinChannel(channels);
    }

    /** CPU seconds used so far by each tier. */
    public TierCosts cpu() {
        List<Double> perNode = nodes.stream().map(SystemUnderTest::jvmCpuSeconds).toList();
        return new TierCosts(perNode, SystemUnderTest.cpuSecondsOf(Stream.of(brokerProcess)), first().databaseCpuSeconds());
    }

    /**
     * The gateway's embedded broker gathers journal writes for 100 µs before one fsync (gateway.broker.journal-buffer-timeout,
     * ADR 0011); {@code artemis create --no-autotune} leaves Artemis' NIO default of 3.3 ms, which every durable send would
     * wait. Like for like, so a node's rate here compares with the single-process benchmark.
     */
    private static void matchEmbeddedJournal(Path brokerXml) throws IOException {
        String xml = Files.readString(brokerXml);
        if (!xml.contains("<journal-buffer-timeout>")) {
            xml = xml.replace("</journal-type>", "</journal-type>\n      <journal-buffer-timeout>" + JOURNAL_BUFFER_TIMEOUT_NANOS
                    + "</journal-buffer-timeout>");
            Files.writeString(brokerXml, xml);
        }
    }

    /** The broker JVM's -X options (heap, garbage collector, compiler), for the report. */
    public String brokerJvmOptions() {
        return brokerProcess.info().arguments().map(args -> Arrays.stream(args).filter(a -> a.startsWith("-X"))
                .collect(Collectors.joining(" "))).orElse("(unknown)");
    }

    /** The broker's JVM: the Artemis script execs java with the instance directory on its command line. */
    private ProcessHandle findBroker() {
        String instance = broker.log().getParent().toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.contains(instance))).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no broker process runs " + instance));
    }

    @Override
    public void close() {
        // the other nodes first: node 1 stops the PostgreSQL they use
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        broker.close();
        deleteUnlessKept(home);
    }

    private static void deleteUnlessKept(Path home) {
        if (!Boolean.getBoolean("bench.keepData")) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
