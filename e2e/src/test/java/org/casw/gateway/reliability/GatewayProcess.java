package org.casw.gateway.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.ChildProcesses;
import org.casw.testsupport.StandaloneBroker;
import org.casw.testsupport.TestData;

/**
 * The gateway in a child JVM on the test classpath, with its own data directory and port, so that a test
 * can SIGKILL it mid-flight and start it again on the same data, database and broker.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final int port = TestData.freePort();
    private final Path log;
    private Process process;
    private int runs;

    /** @param arguments Spring Boot arguments besides the data directory and port ({@code --key=value}) */
    public GatewayProcess(Path dataDir, List<String> arguments) {
        this(dataDir, arguments, Map.of());
    }

    /** @param environment variables for the child, e.g. secrets that must not appear in its logged command line */
    public GatewayProcess(Path dataDir, List<String> arguments, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = dataDir.resolve("gateway-console.log");
    }

    /** Starts the gateway (again) and waits until it reports itself ready. */
    public synchronized GatewayProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("gateway already running");
        }
        runs++;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dataDir,
                "@" + classpathArgumentFile(), GatewayApplication.class.getName(),
                "--server.port=" + port, "--gateway.data-dir=" + dataDir));
        command.addAll(arguments);
        try {
            Files.writeString(log, "=== run " + runs + ": " + String.join(" ", command.subList(5, command.size())) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ChildProcesses.start(command, dataDir, log, environment);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "not ready after 120 s" : "exited with " + process.exitValue();
                ChildProcesses.kill(process);
                throw new IllegalStateException("Gateway run " + runs + " " + why + ":\n" + ChildProcesses.tail(log, 60));
            }
            StandaloneBroker.pause();
        }
        return this;
    }

    /** SIGKILL: whatever it was doing stops between two instructions. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
        process = null;
    }

    /** SIGSTOP: the process holds whatever it was doing (its sockets stay open) until {@link #thaw()} or a kill. */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    public GatewayClient client() {
        return new GatewayClient(port);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Kills the gateway, then the PostgreSQL it started (a daemon, which the kill does not reach). */
    @Override
    public void close() {
        kill();
        ChildProcesses.killPostmaster(dataDir.resolve("postgres"));
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The test JVM's classpath in a java @-file (a command line that long is unwise). */
    private Path classpathArgumentFile() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path file = dataDir.resolve("classpath.args");
        try {
            Files.writeString(file, "-cp \"" + classpath.replace("\\", "\\\\") + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The kill tests' node: on an external PostgreSQL and Artemis, sandbox partners off, deliveries retried quickly and
     * long (a broker or database outage must not exhaust them). The database password goes through the environment.
     */
    public static List<String> onExternalStores(String jdbcUrl, String databaseUser, String brokerUrl, Path brokerPasswordFile) {
        return new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + databaseUser,
                "--spring.artemis.mode=native",
                "--spring.artemis.broker-url=" + brokerUrl,
                "--spring.artemis.user=" + StandaloneBroker.USER,
                "--gateway.broker.external.password-file=" + brokerPasswordFile,
                "--sandbox.customs.enabled=false", "--sandbox.port.enabled=false", "--sandbox.rail.enabled=false",
                "--sandbox.sg-nsw.enabled=false", "--sandbox.my-nsw.enabled=false",
                "--gateway.broker.redelivery-delay=200ms",
                "--gateway.broker.max-redelivery-delay=1s",
                "--gateway.broker.max-delivery-attempts=100"));
    }

    /** Copies a directory tree (a node's development PKI, so every node signs with the same keys). */
    public static void copyDirectory(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
