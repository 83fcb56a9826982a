package org.casw.gateway.sandbox;

import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.security.ApiKeys;
import org.casw.routes.partner.PartnerProfile;

/**
 * A sandbox partner's identity, checked at start-up: the demo party it acts as has an agreement, its API key
 * is that party's, and it speaks a format the sandbox can write. Mistakes stop start-up with the setting named.
 */
record SandboxParty(String name, GatewayProperties.SandboxPartner settings, PartnerProfile profile, FaultInjection faults) {

    /** The gateway's native XML: the only format sandbox partners write so far (UN/EDIFACT and ASW-ECO come with their translators). */
    static final String NATIVE = "XML";

    static SandboxParty of(String name, GatewayProperties.SandboxPartner settings, ConfiguredPartners partners, boolean signs) {
        String prefix = "gateway.sandbox." + name + ".";
        if (settings.party() == null || settings.party().isBlank()) {
            throw new IllegalStateException(prefix + "party is required when the sandbox " + name + " is enabled");
        }
        PartnerProfile profile = partners.find(settings.party()).orElseThrow(() -> new IllegalStateException(
                prefix + "party: no partner agreement for " + settings.party()));
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new IllegalStateException(prefix + "api-key is required when the sandbox " + name + " is enabled");
        }
        if (!partners.partyForKeyDigest(ApiKeys.digest(settings.apiKey())).filter(settings.party()::equals).isPresent()) {
            throw new IllegalStateException(prefix + "api-key is not an API key of " + settings.party() + " in its agreement");
        }
        if (!NATIVE.equalsIgnoreCase(settings.format())) {
            throw new IllegalStateException(prefix + "format: the sandbox speaks only " + NATIVE + " so far, not " + settings.format());
        }
        if (!signs && settings.invalidSignatureRate() > 0) {
            throw new IllegalStateException(prefix + "invalid-signature-rate: the sandbox " + name + " does not sign its documents");
        }
        if (settings.delay() == null || settings.delay().isNegative()) {
            throw new IllegalStateException(prefix + "delay must be zero or more");
        }
        return new SandboxParty(name, settings, profile, FaultInjection.of(name, settings));
    }

    String partyId() {
        return profile.id();
    }

    long delayMillis() {
        return settings.delay().toMillis();
    }
}
