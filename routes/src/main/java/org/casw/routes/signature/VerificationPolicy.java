package org.casw.routes.signature;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a partner agreement demands of incoming signatures.
 *
 * @param signatureRequired refuse unsigned documents
 * @param allowedProfiles   the profiles a signature may follow; any other algorithm is refused
 * @param trust             decides whether the signer's certificate chain is trusted
 * @param clock             the time certificates are checked at when the signature carries no signing time
 */
public record VerificationPolicy(boolean signatureRequired, Set<SigningProfile> allowedProfiles,
        CertificateTrust trust, Clock clock) {

    public VerificationPolicy {
        Objects.requireNonNull(allowedProfiles, "allowedProfiles");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clock, "clock");
        // An EnumSet copy: immutable to callers through the accessor below, and ordered for messages.
        allowedProfiles = allowedProfiles.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedProfiles));
    }
}
