package org.casw.gateway.security;

import java.util.List;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the production profile, refuses to start while a published demo key or the sandbox is configured. */
@Component
@Profile("production")
public class DemoKeyGuard {

    /** The keys printed in the README; anyone can read them. */
    static final List<String> DEMO_KEYS = List.of("demo-enterprise-key", "sandbox-customs-key", "demo-port-key", "demo-rail-key",
            "demo-sg-nsw-key", "demo-my-nsw-key", "demo-th-nsw-key", "demo-operator-key");

    public DemoKeyGuard(ConfiguredPartners partners, GatewayProperties properties) {
        for (String demo : DEMO_KEYS) {
            if (partners.keyDigests().contains(ApiKeys.digest(demo))) {
                throw new IllegalStateException("Refusing to start in the production profile: "
                        + partners.partyForKeyDigest(ApiKeys.digest(demo)).or(() -> partners.operatorForKeyDigest(ApiKeys.digest(demo)))
                                .orElseThrow()
                        + " still has a published demo API key. Configure a new key digest in gateway.partners / gateway.operators.");
            }
        }
        properties.sandbox().byName().forEach((name, sandbox) -> {
            if (sandbox.enabled()) {
                throw new IllegalStateException("Refusing to start in the production profile: the sandbox partner " + name
                        + " is enabled (gateway.sandbox." + name + ".enabled).");
            }
        });
    }
}
