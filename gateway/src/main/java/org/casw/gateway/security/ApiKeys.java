package org.casw.gateway.security;

import java.nio.charset.StandardCharsets;
import org.casw.routes.intake.PayloadDigest;

/** API keys are compared and stored only as SHA-256 digests ({@code sha256:<hex>}). */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static String digest(String key) {
        return "sha256:" + PayloadDigest.sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }
}
