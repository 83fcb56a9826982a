package org.casw.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files whole or not at all, so a crash never leaves a half-written keystore that looks complete. */
final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** For secrets (passwords, private keys): mode 0600 where the file system has POSIX permissions. */
    static void writeOwnerOnly(Path target, byte[] content) {
        write(target, content, OWNER_ONLY);
    }

    /** For public material such as CA certificates: mode 0644 where supported. */
    static void writeReadable(Path target, byte[] content) {
        write(target, content, WORLD_READABLE);
    }

    static boolean posixSupported() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) {
        Path directory = target.toAbsolutePath().getParent();
        try {
            // Created with its final permissions, so the content is never readable by others even briefly.
            FileAttribute<?>[] attributes = posixSupported()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
            try {
                Files.write(temporary, content);
                if (posixSupported()) {
                    Files.setPosixFilePermissions(temporary, permissions);
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
