package org.casw.routes.rules.manifest;

import java.util.Optional;
import java.util.Set;

/** What the gateway already holds of earlier manifests, for rules that span documents. */
public interface ManifestHistory {

    /** A manifest the gateway holds: its tracking id, message type (MT1101 …) and payload as received. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    record HeldManifest(String trackingId, String messageType, byte[] payload) {
    }

    /** Whether an original (MT1101) manifest for this vessel and voyage came through the gateway and was not refused. */
    boolean originalManifestKnown(String transportMeansId, String journeyId);

    /**
     * The latest manifest of one of these message types that lists this bill as a bill or house bill,
     * whoever sent it, unless it was refused.
     */
    Optional<HeldManifest> latestListingBill(String billNo, Set<String> messageTypes);
}
