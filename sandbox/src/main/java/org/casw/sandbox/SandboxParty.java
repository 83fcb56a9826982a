package org.casw.sandbox;

import java.util.Locale;
import java.util.Set;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.partner.PartnerProfile;

/**
 * A sandbox partner's identity, checked at start-up: the demo party it acts as has an agreement, its API key
 * is that party's, and it speaks a format the sandbox can write. Mistakes stop start-up with the setting named.
 */
record SandboxParty(String name, SandboxProperties.Partner settings, PartnerProfile profile, FaultInjection faults) {

    /** The gateway's native XML, which every sandbox partner writes. */
    static final String NATIVE = "XML";
    /** UN/EDIFACT D.96B, which the sandbox port also writes (CODECO and COARRI). */
    static final String EDIFACT = "EDIFACT-D96B";

    static SandboxParty of(String name, SandboxProperties.Partner settings, ConfiguredPartners partners, boolean signs) {
        return of(name, settings, partners, signs, Set.of(NATIVE));
    }

    /** As above, for a sandbox that can write the given formats (upper case); its agreement must send any but XML. */
    static SandboxParty of(String name, SandboxProperties.Partner settings, ConfiguredPartners partners, boolean signs,
            Set<String> writes) {
        String prefix = "sandbox." + name + ".";
        if (settings.party() == null || settings.party().isBlank()) {
            throw new IllegalStateException(prefix + "party is required when the sandbox " + name + " is enabled");
        }
        PartnerProfile profile = partners.find(settings.party()).orElseThrow(() -> new IllegalStateException(
                prefix + "party: no partner agreement for " + settings.party()));
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new IllegalStateException(prefix + "api-key is required when the sandbox " + name + " is enabled");
        }
        if (!partners.partyForKey(settings.apiKey()).filter(settings.party()::equals).isPresent()) {
            throw new IllegalStateException(prefix + "api-key is not an API key of " + settings.party() + " in its agreement");
        }
        String format = settings.format() == null ? NATIVE : settings.format().toUpperCase(Locale.ROOT);
        if (!writes.contains(format)) {
            throw new IllegalStateException(prefix + "format: the sandbox " + name + " speaks "
                    + String.join(" or ", writes.stream().sorted().toList())
                    + ", not " + settings.format());
        }
        if (!NATIVE.equals(format) && !profile.sends().contains(format)) {
            // the gateway would refuse every report: say so at start-up, not per message
            throw new IllegalStateException(prefix + "format: the agreement of " + settings.party() + " does not list " + format
                    + " in formats.sends");
        }
        if (!signs && settings.invalidSignatureRate() > 0) {
            throw new IllegalStateException(prefix + "invalid-signature-rate: the sandbox " + name + " does not sign its documents");
        }
        if (settings.delay() == null || settings.delay().isNegative()) {
            throw new IllegalStateException(prefix + "delay must be zero or more");
        }
        return new SandboxParty(name, settings, profile, FaultInjection.of(name, settings));
    }

    /** The format it speaks, upper case ({@link #NATIVE} or {@link #EDIFACT}). */
    String format() {
        return settings.format() == null ? NATIVE : settings.format().toUpperCase(Locale.ROOT);
    }

    String partyId() {
        return profile.id();
    }

    long delayMillis() {
        return settings.delay().toMillis();
    }
}
