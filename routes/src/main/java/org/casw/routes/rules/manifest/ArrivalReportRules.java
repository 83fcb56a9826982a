package org.casw.routes.rules.manifest;

import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.MessageType;

/** An arrival report (MT3101) reports the arrival of a voyage whose original manifest (MT1101) the gateway holds. */
public class ArrivalReportRules implements DocumentRules<Manifest>, CrossDocumentRules {

    public static final String ARRIVAL_MANIFEST_UNKNOWN = "ARRIVAL_MANIFEST_UNKNOWN";

    private final ManifestHistory history;

    public ArrivalReportRules(ManifestHistory history) {
        this.history = history;
    }

    @Override
    public Class<Manifest> documentClass() {
        return Manifest.class;
    }

    @Override
    public void check(Manifest manifest, RuleViolations out) {
        if (manifest.getHead().getMessageType() != MessageType.MT_3101) {
            return;
        }
        BorderTransportMeans means = manifest.getDeclaration().getBorderTransportMeans();
        if (means.getID() != null && !history.originalManifestKnown(means.getID(), means.getJourneyID())) {
            out.add(ARRIVAL_MANIFEST_UNKNOWN, "/Manifest/Declaration/BorderTransportMeans/JourneyID", "No original manifest (MT1101) for "
                    + means.getID() + " voyage " + means.getJourneyID() + " came through the gateway; file it before the arrival report.");
        }
    }
}
