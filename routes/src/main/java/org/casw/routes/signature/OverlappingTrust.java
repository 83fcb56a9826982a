package org.casw.routes.signature;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.casw.routes.validation.Violation;

/**
 * Certificate rollover on the partner's side: signatures chaining to the current trust anchors are
 * accepted, and during an overlap period also those chaining to a retiring anchor, until its date.
 */
public final class OverlappingTrust implements CertificateTrust {

    /** A trust anchor set that is being replaced, accepted until {@code until}. */
    public record Retiring(CertificateTrust trust, Instant until) {
    }

    private final CertificateTrust current;
    private final List<Retiring> retiring;
    private final Clock clock;

    public OverlappingTrust(CertificateTrust current, List<Retiring> retiring, Clock clock) {
        this.current = current;
        this.retiring = List.copyOf(retiring);
        this.clock = clock;
    }

    @Override
    public List<Violation> check(List<X509Certificate> chain, Instant at) {
        List<Violation> violations = current.check(chain, at);
        // only "not our anchor" may be rescued by a retiring anchor; expiry or revocation never is
        boolean onlyUntrusted = !violations.isEmpty()
                && violations.stream().allMatch(v -> SignatureCodes.UNTRUSTED_SIGNER.equals(v.code()));
        if (onlyUntrusted) {
            Instant now = clock.instant();
            for (Retiring old : retiring) {
                if (now.isBefore(old.until()) && old.trust().check(chain, at).isEmpty()) {
                    return List.of();
                }
            }
        }
        return violations;
    }
}
