package org.casw.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jakarta.jms.JMSException;

/**
 * One system under test in its own child JVM on loopback, with its own temp data directory:
 * the gateway (its built jar) or the naive baseline (a main class on this JVM's class path).
 */
public final class SystemUnderTest implements AutoCloseable {

    /** Which system, and how it is started. */
    public enum Kind {
        GATEWAY, BASELINE
    }

    private final Kind kind;
    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final String brokerUrl;

    private SystemUnderTest(Kind kind, Process process, Path dataDir, Path log, int port, String brokerUrl) {
        this.kind = kind;
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.brokerUrl = brokerUrl;
    }

    /**
     * Starts the system and waits until it answers HTTP.
     *
     * @param partnerUrls where the system must deliver, per receiving party (the baseline only delivers to CN-CUSTOMS)
     * @param gatewayJar the gateway's executable jar (GATEWAY only)
     * @param heap       the child's -Xmx, e.g. "512m"
     * @param extraArgs  extra application arguments (e.g. --gateway.partners.CN-CUSTOMS.signatures.sign-with=...)
     */
    public static SystemUnderTest start(Kind kind, Map<String, String> partnerUrls, Path gatewayJar, String heap, List<String> extraArgs,
            Duration startTimeout) throws IOException, InterruptedException {
        return launch(kind, partnerUrls, gatewayJar, heap, List.of(), extraArgs, Map.of(), null, true, startTimeout);
    }

    /**
     * Starts one gateway node of a cluster: no broker of its own (its arguments name the shared one), the development PKI
     * copied from {@code certsFrom} when given (every node signs with the same keys, as production nodes share theirs),
     * and {@code environment} for secrets that must not appear on its command line.
     */
    public static SystemUnderTest startNode(Map<String, String> partnerUrls, Path gatewayJar, String heap, List<String> jvmArgs,
            List<String> extraArgs, Map<String, String> environment, Path certsFrom, Duration startTimeout)
            throws IOException, InterruptedException {
        return launch(Kind.GATEWAY, partnerUrls, gatewayJar, heap, jvmArgs, extraArgs, environment, certsFrom, false, startTimeout);
    }

    private static SystemUnderTest launch(Kind kind, Map<String, String> partnerUrls, Path gatewayJar, String heap, List<String> jvmArgs,
            List<String> extraArgs, Map<String, String> environment, Path certsFrom, boolean ownBroker, Duration startTimeout)
            throws IOException, InterruptedException {
        // readable by others: as root the gateway runs its embedded PostgreSQL as nobody, under this directory
        Path dataDir = Files.createTempDirectory("casw-bench-" + kind.name().toLowerCase(Locale.ROOT) + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path log = dataDir.resolve("system.log");
        int port = freePort();
        String brokerUrl = null;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmArgs);
        // diagnostics for the child, e.g. -Dbench.childJvmArgs="-Dhikaricp.configurationFile=/tmp/leak.properties -XX:+FlightRecorder"
        String childJvmArgs = System.getProperty("bench.childJvmArgs", "").trim();
        if (!childJvmArgs.isEmpty()) {
            command.addAll(List.of(childJvmArgs.split("\\s+")));
        }
        if (kind == Kind.GATEWAY) {
            if (gatewayJar == null || !Files.isRegularFile(gatewayJar)) {
                throw new IllegalArgumentException("gateway jar not found: " + gatewayJar
                        + " (build it: mvn -B -pl kit -am package -DskipTests)");
            }
            command.addAll(List.of("-jar", gatewayJar.toString()));
            command.add("--server.port=" + port);
            command.add("--gateway.data-dir=" + dataDir.resolve("data"));
            // no sandbox partner at all: customs is our loopback partner, and nobody else adds load
            for (String sandbox : List.of("customs", "port", "rail", "sg-nsw", "my-nsw")) {
                command.add("--sandbox." + sandbox + ".enabled=false");
            }
            // every receiver a workload routes to delivers by HTTP (CN-CUSTOMS, SG-NSW on the agreements) to the loopback inbox
            partnerUrls.forEach((party, url) -> {
                command.add("--gateway.partners." + party + ".delivery.channel=HTTP"); // TH-NSW: a mailbox on its agreement
                command.add("--gateway.partners." + party + ".delivery.url=" + url);
            });
            if (ownBroker) {
                // the default 61616 would clash with any other gateway on this machine; JMS workloads connect here
                brokerUrl = "tcp://127.0.0.1:" + freePort();
                command.add("--gateway.broker.acceptor-url=" + brokerUrl);
            }
            if (certsFrom != null) {
                copyTree(certsFrom, dataDir.resolve("data/certs"));
            }
            command.add("--logging.level.root=WARN");
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "org.casw.bench.e2e.baseline.NaiveBaselineApplication"));
            command.add("--server.port=" + port);
            command.add("--server.address=127.0.0.1");
            command.add("--baseline.partner-url=" + partnerUrls.get("CN-CUSTOMS"));
            command.add("--spring.artemis.embedded.data-directory=" + dataDir.resolve("artemis"));
            command.add("--logging.level.root=WARN");
        }
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        SystemUnderTest system = new SystemUnderTest(kind, process, dataDir, log, port, brokerUrl);
        system.awaitReady(startTimeout);
        return system;
    }

    public Kind kind() {
        return kind;
    }

    /** The gateway's data directory (its development PKI is under {@code certs}). */
    public Path gatewayDataDir() {
        return dataDir.resolve("data");
    }

    /** Where declarations are submitted. */
    public URI submitUri() {
        return URI.create("http://127.0.0.1:" + port + (kind == Kind.GATEWAY ? "/api/v1/messages" : "/camel/messages"));
    }

    /** Headers the system needs on each submission by a party with this API key. */
    public Map<String, String> submitHeaders(String apiKey) {
        return kind == Kind.GATEWAY
                ? Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/xml")
                : Map.of("Content-Type", "application/xml");
    }

    /** The gateway broker's loopback acceptor (core protocol), where port and rail systems connect; null for the baseline. */
    public String brokerUrl() {
        return brokerUrl;
    }

    /** How a workload submits to this system. */
    public Channel channel(Workload workload) throws JMSException {
        if (!workload.jms()) {
            return new HttpChannel(submitUri(), submitHeaders(workload.apiKey()));
        }
        if (brokerUrl == null) {
            throw new IllegalArgumentException(kind + " takes no JMS submissions");
        }
        return new JmsChannel(brokerUrl, workload.sender(), workload.apiKey(), workload.inboundAddress(), workload.replyAddress(), 8);
    }

    /** CPU seconds used so far by the system's processes: the JVM, its children and the gateway's PostgreSQL. */
    public double cpuSeconds() {
        return cpuSecondsOf(processes());
    }

    /**
     * CPU seconds used so far by the gateway's PostgreSQL: the server and its backends. pg_ctl starts the server as a
     * daemon, so it is no child of the JVM: it is found by its command line, which names the gateway's data directory.
     */
    public double databaseCpuSeconds() {
        return cpuSecondsOf(databaseProcesses());
    }

    /** CPU seconds used so far by the JVM and its children, without the PostgreSQL it started (a daemon, not its child). */
    public double jvmCpuSeconds() {
        return cpuSecondsOf(Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()));
    }

    static double cpuSecondsOf(Stream<ProcessHandle> processes) {
        return processes.mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /** Resident memory of the same processes in MB (Linux /proc; NaN elsewhere). Shared pages of PostgreSQL count once per process. */
    public double residentMb() {
        double kb = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) processes()::iterator) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Double.parseDouble(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return kb / 1024;
    }

    private Stream<ProcessHandle> processes() {
        return Stream.concat(Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()), databaseProcesses())
                .distinct();
    }

    private Stream<ProcessHandle> databaseProcesses() {
        // with the separator: another system's temp dir may extend this one's name (casw-bench-gateway-12 and -123)
        String data = dataDir.toString() + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.startsWith(data))).orElse(false))
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()));
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        URI probe = URI.create("http://127.0.0.1:" + port + (kind == Kind.GATEWAY ? "/actuator/health/readiness" : "/camel/messages"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail();
                close();
                throw new IOException(kind + " exited with " + process.exitValue() + " while starting; log: " + log + "\n" + tail);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                // the baseline's route answers GET with 405 once Camel has registered it (404 before)
                if (kind == Kind.GATEWAY ? response.statusCode() == 200 : response.statusCode() == 405) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        String tail = tail();
        close();
        throw new IOException(kind + " not ready within " + timeout + "; log: " + log + "\n" + tail);
    }

    /** The last lines of the child's log, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        // the gateway's embedded PostgreSQL is a grandchild: remember it before its parent goes
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!Boolean.getBoolean("bench.keepData")) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
