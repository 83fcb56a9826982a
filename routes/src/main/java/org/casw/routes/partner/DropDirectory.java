package org.casw.routes.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A directory shared with a party's file system: the party may plant anything in it, so the gateway reads
 * only regular files that lie directly inside it, and writes only through files it created itself (create-new,
 * never through a link), renamed into place once complete so the party never reads half a file.
 */
public final class DropDirectory {

    private final Path directory;

    public DropDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path path() {
        return directory;
    }

    /**
     * Why a file found in the directory must not be read, or empty when it is a regular file directly inside it.
     * A symbolic link or a second hard link would let the party submit (and read back through the API) a file it
     * cannot read itself, such as the gateway's keys.
     */
    public Optional<String> whyNotRegular(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.of("it is no longer there");
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of("it is a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("it is not a regular file");
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || !parent.toRealPath().equals(directory.toRealPath())) {
            return Optional.of("it resolves outside the drop directory");
        }
        if (linkCount(file) > 1) {
            return Optional.of("it is a hard link to another file");
        }
        return Optional.empty();
    }

    /**
     * The file's bytes, read without following a link (so a link swapped in after {@link #whyNotRegular} is
     * not read either), or empty when it holds more than {@code maxBytes}: the rest is never read.
     */
    public Optional<byte[]> read(Path file, long maxBytes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(limit, Math.max(channel.size(), 0) + 1));
            while (true) {
                if (!buffer.hasRemaining()) {
                    if (buffer.capacity() >= limit) {
                        break;
                    }
                    // the file grew since it was measured: keep reading, but never past the limit
                    buffer = ByteBuffer.allocate((int) Math.min(limit, (long) buffer.capacity() * 2)).put(buffer.flip());
                }
                if (channel.read(buffer) < 0) {
                    break;
                }
            }
            return buffer.position() > maxBytes ? Optional.empty() : Optional.of(Arrays.copyOf(buffer.array(), buffer.position()));
        }
    }

    /**
     * Writes {@code content} as {@code name}: into a new hidden file created here (it fails rather than follow
     * anything planted under its random name), then renamed over {@code name}. The rename replaces whatever
     * entry has that name, a planted link included, without following it.
     *
     * @throws IOException also when the directory itself is a link, so nothing is written where it points
     */
    public Path write(String name, byte[] content) throws IOException {
        Path target = resolveName(name);
        Files.createDirectories(directory);
        refuseLinkedDirectory();
        Path temporary;
        while (true) {
            temporary = directory.resolve("." + name + "." + UUID.randomUUID() + ".part");
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(content);
                break;
            } catch (FileAlreadyExistsException planted) {
                // something is already there under this random name: never reuse it, draw another
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
        }
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return target;
    }

    /** Whether {@code name} is a regular file here with exactly these bytes; a link never matches. */
    public boolean holds(String name, byte[] content) throws IOException {
        Path file = resolveName(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != content.length) {
            return false;
        }
        return read(file, content.length).map(bytes -> Arrays.equals(bytes, content)).orElse(false);
    }

    /** The entries among {@code names} that exist here as something other than a real directory (a link, a file). */
    public List<String> notRealDirectories(String... names) {
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            Path entry = directory.resolve(name);
            if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                wrong.add(name);
            }
        }
        return wrong;
    }

    private void refuseLinkedDirectory() throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is a symbolic link or not a directory: nothing is written through it");
        }
    }

    private Path resolveName(String name) {
        Path target = directory.resolve(name).normalize();
        if (!directory.equals(target.getParent())) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return target;
    }

    private static int linkCount(Path file) {
        try {
            Object count = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return count instanceof Number n ? n.intValue() : 1;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1; // not a POSIX file system: hard links cannot be told apart there
        }
    }
}
