package org.casw.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.pki.DevelopmentCertificates;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the production profile, refuses to start while a published demo key, the sandbox or the development PKI is configured. */
@Component
@Profile("production")
public class ProductionGuard {

    /** The keys printed in the README; anyone can read them. */
    static final List<String> DEMO_KEYS = List.of("demo-enterprise-key", "sandbox-customs-key", "demo-port-key", "demo-rail-key",
            "demo-sg-nsw-key", "demo-my-nsw-key", "demo-th-nsw-key", "demo-operator-key");

    public ProductionGuard(ConfiguredPartners partners, GatewayProperties properties) {
        List<String> problems = new ArrayList<>();
        for (String demo : DEMO_KEYS) {
            if (partners.keyDigests().contains(ApiKeys.digest(demo))) {
                problems.add(partners.partyForKeyDigest(ApiKeys.digest(demo)).or(() -> partners.operatorForKeyDigest(ApiKeys.digest(demo)))
                                .orElseThrow()
                        + " still has a published demo API key. Configure a new key digest in gateway.partners / gateway.operators.");
            }
        }
        properties.sandbox().byName().forEach((name, sandbox) -> {
            if (sandbox.enabled()) {
                problems.add("the sandbox partner " + name + " is enabled (gateway.sandbox." + name + ".enabled).");
            }
        });
        problems.addAll(DevelopmentCertificates.inConfiguration(properties));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in the production profile: "
                    + (problems.size() == 1 ? problems.get(0) : "\n - " + String.join("\n - ", problems)));
        }
    }
}
