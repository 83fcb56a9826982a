package org.casw.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.casw.gateway.security.SecretFile;

/**
 * The bearer token sandbox inboxes accept from a gateway delivering to them: generated once per data directory
 * and kept 0600 in {@code <data-dir>/sandbox/delivery-token}. The shipped agreements of the sandbox parties name
 * that file ({@code delivery.authorization-file}), so the gateway, and a standalone window run on the same data
 * directory, agree on it without the token ever appearing in configuration.
 */
public final class SandboxDeliveryToken {

    /** Where the token lives, relative to the data directory. */
    public static final String FILE = "sandbox/delivery-token";

    private final Path file;
    private final byte[] token;

    private SandboxDeliveryToken(Path file, String token) {
        this.file = file;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The data directory's token, first generated when there is none. */
    public static SandboxDeliveryToken ensure(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        return new SandboxDeliveryToken(file, SecretFile.ensure(file));
    }

    /** The file holding the token, for start-up lines (never the token). */
    public Path file() {
        return file;
    }

    /** Whether {@code presented} is the token, compared in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
