package org.casw.gateway.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresServerTest {

    @TempDir
    Path temp;

    @BeforeEach
    void letTheServerUserIn() throws IOException {
        // @TempDir is 0700; when the JVM is root the server runs as nobody and must be able to pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void startsPostgres18WithGatewayDatabaseAndKeepsDataAcrossRestart() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/gateway");
            assertThat(server.username()).isEqualTo("postgres");
            assertThat(server.dataDirectory()).isEqualTo(data.toAbsolutePath());
            assertThat(data.resolve("PG_VERSION")).hasContent("18");
            assertThat(query(server, "select version()")).singleElement().asString().startsWith("PostgreSQL 18");
            assertThat(query(server, "select current_database()")).containsExactly("gateway");
            assertThat(query(server, "show fsync")).containsExactly("on");
            assertThat(query(server, "show listen_addresses")).containsExactly("127.0.0.1");
            update(server, "create table message (id int primary key, body text)",
                    "insert into message values (1, 'first')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(query(server, "select body from message")).containsExactly("first");
            server.close();
            server.close(); // idempotent
        }
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(data.resolveSibling("postgres.log")).content().contains("database system is shut down");
    }

    @Test
    void recoversCommittedRowsAfterThePostmasterIsKilled() throws Exception {
        Path data = temp.resolve("pgdata");
        EmbeddedPostgresServer crashed = EmbeddedPostgresServer.start(data, 0);
        long pid;
        try {
            update(crashed, "create table message (id int primary key, body text)",
                    "insert into message select g, 'row ' || g from generate_series(1, 1000) g");
            pid = postmasterPid(data);
        } finally {
            crashed.kill();
        }
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(data.resolve("postmaster.pid")).as("stale pid file of the killed postmaster").exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(query(server, "select count(*) from message")).containsExactly("1000");
            assertThat(data.resolveSibling("postgres.log")).content()
                    .containsPattern("database system was interrupted|was not properly shut down");
        }
    }

    @Test
    void twoServersWithDifferentDataDirectoriesRunAtOnce() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(temp.resolve("a/pgdata"), 0);
             EmbeddedPostgresServer second = EmbeddedPostgresServer.start(temp.resolve("b/pgdata"), 0)) {
            assertThat(first.port()).isNotEqualTo(second.port());
            update(first, "create table owner_name (name text)", "insert into owner_name values ('first')");
            update(second, "create table owner_name (name text)", "insert into owner_name values ('second')");
            assertThat(query(first, "select name from owner_name")).containsExactly("first");
            assertThat(query(second, "select name from owner_name")).containsExactly("second");
        }
    }

    @Test
    void refusesADataDirectoryAlreadyInUse() {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void stopsThePostmasterOrphanedByAKilledJvm() throws Exception {
        Path data = temp.resolve("pgdata");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), data.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                seen.add(line);
            }
            assertThat(line).as("child output: %s", seen).isNotNull();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster lives on
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long orphan = postmasterPid(data);
        assertThat(ProcessHandle.of(orphan)).as("orphaned postmaster").isPresent();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            // pg_ctl stop returns once postmaster.pid is gone; the process itself is reaped a moment later.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(orphan).filter(ProcessHandle::isAlive).isEmpty());
            assertThat(postmasterPid(data)).isNotEqualTo(orphan);
            assertThat(query(server, "select body from message")).containsExactly("from the killed JVM");
        }
    }

    @Test
    void runsTheServerAsNobodyWhenTheJvmIsRoot() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "JVM is not root");
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(ProcessHandle.of(postmasterPid(data)).flatMap(p -> p.info().user())).contains("nobody");
            assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(65534);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }

    @Test
    void refusesTheSuperuserWithoutItsPassword() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(query(server, "select current_user")).containsExactly("postgres");
            assertThat(data.resolve("pg_hba.conf")).content()
                    .doesNotContainPattern("(?m)^[^#].*\\btrust\\s*$")
                    .contains("127.0.0.1/32   scram-sha-256");
        }
    }

    @Test
    void keepsTheSuperusersRandomPasswordInAFileOnlyItsOwnerCanRead() throws Exception {
        Path data = temp.resolve("pgdata");
        String first;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            Path file = data.resolveSibling("pgdata.password");
            assertThat(server.passwordFile()).isEqualTo(file.toAbsolutePath());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rw-------");
            assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(TrustedPaths.jvmUid());
            first = Files.readString(file).strip();
            assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(server.password());
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(server.password()).as("kept across restarts").isEqualTo(first);
        }
        assertThat(Files.readString(data.resolveSibling("postgres.log"))).doesNotContain(first);
    }

    @Test
    void upgradesAClusterThatAnOlderVersionInitialisedWithTrustAndKeepsItsData() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            update(server, "create table message (body text)", "insert into message values ('before the upgrade')");
        }
        // What an older version left: pg_hba.conf trusting loopback and no password file.
        Files.writeString(data.resolve("pg_hba.conf"), """
                local   all             all                                     trust
                host    all             all             127.0.0.1/32            trust
                host    all             all             ::1/128                 trust
                """);
        Files.delete(data.resolveSibling("pgdata.password"));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(data.resolveSibling("pgdata.password")).exists();
            assertThat(query(server, "select body from message")).containsExactly("before the upgrade");
        }
    }

    @Test
    void runsBinariesKeptBesideTheDataDirectoryNotInASharedTemporaryDirectory() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            String executable = ProcessHandle.of(postmasterPid(data)).flatMap(p -> p.info().command()).orElseThrow();
            assertThat(executable).startsWith(data.resolveSibling("postgres-binaries").toString() + "/")
                    .endsWith("/bin/postgres");
            assertThat(server.binariesDirectory()).startsWith(data.resolveSibling("postgres-binaries"));
        }
    }

    @Test
    void refusesBinariesWhoseBytesChangedBeforeRunningThem() throws Exception {
        Path data = temp.resolve("pgdata");
        Path binaries;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            binaries = server.binariesDirectory();
        }
        Path ran = temp.resolve("tampered-binary-ran");
        Path postgres = binaries.resolve("bin/postgres");
        // replaced, not written in place: the stopped server's last backends may still be running the old file, and
        // opening a running executable for writing fails (ETXTBSY)
        Path tampered = binaries.resolve("bin/postgres.tampered");
        Files.writeString(tampered, "#!/bin/sh\ntouch " + ran + "\nexit 0\n");
        Files.setPosixFilePermissions(tampered, Files.getPosixFilePermissions(postgres));
        Files.move(tampered, postgres, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bin/postgres")
                .hasMessageContaining("differs from what was extracted");
        assertThat(ran).as("the tampered binary never ran").doesNotExist();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void refusesABinaryDirectoryThatGroupOrOthersCanWrite() throws Exception {
        Path data = temp.resolve("pgdata");
        Path binaries;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            binaries = server.binariesDirectory();
        }
        Path bin = binaries.resolve("bin");
        for (String mode : List.of("rwxrwxr-x", "rwxr-xrwx")) {
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(bin.toString())
                    .hasMessageContaining("writable by group or others");
        }
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(binaries.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writable by group or others");
        Files.setPosixFilePermissions(binaries.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        if (TrustedPaths.jvmUid() == 0) {
            Files.setAttribute(bin.resolve("pg_ctl"), "unix:uid", 65534);
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("owned by uid 65534");
            Files.setAttribute(bin.resolve("pg_ctl"), "unix:uid", 0);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
            assertThat(query(server, "select 1")).containsExactly("1");
        }
    }

    @Test
    void startsAsRootWhenAParentOfTheDataDirectoryIsClosedToTheServerUser() throws Exception {
        assumeTrue(TrustedPaths.jvmUid() == 0, "JVM is not root");
        // Like /root (0700) holding a checkout whose data directory is ./data.
        Path home = Files.createDirectory(temp.resolve("root-home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Path data = home.resolve("checkout/data/postgres");
        // An older version created the data directory and handed it to nobody before failing.
        Files.createDirectories(data);
        Files.setAttribute(data, "unix:uid", 65534);
        Path cluster = null;
        try {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
                cluster = server.dataDirectory();
                assertThat(ProcessHandle.of(postmasterPid(cluster)).flatMap(p -> p.info().user())).contains("nobody");
                assertThat(cluster).startsWith(Path.of(ClusterHome.RELOCATION_ROOT));
                assertThat(Files.readSymbolicLink(data)).isEqualTo(cluster);
                assertThat(Files.getAttribute(cluster, "unix:uid")).isEqualTo(65534);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster)))
                        .isEqualTo("rwx------");
                assertThat(server.binariesDirectory()).startsWith(cluster.getParent());
                update(server, "create table message (body text)", "insert into message values ('kept')");
            }
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
                assertThat(server.dataDirectory()).isEqualTo(cluster);
                assertThat(query(server, "select body from message")).containsExactly("kept");
            }
            assertThat(data.resolveSibling("postgres.log")).content().contains("database system is shut down");
        } finally {
            if (cluster != null) {
                PostgresBinaries.deleteRecursively(cluster.getParent());
            }
        }
    }

    /** Run in a child JVM that the test then SIGKILLs. */
    static final class OrphanMaker {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            update(server, "create table message (body text)", "insert into message values ('from the killed JVM')");
            System.out.println("READY " + server.port());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static void update(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
