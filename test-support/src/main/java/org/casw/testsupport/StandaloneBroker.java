package org.casw.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Artemis broker process, from the distribution the build unpacks into target/: an instance
 * created with {@code artemis create} (loopback acceptor on a free port, persistence on, login required,
 * nothing created on demand), started as a child process, SIGKILLed and restarted on the same data.
 */
public final class StandaloneBroker implements AutoCloseable {

    public static final String USER = "gateway";

    /** What a shared-store backup logs once its primary knows it is there. */
    private static final String BACKUP_ANNOUNCED = "AMQ221031";

    private final Path instance;
    private final Path log;
    private final Path passwordFile;
    private final int port;
    private final boolean backup;
    private Process process;

    private StandaloneBroker(Path instance, Path passwordFile, int port, boolean backup) {
        this.instance = instance;
        this.log = instance.resolve("broker-console.log");
        this.passwordFile = passwordFile;
        this.port = port;
        this.backup = backup;
    }

    /** Creates an instance under {@code directory} (the {@code casw.artemis.home} distribution, set by the pom). */
    public static StandaloneBroker create(Path directory) {
        try {
            String password = UUID.randomUUID().toString();
            Path passwordFile = directory.resolve("broker-password");
            Files.writeString(passwordFile, password + "\n");
            return create(directory, "broker", passwordFile, TestData.freePort(), List.of(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the instance {@code directory/name} listening on {@code port}, with the gateway's user and the password in
     * {@code passwordFile}; {@code extra} are further {@code artemis create} options (an HA pair's, see {@link BrokerPair}).
     *
     * @param backup a shared-store backup, whose acceptor opens only once it takes over
     */
    static StandaloneBroker create(Path directory, String name, Path passwordFile, int port, List<String> extra, boolean backup) {
        Path home = Path.of(System.getProperty("casw.artemis.home", "target/artemis-distribution/apache-artemis-2.44.0"));
        Path artemis = home.resolve("bin/artemis");
        if (!Files.isExecutable(artemis)) {
            throw new IllegalStateException("No Artemis distribution at " + home + ": run the tests through Maven"
                    + " (the gateway pom unpacks org.apache.activemq:apache-artemis:zip:bin in process-test-resources)");
        }
        try {
            Path instance = directory.resolve(name);
            String password = Files.readString(passwordFile).strip();
            // no --nio/--aio: create picks ASYNCIO where libaio loads, else NIO
            List<String> command = new ArrayList<>(List.of(artemis.toString(), "create", "--silent", "--force", "--no-autotune",
                    "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                    "--require-login", "--user", USER, "--password", password, "--role", "amq",
                    "--host", "127.0.0.1", "--default-port", String.valueOf(port), "--no-autocreate"));
            command.addAll(extra);
            command.add(instance.toString());
            Path createLog = directory.resolve(name + "-create.log");
            Files.createFile(createLog);
            Process create = ChildProcesses.start(command, directory, createLog, Map.of("JAVA_ARGS", javaArgs()));
            if (!create.waitFor(2, TimeUnit.MINUTES) || create.exitValue() != 0) {
                ChildProcesses.kill(create);
                throw new IllegalStateException("artemis create failed:\n" + ChildProcesses.tail(createLog, 30));
            }
            ChildProcesses.kill(create); // already exited: only forgets it
            Path brokerXml = instance.resolve("etc/broker.xml");
            String xml = Files.readString(brokerXml);
            // what the gateway cannot declare through management: the duplicate-id cache it relies on
            xml = xml.replace("<persistence-enabled>true</persistence-enabled>", "<persistence-enabled>true</persistence-enabled>\n"
                    + "      <id-cache-size>100000</id-cache-size>\n      <persist-id-cache>true</persist-id-cache>");
            Files.writeString(brokerXml, xml);
            StandaloneBroker broker = new StandaloneBroker(instance, passwordFile, port, backup);
            Files.createFile(broker.log);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the broker (again) on its data directory and waits until its acceptor takes connections, or, for a
     * shared-store backup, until it has announced itself to its primary (its acceptor opens when it takes over).
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker already running");
        }
        long logged = logSize();
        process = ChildProcesses.start(List.of(instance.resolve("bin/artemis").toString(), "run"), instance, log,
                Map.of("JAVA_ARGS", javaArgs()));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (backup ? !loggedSince(logged, BACKUP_ANNOUNCED) : !accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                ChildProcesses.kill(process);
                throw new IllegalStateException("The broker did not come up on 127.0.0.1:" + port + ":\n" + ChildProcesses.tail(log, 40));
            }
            pause();
        }
    }

    /** Whether this broker's acceptor takes connections: a primary that runs, or a backup that took over. */
    public boolean active() {
        return accepts();
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a power cut would stop it: the journal is left as it was on disk. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
        process = null;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public String password() {
        try {
            return Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal type {@code artemis create} chose (ASYNCIO or NIO). */
    public String journalType() {
        try {
            String xml = Files.readString(instance.resolve("etc/broker.xml"));
            int at = xml.indexOf("<journal-type>");
            return xml.substring(at + "<journal-type>".length(), xml.indexOf("</journal-type>", at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        kill();
    }

    private long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the log has a line with {@code code} after its first {@code offset} bytes (a restart appends to it). */
    boolean loggedSince(long offset, String code) {
        try (java.io.RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(code);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaArgs() {
        // the generated profile asks for -Xms512M with -Xmx at --java-memory; set both, small, for a 2-core test machine
        List<String> args = new ArrayList<>(List.of("-Xms64M", "-Xmx256M", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.disableJmx=true", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        return String.join(" ", args);
    }

    public static void pause() {
        try {
            Thread.sleep(100); // polling a port or an exit: there is nothing to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
