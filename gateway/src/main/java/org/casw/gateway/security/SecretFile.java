package org.casw.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret kept in a file only its owner may read (0600 in a 0700 directory): generated once with a random
 * value, then read back. A file that is a link, not a regular file, owned by another user or readable by
 * group or others is refused with the file named, never its contents.
 */
public final class SecretFile {

    /** 32 random bytes: 43 base64url characters. */
    private static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /** The secret in {@code file}, first generated (directory 0700, file 0600, created new) when there is none. */
    public static String ensure(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: read theirs
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the secret file " + file, e);
            }
        }
        return read(file, file.toString());
    }

    /**
     * The secret in {@code file}, checked: a regular file of this process's user that group and others cannot
     * read, holding one non-blank line. {@code setting} names where the file was configured, for the message.
     */
    public static String read(Path file, String setting) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (posix != null) {
                PosixFileAttributes attributes = posix.readAttributes();
                if (!attributes.isRegularFile()) {
                    throw new IllegalStateException(setting + ": " + file + " is not a regular file (links are not followed)");
                }
                Set<PosixFilePermission> open = EnumSet.copyOf(attributes.permissions());
                open.retainAll(GROUP_OR_OTHERS);
                if (!open.isEmpty()) {
                    throw new IllegalStateException(setting + ": " + file + " is readable by group or others ("
                            + PosixFilePermissions.toString(attributes.permissions()) + "); chmod 600 it");
                }
                UserPrincipal me = currentUser(file);
                if (me != null && !me.equals(attributes.owner())) {
                    throw new IllegalStateException(setting + ": " + file + " belongs to " + attributes.owner().getName()
                            + ", not to " + me.getName() + " who runs the gateway");
                }
            } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(setting + ": " + file + " is not a regular file (links are not followed)");
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty() || secret.contains("\n")) {
                throw new IllegalStateException(setting + ": " + file + " must hold the secret on one line");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(existingAncestor(directory)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        byte[] random = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        byte[] secret = (Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n").getBytes(StandardCharsets.US_ASCII);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.newByteChannel(file, options)) {
            channel.write(ByteBuffer.wrap(secret));
        }
    }

    private static Path existingAncestor(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? Path.of(".").toAbsolutePath() : existing;
    }

    /** This process's user as the file system names it, or null where it cannot tell. */
    private static UserPrincipal currentUser(Path file) {
        try {
            return file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
