package org.casw.routes.signature;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.casw.routes.validation.Violation;

/**
 * What a partner agreement demands of incoming signatures.
 *
 * @param signatureRequired refuse unsigned documents
 * @param allowedProfiles   the profiles a signature may follow; any other algorithm is refused
 * @param trust             decides whether the signer's certificate chain is trusted
 * @param clock             the time certificates are checked at when the signature carries no signing time
 * @param signers           the partner's own certificates; when any is given, a signature by another certificate,
 *                          even one the trust accepts, is refused as {@link SignatureCodes#SIGNER_NOT_PINNED}
 */
public record VerificationPolicy(boolean signatureRequired, Set<SigningProfile> allowedProfiles,
        CertificateTrust trust, Clock clock,
        List<SignerPin> signers) {

    /** A policy that trusts any certificate its trust accepts. */
    public VerificationPolicy(boolean signatureRequired, Set<SigningProfile> allowedProfiles, CertificateTrust trust,
            Clock clock) {
        this(signatureRequired, allowedProfiles, trust, clock, List.of());
    }

    public VerificationPolicy {
        Objects.requireNonNull(allowedProfiles, "allowedProfiles");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clock, "clock");
        signers = signers == null ? List.of() : List.copyOf(signers);
        // An EnumSet copy: immutable to callers through the accessor below, and ordered for messages.
        allowedProfiles = allowedProfiles.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedProfiles));
    }

    /** Whether the agreement pins its signers. */
    public boolean pinsSigners() {
        return !signers.isEmpty();
    }

    /** The violation for a signer that is none of the pinned ones, or null when it is one (or nothing is pinned). */
    public Violation pinViolation(X509Certificate signer, String path) {
        if (signers.isEmpty() || signers.stream().anyMatch(pin -> pin.matches(signer))) {
            return null;
        }
        String keyIdentifier = SignerPin.keyIdentifierOf(signer);
        return Violation.of(SignatureCodes.SIGNER_NOT_PINNED, path, "signed by "
                + signer.getSubjectX500Principal().getName(X500Principal.RFC2253)
                + (keyIdentifier == null ? "" : " (key identifier " + keyIdentifier + ")")
                + ", which is not the partner's own certificate; the agreement expects "
                + signers.stream().map(SignerPin::toString).collect(Collectors.joining(" or ")));
    }
}
