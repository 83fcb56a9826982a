package org.casw.gateway.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The embedded PostgreSQL superuser's random password, kept in a file only this JVM's user can read (mode 0600), and
 * the SCRAM-SHA-256 secret the server stores for it.
 */
final class SuperuserPassword {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 32; // about 186 bits
    private static final int SCRAM_ITERATIONS = 4096; // PostgreSQL's default scram_iterations
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserPassword() {
    }

    /**
     * The password kept in {@code file}, or empty if there is none or it may have been read by others (a file open
     * to group or others is discarded, so that a new password replaces one that may be known).
     *
     * @throws IllegalStateException if the file is a symbolic link or belongs to another user
     */
    static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("Refusing the PostgreSQL password file " + file
                    + ": it is not a regular file (or is a symbolic link)");
        }
        if (TrustedPaths.uid(file) != TrustedPaths.jvmUid()) {
            throw new IllegalStateException("Refusing the PostgreSQL password file " + file + ": it is owned by uid "
                    + TrustedPaths.uid(file) + ", not by this process (uid " + TrustedPaths.jvmUid() + ")");
        }
        if ((TrustedPaths.mode(file) & 0077) != 0) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    /** Writes a new random password to {@code file} (mode 0600, replacing whatever was there) and returns it. */
    static String createIn(Path file) throws IOException {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        // Created 0600 from the start under a fresh name, then renamed over the old file: never readable by others.
        Path staging = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new");
        try {
            Files.writeString(staging, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staging);
        }
        return password.toString();
    }

    /**
     * The SCRAM-SHA-256 secret for {@code password} in PostgreSQL's format (RFC 5802/7677, as
     * {@code pg_authid.rolpassword} holds it), so the server is told the secret and never the password.
     */
    static String scramSecret(String password) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            // PBKDF2 with HMAC-SHA-256 is SCRAM's Hi(); SunJCE encodes the characters as UTF-8.
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a SCRAM-SHA-256 secret", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
