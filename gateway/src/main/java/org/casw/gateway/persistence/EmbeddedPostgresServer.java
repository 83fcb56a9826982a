package org.casw.gateway.persistence;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.sun.security.auth.module.UnixSystem;

// Beside a data directory D it keeps D/../postgres.log (initdb, pg_ctl and server output), D/../<name of D>.lock, held
// while this JVM owns the cluster so that two JVMs never drive the same data directory, D/../<name of D>.password
// (0600, the superuser's random password) and D/../postgres-binaries (the binaries, checked before every start; see
// ClusterHome for the one case where cluster and binaries live elsewhere). The server listens on 127.0.0.1 only, with
// scram-sha-256 authentication and no Unix socket; fsync stays on because this is the durable store.
/** Runs a real PostgreSQL server from zonky's binaries on a persistent data directory, also when the JVM is root. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /**
     * System property naming the user that initdb, pg_ctl and postgres run as when the JVM is root (default
     * {@code nobody}).
     */
    public static final String RUN_AS_PROPERTY = "casw.embedded-pg.run-as";

    private static final String DEFAULT_RUN_AS = "nobody";
    private static final String DATABASE = "gateway";
    private static final String SUPERUSER = "postgres";
    private static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final int PG_CTL_TIMEOUT_SECONDS = 60;
    private static final int LOG_TAIL_LINES = 20;
    /** Rewritten before every start, so a cluster made by an older version (trust) is upgraded too. */
    private static final String PG_HBA = """
            # Written by the gateway before every start of its embedded PostgreSQL: changes here are overwritten.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            """;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final Path logFile;
    private final Path passwordFile;
    private final Path installDirectory;
    private final RunAs runAs;
    private final FileChannel lockChannel;
    private final Thread shutdownHook;
    private volatile int port;
    private volatile String password;
    private boolean running; // guarded by this

    private EmbeddedPostgresServer(Path data, ClusterHome home, Path installDirectory, RunAs runAs,
            FileChannel lockChannel) {
        this.dataDirectory = home.cluster();
        this.logFile = data.resolveSibling("postgres.log");
        this.passwordFile = data.resolveSibling(data.getFileName() + ".password");
        this.installDirectory = installDirectory;
        this.runAs = runAs;
        this.lockChannel = lockChannel;
        this.shutdownHook = new Thread(this::stopOnJvmExit, "embedded-postgres-shutdown");
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (created and initialised if it holds no cluster yet), listening on
     * 127.0.0.1:{@code port}, or on a free port when {@code port} is 0, and makes sure the database
     * {@code gateway} exists. Only the superuser with the password kept beside the data gets in.
     *
     * @throws IllegalStateException if the server cannot be started; the message has the command and the log's tail
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        long started = System.nanoTime();
        Path data = dataDirectory.toAbsolutePath().normalize();
        if (data.getParent() == null) {
            throw new IllegalArgumentException("The data directory cannot be the file system root");
        }
        FileChannel lock = lock(data);
        try {
            // The password and the log live in the parent; nobody else may be able to swap them.
            TrustedPaths.requireTrustedDirectory(data.getParent(), TrustedPaths.jvmUid(),
                    "to keep PostgreSQL's password and log in " + data.getParent());
            RunAs runAs = RunAs.detect();
            ClusterHome home = runAs.switchesUser() && (ClusterHome.isRelocated(data)
                    || runAs.exec(List.of("test", "-x", data.getParent().toString()), Path.of("/")) != 0)
                    ? ClusterHome.relocate(data, runAs.toString())
                    : ClusterHome.beside(data);
            Path install = PostgresBinaries.installDirectory(home.binaries());
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(data, home, install, runAs, lock);
            server.boot(port, started);
            return server;
        } catch (IOException e) {
            releaseQuietly(lock);
            throw new UncheckedIOException("Could not start PostgreSQL in " + data, e);
        } catch (RuntimeException | Error e) {
            releaseQuietly(lock);
            throw e;
        }
    }

    /** JDBC URL of the {@code gateway} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + port + "/" + DATABASE;
    }

    /** The superuser; it needs {@link #password()} (scram-sha-256 on 127.0.0.1). */
    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password, generated on first start and kept in {@link #passwordFile()}. */
    public String password() {
        return password;
    }

    /** The file (mode 0600, next to the data directory) holding the superuser's password. */
    public Path passwordFile() {
        return passwordFile;
    }

    /** The directory whose {@code bin/} the server runs from, checked before every start. */
    public Path binariesDirectory() {
        return installDirectory;
    }

    public int port() {
        return port;
    }

    /** The cluster's directory (the data directory, or where it links to; see {@link ClusterHome}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server log (initdb, pg_ctl and postgres output), next to the data directory. */
    public Path logFile() {
        return logFile;
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /** Stops the server with {@code pg_ctl stop -m fast} and waits for it; does nothing if already stopped. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            long offset = size(logFile);
            List<String> command = pgCtl("stop", "-m", "fast", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS));
            int exit = run(command, Duration.ofSeconds(PG_CTL_TIMEOUT_SECONDS + 30));
            if (exit != 0) {
                if (livePostmaster().isEmpty()) {
                    log.warn("PostgreSQL in {} was no longer running when asked to stop", dataDirectory);
                } else {
                    throw failure(command, offset);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL in " + dataDirectory, e);
        } finally {
            detach();
        }
    }

    /**
     * For crash tests: {@code pg_ctl stop -m immediate}, which ends every backend at once without a shutdown
     * checkpoint (the next start recovers from the WAL), then lets go of the data directory.
     */
    public synchronized void stopImmediately() {
        if (!running) {
            throw new IllegalStateException("PostgreSQL in " + dataDirectory + " is not running");
        }
        running = false;
        try {
            long offset = size(logFile);
            List<String> command = pgCtl("stop", "-m", "immediate", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS));
            if (run(command, Duration.ofSeconds(PG_CTL_TIMEOUT_SECONDS + 30)) != 0) {
                throw failure(command, offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL in " + dataDirectory, e);
        } finally {
            detach();
        }
    }

    /**
     * For crash tests: SIGKILLs the postmaster (no shutdown checkpoint, {@code postmaster.pid} left behind), waits
     * until it and its children are gone and then lets go of the data directory as a dying JVM would.
     */
    public synchronized void kill() {
        if (!running) {
            throw new IllegalStateException("PostgreSQL in " + dataDirectory + " is not running");
        }
        running = false;
        try {
            long pid = readPid().orElseThrow(() -> new IllegalStateException("No postmaster.pid in " + dataDirectory));
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("Postmaster " + pid + " is not running"));
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            // The children notice the postmaster's death and exit; a new postmaster refuses to start while any
            // of them still holds the old shared memory.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (ProcessHandle process : concat(postmaster, children)) {
                while (process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read postmaster.pid in " + dataDirectory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            detach();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + LISTEN_ADDRESS + ":" + port + ", " + dataDirectory + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void boot(int requestedPort, long startedNanos) throws IOException {
        String version = runAs.capture(List.of(bin("postgres"), "--version"), Path.of("/"),
                "Cannot run " + bin("postgres") + " as " + runAs + "; its directory must be readable by that user")
                .replaceFirst("^postgres \\(PostgreSQL\\) ", "");

        Files.createDirectories(dataDirectory);
        prepareOwnership();
        stopOrphanedPostmaster();

        boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
        if (fresh) {
            initdb();
        }
        requirePassword();
        startPostmaster(requestedPort);
        try {
            createDatabaseIfMissing();
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (RuntimeException | SQLException e) {
            close();
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("Could not create database " + DATABASE + " on " + this, e);
        }
        log.info("PostgreSQL {} started on {}:{}, data directory {}{}, running as {} ({} ms)", version,
                LISTEN_ADDRESS, port, dataDirectory, fresh ? " (new cluster)" : "", runAs,
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * PostgreSQL insists on owning its data directory with mode 0700 (or 0750); when the server runs as another
     * user than the JVM, hand the directory over to it. The log stays the JVM's: the server writes to it through the
     * output pg_ctl inherits.
     */
    private void prepareOwnership() throws IOException {
        if (!Files.exists(logFile, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(logFile);
            Files.setPosixFilePermissions(logFile, PostgresBinaries.permissions(0600));
        }
        if (runAs.switchesUser()) {
            if ((int) Files.getAttribute(dataDirectory, "unix:uid") != runAs.uid()) {
                if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                    log.info("Handing existing cluster {} over to {}", dataDirectory, runAs);
                }
                chownRecursively(dataDirectory);
            }
            // The server must be able to reach its directory; check it as that user rather than guess from modes.
            if (runAs.exec(List.of("test", "-x", dataDirectory.toString()), Path.of("/")) != 0) {
                throw new IllegalStateException("PostgreSQL runs as " + runAs + " (the JVM is root) and cannot reach "
                        + dataDirectory + ": make every parent directory searchable by that user (e.g. chmod o+x)"
                        + " or choose the user with -D" + RUN_AS_PROPERTY);
            }
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDirectory);
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_READ)
                || mode.contains(PosixFilePermission.OTHERS_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(dataDirectory, PostgresBinaries.permissions(0700));
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running. We hold the data directory's lock, so no live JVM
     * owns that postmaster any more: stop it before starting our own.
     */
    private void stopOrphanedPostmaster() throws IOException {
        Optional<ProcessHandle> orphan = livePostmaster();
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping postmaster {} left running in {} by a previous run", orphan.get().pid(), dataDirectory);
        long offset = size(logFile);
        List<String> command = pgCtl("stop", "-m", "fast", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS));
        if (run(command, Duration.ofSeconds(PG_CTL_TIMEOUT_SECONDS + 30)) != 0) {
            throw failure(command, offset);
        }
    }

    private void initdb() throws IOException {
        long offset = size(logFile);
        // "reject" until requirePassword() has set the password and written the real pg_hba.conf.
        List<String> command = runAs.wrap(List.of(bin("initdb"), "-A", "reject", "-U", SUPERUSER, "-E", "UTF-8",
                "--locale=C", "--no-instructions", "-D", dataDirectory.toString()));
        if (run(command, Duration.ofMinutes(5)) != 0) {
            throw failure(command, offset);
        }
    }

    /**
     * Makes sure the superuser has the password kept in {@link #passwordFile} (creating one on first start) and that
     * pg_hba.conf lets in nobody without it. The server is stopped here, so the password is set in single-user mode,
     * which needs no authentication; it is told the SCRAM secret only, never the password. A cluster made by an
     * older version with trust authentication is upgraded in the same way, keeping its data.
     */
    private void requirePassword() throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        String current = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
        Optional<String> kept = SuperuserPassword.read(passwordFile);
        if (kept.isPresent() && current.equals(PG_HBA)) {
            password = kept.get();
            return;
        }
        if (current.lines().anyMatch(line -> line.strip().endsWith("trust"))) {
            log.info("Upgrading PostgreSQL in {} from trust to scram-sha-256 authentication", dataDirectory);
        }
        String chosen = kept.isPresent() ? kept.get() : SuperuserPassword.createIn(passwordFile);
        long offset = size(logFile);
        List<String> command = runAs.wrap(List.of(bin("postgres"), "--single", "-D", dataDirectory.toString(),
                "-c", "exit_on_error=on", "postgres"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        RunAs.sanitize(builder.environment());
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(("ALTER ROLE " + SUPERUSER + " PASSWORD '" + SuperuserPassword.scramSecret(chosen) + "'\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        int exit;
        try {
            // Long enough for crash recovery of a cluster whose server was killed.
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(describe(command, -1, "(timed out after 5 minutes)"));
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the PostgreSQL password", e);
        }
        if (exit != 0) {
            throw new IllegalStateException(describe(command, exit, tail(offset)));
        }
        Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (runAs.switchesUser()) {
            chown(hba);
        }
        password = chosen;
    }

    private void startPostmaster(int requestedPort) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int candidate = requestedPort == 0 ? freeLoopbackPort() : requestedPort;
            long offset = size(logFile);
            // fsync stays on: this is the gateway's durable store. "-k ''" disables the Unix socket, which avoids
            // socket path length limits and a socket directory the server user must own; JDBC uses TCP anyway.
            // No "-l": the server inherits pg_ctl's output, the log this JVM opened, so the log can stay beside the
            // data even where the server user cannot reach it.
            List<String> command = pgCtl("start", "-w", "-t", String.valueOf(PG_CTL_TIMEOUT_SECONDS),
                    "-o", "-p " + candidate + " -h " + LISTEN_ADDRESS + " -k ''");
            int exit = run(command, Duration.ofSeconds(PG_CTL_TIMEOUT_SECONDS + 30));
            if (exit == 0) {
                synchronized (this) {
                    port = candidate;
                    running = true;
                }
                return;
            }
            String tail = tail(offset);
            if (requestedPort == 0 && attempt < 3 && tail.contains("could not bind")) {
                continue; // someone took the free port between our probe and the server's bind
            }
            // With -t expired the server may still be coming up (long crash recovery); do not leave it behind.
            if (livePostmaster().isPresent()) {
                run(pgCtl("stop", "-m", "fast", "-w"), Duration.ofSeconds(PG_CTL_TIMEOUT_SECONDS + 30));
            }
            throw new IllegalStateException(describe(command, exit, tail));
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        String url = "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + port + "/postgres";
        try (Connection connection = new Driver().connect(url, props);
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE + " owner " + SUPERUSER);
            }
        }
    }

    private void stopOnJvmExit() {
        try {
            close();
        } catch (RuntimeException e) {
            log.error("Could not stop PostgreSQL in {} at JVM exit", dataDirectory, e);
        }
    }

    private void detach() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or the JVM is already exiting.
        }
        releaseQuietly(lockChannel);
    }

    /** The postmaster recorded in postmaster.pid, if that process is alive and is a postgres binary. */
    private Optional<ProcessHandle> livePostmaster() throws IOException {
        OptionalLong pid = readPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        // After a crash and a reboot the pid may belong to an unrelated process.
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private OptionalLong readPid() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private List<String> pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), action, "-D", dataDirectory.toString()));
        command.addAll(Arrays.asList(options));
        return runAs.wrap(command);
    }

    private String bin(String name) {
        return installDirectory.resolve("bin").resolve(name).toString();
    }

    /** Runs a PostgreSQL tool with its output appended to the server log, so stdout stays clean. */
    private int run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(installDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        RunAs.sanitize(builder.environment());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(describe(command, -1, "(timed out after " + timeout + ")"));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private IllegalStateException failure(List<String> command, long logOffset) {
        return new IllegalStateException(describe(command, null, tail(logOffset)));
    }

    private String describe(List<String> command, Integer exit, String tail) {
        return "PostgreSQL command failed" + (exit == null ? "" : " (exit " + exit + ")") + ": "
                + String.join(" ", command) + "\nLast lines of " + logFile + ":\n" + tail;
    }

    /** The last lines written since {@code offset}, or of the whole log if nothing new was written. */
    private String tail(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            if (offset < length) {
                from = Math.max(from, offset);
            }
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e + ")";
        }
    }

    private void chownRecursively(Path root) throws IOException {
        // Children first, the root last: an interrupted run leaves the root foreign, so the next start retries.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                chown(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", runAs.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", runAs.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    private static FileChannel lock(Path data) {
        Path lockFile = data.resolveSibling(data.getFileName() + ".lock");
        try {
            Files.createDirectories(data.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("PostgreSQL data directory " + data
                        + " is already in use by a running EmbeddedPostgresServer (lock " + lockFile + ")");
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
        }
    }

    private static void releaseQuietly(FileChannel channel) {
        try {
            channel.close(); // also releases the lock
        } catch (IOException e) {
            log.debug("Could not close lock channel", e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        List<ProcessHandle> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Who the PostgreSQL tools run as: the JVM's own user, or (when the JVM is root) an unprivileged one. */
    private record RunAs(List<String> prefix, int uid, int gid, String description) {

        static RunAs detect() throws IOException {
            if (new UnixSystem().getUid() != 0) {
                return new RunAs(List.of(), -1, -1, System.getProperty("user.name"));
            }
            // initdb, pg_ctl and postgres refuse to run as root.
            String user = System.getProperty(RUN_AS_PROPERTY, DEFAULT_RUN_AS);
            int uid = Integer.parseInt(captureAsJvmUser(List.of("id", "-u", user)));
            int gid = Integer.parseInt(captureAsJvmUser(List.of("id", "-g", user)));
            if (uid == 0) {
                throw new IllegalStateException(
                        "-D" + RUN_AS_PROPERTY + " must name an unprivileged user, not " + user);
            }
            String description = user + " (uid " + uid + ")";
            Optional<Path> setpriv = findExecutable("setpriv");
            if (setpriv.isPresent()) {
                return new RunAs(List.of(setpriv.get().toString(), "--reuid=" + uid, "--regid=" + gid,
                        "--clear-groups", "--"), uid, gid, description);
            }
            Optional<Path> runuser = findExecutable("runuser");
            if (runuser.isPresent()) {
                return new RunAs(List.of(runuser.get().toString(), "-u", user, "--"), uid, gid, description);
            }
            throw new IllegalStateException("The JVM runs as root, so PostgreSQL must run as " + user
                    + ", but neither setpriv nor runuser (util-linux) is installed");
        }

        boolean switchesUser() {
            return !prefix.isEmpty();
        }

        List<String> wrap(List<String> command) {
            List<String> wrapped = new ArrayList<>(prefix);
            wrapped.addAll(command);
            return wrapped;
        }

        int exec(List<String> command, Path workingDirectory) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(wrap(command)).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            sanitize(builder.environment());
            return waitFor(builder.start(), String.join(" ", command));
        }

        String capture(List<String> command, Path workingDirectory, String hint) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(wrap(command)).directory(workingDirectory.toFile())
                    .redirectErrorStream(true);
            sanitize(builder.environment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (waitFor(process, String.join(" ", command)) != 0) {
                throw new IllegalStateException(hint + ": " + String.join(" ", wrap(command)) + "\n" + output);
            }
            return output;
        }

        private static String captureAsJvmUser(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (waitFor(process, String.join(" ", command)) != 0) {
                throw new IllegalStateException("Unknown user for -D" + RUN_AS_PROPERTY + ": "
                        + String.join(" ", command) + ": " + output);
            }
            return output;
        }

        private static int waitFor(Process process, String what) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out running " + what);
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while running " + what, e);
            }
        }

        /** PG* variables (PGDATA, PGPORT, ...) would silently change what the tools do; C locale keeps logs plain. */
        static void sanitize(Map<String, String> environment) {
            environment.keySet().removeIf(name -> name.startsWith("PG"));
            environment.put("LC_ALL", "C");
            environment.put("LANG", "C");
        }

        private static Optional<Path> findExecutable(String name) {
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator
                    + "/usr/bin:/bin:/usr/sbin:/sbin";
            return Arrays.stream(path.split(File.pathSeparator))
                    .filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, name))
                    .filter(Files::isExecutable)
                    .findFirst();
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
