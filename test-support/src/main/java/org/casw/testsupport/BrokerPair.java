package org.casw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An Apache Artemis high-availability pair as ADR 0013 runs it: a primary and a backup sharing one journal directory
 * (shared store), each a {@link StandaloneBroker} process on its own loopback port. When the primary's JVM dies the
 * backup takes the journal's lock, loads it and opens its acceptor (AMQ221010 "Backup Server is now active"), and
 * clients given both addresses with {@code ha=true} fail over to it.
 */
public final class BrokerPair implements AutoCloseable {

    private static final String CLUSTER_USER = "cluster";

    private final StandaloneBroker primary;
    private final StandaloneBroker backup;
    private final Path passwordFile;

    private BrokerPair(StandaloneBroker primary, StandaloneBroker backup, Path passwordFile) {
        this.primary = primary;
        this.backup = backup;
        this.passwordFile = passwordFile;
    }

    /** Creates both instances under {@code directory}, with their shared journal in {@code directory/shared}. */
    public static BrokerPair create(Path directory) {
        try {
            Path passwordFile = directory.resolve("broker-password");
            Files.writeString(passwordFile, UUID.randomUUID() + "\n");
            int primaryPort = TestData.freePort();
            int backupPort = TestData.freePort();
            List<String> shared = List.of("--shared-store", "--data", directory.resolve("shared").toString(), "--clustered",
                    "--cluster-user", CLUSTER_USER, "--cluster-password", UUID.randomUUID().toString(), "--failover-on-shutdown");
            StandaloneBroker primary = StandaloneBroker.create(directory, "primary", passwordFile, primaryPort,
                    concat(shared, "--staticCluster", "tcp://127.0.0.1:" + backupPort), false);
            StandaloneBroker backup = StandaloneBroker.create(directory, "backup", passwordFile, backupPort,
                    concat(shared, "--backup", "--staticCluster", "tcp://127.0.0.1:" + primaryPort), true);
            return new BrokerPair(primary, backup, passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the primary until it takes connections, then the backup until the primary knows of it. */
    public void start() {
        primary.start();
        backup.start();
    }

    /**
     * What a client is given: both addresses, following the pair's topology ({@code ha=true}) and reconnecting for
     * ever. One connection attempt per address at first, so a client that starts while only the backup is live
     * finds it on the second address.
     */
    public String url() {
        return "(" + primary.url() + "," + backup.url() + ")?ha=true&reconnectAttempts=-1";
    }

    public StandaloneBroker primary() {
        return primary;
    }

    public StandaloneBroker backup() {
        return backup;
    }

    /** SIGKILLs the primary's JVM and waits until the backup has taken over (its acceptor is open). */
    public void killPrimaryAndAwaitFailover(Duration patience) {
        primary.kill();
        long deadline = System.nanoTime() + patience.toNanos();
        while (!backup.active()) {
            if (!backup.running() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The backup did not take over within " + patience + ":\n"
                        + ChildProcesses.tail(backup.log(), 40));
            }
            StandaloneBroker.pause();
        }
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public String password() {
        return primary.password();
    }

    @Override
    public void close() {
        backup.kill();
        primary.kill();
    }

    private static List<String> concat(List<String> first, String... more) {
        return Stream.concat(first.stream(), Arrays.stream(more)).toList();
    }
}
