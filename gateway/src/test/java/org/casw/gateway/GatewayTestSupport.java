package org.casw.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Shared fixtures: sample documents and per-run data directories. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {
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
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample from schemas/src/test/resources/samples (the one place samples live). */
    public static String sample(String family, String validity, String file) {
        try {
            return Files.readString(Path.of("..", "schemas", "src", "test", "resources", "samples", family, validity, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid import declaration with a fresh client sequence number, so tests do not collide. */
    public static String declaration(String clientSeqNo) {
        return sample("declaration", "valid", "import-durian-sea.xml")
                .replace("<ClientSeqNo>QZDEMO-20261121-0001</ClientSeqNo>", "<ClientSeqNo>" + clientSeqNo + "</ClientSeqNo>");
    }
}
