package org.casw.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.casw.routes.intake.PayloadDigest;

/**
 * API keys as the gateway stores and compares them: HMAC-SHA256 under a server secret
 * ({@code hmac-sha256:<hex>}), so a leaked agreement file cannot be brute-forced offline without the secret.
 * On the default run the published {@link #DEVELOPMENT_SECRET} is used, which keeps the demo agreements working;
 * the production profile refuses it.
 */
public final class ApiKeys {

    /** Shorter keys are refused when presented: the demo keys ("demo-port-key") are the shortest accepted. */
    public static final int MIN_LENGTH = 12;
    /** A production secret file must hold at least this many bytes. */
    public static final int MIN_SECRET_BYTES = 32;
    public static final String PREFIX = "hmac-sha256:";
    /** Digests of earlier releases: bare SHA-256, accepted on the default run only. */
    public static final String LEGACY_PREFIX = "sha256:";
    /** Published with the sources so the shipped demo agreements work: development only, refused in production. */
    public static final String DEVELOPMENT_SECRET = "casw-development-api-key-secret: published, never use it in production";

    private final boolean development;
    /** Keyed once; each digest clones it, which costs a fraction of finding a provider and keying a new Mac. */
    private final Mac keyed;

    private ApiKeys(byte[] secret) {
        this.development = Arrays.equals(secret, DEVELOPMENT_SECRET.getBytes(StandardCharsets.UTF_8));
        try {
            this.keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Digests under the published development secret. */
    public static ApiKeys development() {
        return new ApiKeys(DEVELOPMENT_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret in {@code file} (one trailing line break ignored), or the development secret when no file is given. */
    public static ApiKeys fromFile(Path file) {
        if (file == null) {
            return development();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("the API key secret file " + file + " cannot be read");
        }
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        if (end < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the API key secret file " + file + " holds " + end + " bytes; at least "
                    + MIN_SECRET_BYTES + " random bytes are needed (e.g. openssl rand -base64 48 > " + file + ")");
        }
        return new ApiKeys(Arrays.copyOf(content, end));
    }

    /** Whether a presented key is long enough to be considered at all. */
    public static boolean longEnough(String key) {
        return key != null && key.length() >= MIN_LENGTH;
    }

    /** The stored form of {@code key}: {@code hmac-sha256:} and 64 lower-case hex digits. */
    public String digest(String key) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone(); // the keyed one is shared between threads: it is never used itself
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HmacSHA256 provider cannot clone a keyed Mac", e);
        }
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bare SHA-256 form of earlier releases ({@code sha256:<hex>}). */
    public static String legacyDigest(String key) {
        return LEGACY_PREFIX + PayloadDigest.sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /** True when digests are made with the published development secret. */
    public boolean usesDevelopmentSecret() {
        return development;
    }

    @Override
    public String toString() {
        return development ? "ApiKeys[development secret]" : "ApiKeys[secret from file]"; // never the secret
    }
}
