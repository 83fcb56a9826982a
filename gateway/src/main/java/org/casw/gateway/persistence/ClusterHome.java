package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a PostgreSQL cluster and the binaries that run it live: beside the gateway's data, or, when the JVM is root
 * and the server's unprivileged user cannot pass through a parent of the data directory (a checkout under a 0700
 * home), in a root-owned directory under {@value #RELOCATION_ROOT} that the data directory then links to.
 */
record ClusterHome(Path cluster, Path binaries) {

    /** Root-owned and not writable by others on any usual system, so a fixed name there cannot be squatted. */
    static final String RELOCATION_ROOT = "/var/lib/casw-gateway";

    private static final String BINARIES = "postgres-binaries";
    private static final String CLUSTER = "cluster";
    private static final String HOME_PATTERN = "postgres-[0-9a-f]{16}";
    private static final Logger log = LoggerFactory.getLogger(ClusterHome.class);

    /** The cluster in {@code data} itself, the binaries in {@code postgres-binaries} beside it. */
    static ClusterHome beside(Path data) {
        return new ClusterHome(data, data.resolveSibling(BINARIES));
    }

    /** Whether {@code data} is a link that {@link #relocate} made earlier. */
    static boolean isRelocated(Path data) throws IOException {
        return Files.isSymbolicLink(data)
                && Files.readSymbolicLink(data).startsWith(Path.of(RELOCATION_ROOT));
    }

    /**
     * The cluster that {@code data} links to under {@value #RELOCATION_ROOT}, creating it (and the link) the first
     * time. Only root calls this; everything on the way is checked to be root's and closed to others.
     */
    static ClusterHome relocate(Path data, String serverUser) throws IOException {
        Path base = Path.of(RELOCATION_ROOT);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PostgresBinaries.permissions(0755));
        }
        String purpose = "to keep the PostgreSQL cluster of " + data + " in " + base;
        TrustedPaths.requireTrustedDirectory(base, 0, purpose);
        Path home;
        if (Files.isSymbolicLink(data)) {
            Path cluster = Files.readSymbolicLink(data);
            home = cluster.getParent();
            if (home == null || !base.equals(home.getParent()) || !home.getFileName().toString().matches(HOME_PATTERN)
                    || !cluster.getFileName().toString().equals(CLUSTER)) {
                throw new IllegalStateException("Refusing " + purpose + ": " + data + " links to " + cluster
                        + ", which is not a cluster directory the gateway made");
            }
            if (TrustedPaths.uid(data) != 0) {
                throw new IllegalStateException("Refusing " + purpose + ": the link " + data + " is not root's");
            }
            TrustedPaths.requireTrustedDirectory(home, 0, purpose);
            if (!Files.isDirectory(cluster, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("The PostgreSQL cluster of " + data + " was kept in " + cluster
                        + ", which is gone. Remove the link " + data + " to start with an empty database.");
            }
        } else {
            if (Files.exists(data.resolve("PG_VERSION"))) {
                throw new IllegalStateException("PostgreSQL runs as " + serverUser + " (it refuses root) and cannot"
                        + " reach the existing cluster in " + data + " because a parent directory is closed to that"
                        + " user. Make the parents searchable (e.g. chmod o+x), or move the cluster elsewhere"
                        + " and point gateway.data-dir there.");
            }
            if (Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.delete(data); // an empty directory left by an older version that failed right here
                } catch (DirectoryNotEmptyException e) {
                    throw new IllegalStateException("PostgreSQL runs as " + serverUser + " and cannot reach " + data
                            + ", which is not empty but holds no cluster: remove it or make its parents searchable"
                            + " by that user (e.g. chmod o+x)", e);
                }
            }
            byte[] id = new byte[8];
            new SecureRandom().nextBytes(id);
            home = base.resolve("postgres-" + HexFormat.of().formatHex(id));
            Files.createDirectory(home);
            // The server user passes through to its cluster and binaries; nobody else may list them.
            Files.setPosixFilePermissions(home, PostgresBinaries.permissions(0711));
            Path cluster = Files.createDirectory(home.resolve(CLUSTER));
            Files.setPosixFilePermissions(cluster, PostgresBinaries.permissions(0700));
            Files.createSymbolicLink(data, cluster);
            log.info("{} cannot reach {} (a parent directory is closed to it), so the PostgreSQL cluster is kept in {}"
                    + " and {} links there", serverUser, data.getParent(), cluster, data);
        }
        return new ClusterHome(home.resolve(CLUSTER), home.resolve("binaries"));
    }
}
