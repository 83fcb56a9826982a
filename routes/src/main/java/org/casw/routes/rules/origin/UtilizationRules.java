package org.casw.routes.rules.origin;

import java.util.Optional;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.origin.CertificateUtilization;
import org.casw.schemas.origin.UsedItem;

/** A utilization notice reports use of a certificate the gateway holds, for its importing country and its items. */
public class UtilizationRules implements DocumentRules<CertificateUtilization>, CrossDocumentRules {

    public static final String UTILIZATION_CERTIFICATE_UNKNOWN = "UTILIZATION_CERTIFICATE_UNKNOWN";
    public static final String UTILIZATION_COUNTRY_MISMATCH = "UTILIZATION_COUNTRY_MISMATCH";
    public static final String UTILIZATION_ITEM_UNKNOWN = "UTILIZATION_ITEM_UNKNOWN";

    private static final String ROOT = "/CertificateUtilization/";

    private final CertificateRegistry registry;

    public UtilizationRules(CertificateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Class<CertificateUtilization> documentClass() {
        return CertificateUtilization.class;
    }

    @Override
    public void check(CertificateUtilization notice, RuleViolations out) {
        Optional<CertificateRegistry.KnownCertificate> found = registry.find(notice.getCertificateNo());
        if (found.isEmpty()) {
            out.add(UTILIZATION_CERTIFICATE_UNKNOWN, ROOT + "CertificateNo", "Certificate " + notice.getCertificateNo()
                    + " is not known to the gateway.");
            return;
        }
        CertificateRegistry.KnownCertificate certificate = found.get();
        if (!certificate.importingCountry().equals(notice.getImportingCountry())) {
            out.add(UTILIZATION_COUNTRY_MISMATCH, ROOT + "ImportingCountry", "Certificate " + certificate.certificateNo()
                    + " was issued for imports into " + certificate.importingCountry() + ", not " + notice.getImportingCountry() + ".");
        }
        for (int i = 0; i < notice.getUsedItem().size(); i++) {
            UsedItem used = notice.getUsedItem().get(i);
            if (certificate.item(used.getItemNo()).isEmpty()) {
                out.add(UTILIZATION_ITEM_UNKNOWN, ROOT + (i == 0 ? "UsedItem" : "UsedItem[" + (i + 1) + "]") + "/ItemNo",
                        "Certificate " + certificate.certificateNo() + " has no item " + used.getItemNo() + ".");
            }
        }
    }
}
