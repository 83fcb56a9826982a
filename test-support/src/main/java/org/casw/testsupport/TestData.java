package org.casw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Per-run data directories and loopback ports for tests that start servers, brokers or databases. */
public final class TestData {

    private TestData() {
    }

    /** A fresh data directory under target/, readable by the unprivileged PostgreSQL user. */
    public static Path newDataDir(String name) {
        try {
            Path base = Path.of("target", "test-data").toAbsolutePath();
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path dir = base.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free loopback port. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
