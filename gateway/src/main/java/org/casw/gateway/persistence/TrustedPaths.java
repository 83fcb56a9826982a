package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import com.sun.security.auth.module.UnixSystem;

/**
 * Refuses paths that someone other than the gateway's user (or root) could change: the embedded PostgreSQL executes
 * binaries and keeps its password beside the data, so a directory another user may write is a way in.
 */
final class TrustedPaths {

    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private TrustedPaths() {
    }

    /** The uid of this JVM's user. */
    static int jvmUid() {
        return (int) new UnixSystem().getUid();
    }

    /**
     * Requires {@code directory} to be a real directory (not a symbolic link) owned by {@code owner}, writable by no
     * one else, and every parent to be owned by root or this JVM's user and writable by no one else, unless it is
     * sticky (as {@code /tmp} is: others cannot rename or delete what is ours in it).
     *
     * @throws IllegalStateException naming the first path that fails, and why
     */
    static void requireTrustedDirectory(Path directory, int owner, String purpose) throws IOException {
        Path path = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(path, purpose, "is not a directory (or is a symbolic link)");
        }
        requireOwnedAndClosed(path, owner, purpose);
        requireTrustedParents(path, purpose);
    }

    /** Requires every parent of {@code path} to be changeable only by root or this JVM's user (see above). */
    static void requireTrustedParents(Path path, String purpose) throws IOException {
        int me = jvmUid();
        Path real = path.toAbsolutePath().normalize().getParent();
        if (real == null) {
            return;
        }
        real = real.toRealPath(); // a symbolic link in the path is judged by where it leads
        for (Path parent = real; parent != null; parent = parent.getParent()) {
            int uid = uid(parent);
            if (uid != 0 && uid != me) {
                throw refused(parent, purpose, "is owned by uid " + uid + ", neither root nor this process (uid "
                        + me + ")");
            }
            int mode = mode(parent);
            if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
                throw refused(parent, purpose, "is writable by group or others (mode "
                        + Integer.toOctalString(mode & 07777) + ")");
            }
        }
    }

    /** Requires {@code path} (not followed if a link) to be owned by {@code owner} and writable by no one else. */
    static void requireOwnedAndClosed(Path path, int owner, String purpose) throws IOException {
        int uid = uid(path);
        if (uid != owner) {
            throw refused(path, purpose, "is owned by uid " + uid + ", not uid " + owner);
        }
        int mode = mode(path);
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
            throw refused(path, purpose, "is writable by group or others (mode "
                    + Integer.toOctalString(mode & 07777) + ")");
        }
    }

    static int uid(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** Permission bits including setuid, setgid and sticky. */
    static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static IllegalStateException refused(Path path, String purpose, String reason) {
        return new IllegalStateException("Refusing " + purpose + ": " + path + " " + reason
                + ". Only root and the gateway's own user may be able to change it.");
    }
}
