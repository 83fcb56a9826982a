package org.casw.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.pki.DevelopmentCertificates;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * In the production profile, refuses to start while a published demo key or console password, the published development API key
 * secret, a bare {@code sha256:} key digest or the development PKI is configured. (The sandbox partners are
 * not in gateway.jar, and gateway-kit.jar never loads them under this profile.)
 */
@Component
@Profile("production")
public class ProductionGuard {

    /** The keys printed in the README; anyone can read them. */
    static final List<String> DEMO_KEYS = List.of("demo-enterprise-key", "sandbox-customs-key", "demo-port-key", "demo-rail-key",
            "demo-sg-nsw-key", "demo-my-nsw-key", "demo-th-nsw-key", "demo-operator-key");

    /** The console passwords printed in the README. */
    static final List<String> DEMO_PASSWORDS = List.of("demo-operator-password", "demo-enterprise-password");

    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    public ProductionGuard(ConfiguredPartners partners, GatewayProperties properties) {
        // every reason at once, so an operator fixes them in one go
        List<String> problems = new ArrayList<>();
        if (partners.apiKeys().usesDevelopmentSecret()) {
            problems.add("API keys would be digested with the published development secret. Set gateway.api-keys.secret-file"
                    + " to a file of at least " + ApiKeys.MIN_SECRET_BYTES + " random bytes (e.g. openssl rand -base64 48),"
                    + " mode 0600, and re-issue every key digest with: java -jar gateway.jar api-key-digest --secret-file"
                    + " <that file> --key-file <key file>.");
        }
        for (String digest : partners.keyDigests()) {
            if (digest.startsWith(ApiKeys.LEGACY_PREFIX)) {
                String owner = partners.partyForKeyDigest(digest)
                        .or(() -> partners.operatorForKeyDigest(digest).map(operator -> "operator " + operator)).orElseThrow();
                problems.add(owner + " has an API key stored as a bare sha256: digest. Re-issue it as an hmac-sha256: digest"
                        + " under the server secret: java -jar gateway.jar api-key-digest --secret-file"
                        + " <gateway.api-keys.secret-file> --key-file <key file>.");
            }
        }
        for (String demo : DEMO_KEYS) {
            partners.partyForKey(demo).or(() -> partners.operatorForKey(demo).map(operator -> "operator " + operator))
                    .ifPresent(owner -> problems.add(owner + " still has a published demo API key. Configure a new key digest"
                            + " in gateway.partners / gateway.operators."));
        }
        partners.consolePasswords().forEach((owner, hash) -> {
            if (DEMO_PASSWORDS.stream().anyMatch(demo -> PASSWORDS.matches(demo, hash))) {
                problems.add(owner + " still has a published demo console password. Configure a new console-password hash"
                        + " (java -jar gateway.jar console-password-hash).");
            }
        });
        problems.addAll(DevelopmentCertificates.inConfiguration(properties));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the production profile: "
                    + (problems.size() == 1 ? problems.get(0) : "\n - " + String.join("\n - ", problems)));
        }
    }
}
