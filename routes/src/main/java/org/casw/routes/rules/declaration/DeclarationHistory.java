package org.casw.routes.rules.declaration;

import java.time.Instant;
import java.util.Optional;

/** What the gateway already knows about earlier declarations, for rules that span documents. */
public interface DeclarationHistory {

    /** A summary declaration customs accepted (SpL, SpJ or SpK), with when and what was declared. */
    record AcceptedSummary(String trackingId, Instant acceptedAt, byte[] payload) {
    }

    /** The accepted summary with this customs entry id, declared by this declarant (USCC), if any. */
    Optional<AcceptedSummary> acceptedSummary(String entryId, String declarantUscc);

    /** No history: cross-document rules that need one are skipped (the offline validate command). */
    DeclarationHistory NONE = (entryId, declarant) -> Optional.empty();
}
