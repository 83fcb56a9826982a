package org.casw.routes.rules.declaration;

import java.time.Instant;
import java.util.Optional;

/** What the gateway already knows about earlier declarations, for rules that span documents. */
public interface DeclarationHistory {

    /** A summary declaration customs accepted (SpL, SpJ or SpK), with when and what was declared. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    record AcceptedSummary(String trackingId, Instant acceptedAt, byte[] payload) {
    }

    /** A declaration lodged through the gateway, with the customs status it last had. */
    record LodgedDeclaration(String trackingId, String customsStatus) {
    }

    /** The accepted summary with this customs entry id, declared by this declarant (USCC), if any. */
    Optional<AcceptedSummary> acceptedSummary(String entryId, String declarantUscc);

    /** The declaration customs numbered with this entry id, declared by this declarant, if any. */
    Optional<LodgedDeclaration> lodged(String entryId, String declarantUscc);
}
