package org.casw.routes.rules;

import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.declaration.DeclarationHistory;
import org.casw.routes.rules.manifest.ManifestHistory;

/** What the gateway already holds, for rules that span documents. Absent offline (the validate command). */
public record TradeRecords(DeclarationHistory declarations, ManifestHistory manifests, CertificateRegistry certificates) {
}
