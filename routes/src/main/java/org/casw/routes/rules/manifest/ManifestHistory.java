package org.casw.routes.rules.manifest;

/** What the gateway already holds of earlier manifests, for rules that span documents. */
public interface ManifestHistory {

    /** Whether an original (MT1101) manifest for this vessel and voyage came through the gateway and was not refused. */
    boolean originalManifestKnown(String transportMeansId, String journeyId);
}
