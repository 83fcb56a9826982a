package org.casw.routes.family;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.origin.OriginKeys;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.routes.rules.origin.UtilizationRules;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;

/** Certificates of origin under the ASEAN-China agreements, and the importing side's notices that it used one. */
final class CertificatesOfOrigin implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.CERTIFICATES_OF_ORIGIN;
    }

    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return type == DocumentType.CERTIFICATE_OF_ORIGIN ? OriginKeys.keysOf((CertificateOfOrigin) document)
                : OriginKeys.keysOf((CertificateUtilization) document);
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        return Map.of(DocumentType.CERTIFICATE_OF_ORIGIN, Set.of("agreement", "form-type", "exporting-country", "importing-country"),
                DocumentType.CERTIFICATE_UTILIZATION, Set.of("importing-country", "exporting-country"));
    }

    @Override
    public void registerRules(BusinessRules.Registration rules) {
        rules.add(DocumentType.CERTIFICATE_OF_ORIGIN, new OriginRules(rules.clock()));
        if (rules.records() != null) {
            rules.add(DocumentType.CERTIFICATE_UTILIZATION, new UtilizationRules(rules.records().certificates()));
        }
    }

    @Override
    public RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        RoutingFacts.Builder facts = RoutingFacts.builder();
        if (type == DocumentType.CERTIFICATE_OF_ORIGIN) {
            CertificateOfOrigin co = (CertificateOfOrigin) document;
            facts.fact("agreement", co.getAgreement() == null ? null : co.getAgreement().value())
                    .fact("form-type", co.getFormType() == null ? null : co.getFormType().value())
                    .fact("exporting-country", co.getExportingCountry())
                    .fact("importing-country", co.getImportingCountry());
        } else {
            CertificateUtilization notice = (CertificateUtilization) document;
            facts.fact("importing-country", notice.getImportingCountry());
            // the notice goes back to the side that issued the certificate
            registry.find(notice.getCertificateNo()).ifPresent(c -> facts.fact("exporting-country", c.exportingCountry()));
        }
        return facts.build();
    }

    /**
     * A certificate of origin carries an authority's word: it comes from the customs or window of the country that issued
     * it (its exporting country), or through it, and bears that issuer's verified signature (pinned in its agreement): on
     * the document, or on the AS4 message that carried it. A utilization notice comes from the customs (or window) of the
     * importing country that used the certificate.
     */
    @Override
    public Optional<DeclaredSender> declaredSender(DocumentType type, Object document, BusinessKeys keys) {
        if (type == DocumentType.CERTIFICATE_OF_ORIGIN) {
            String issuing = ((CertificateOfOrigin) document).getExportingCountry();
            return Optional.of(new DeclaredSender.Authority(issuing, "/CertificateOfOrigin/ExportingCountry",
                    ViolationCodes.CERTIFICATE_ISSUER_MISMATCH, "issue certificates of origin of " + issuing + ": they come from "
                            + issuing + "'s customs or single window", true));
        }
        String importing = ((CertificateUtilization) document).getImportingCountry();
        return Optional.of(new DeclaredSender.Authority(importing, "/CertificateUtilization/ImportingCountry",
                ViolationCodes.UTILIZATION_ISSUER_MISMATCH, "report the use of certificates in " + importing, false));
    }

    /** A refused certificate registers nothing and draws on no original. */
    @Override
    public void giveBack(DocumentType type, String trackingId, boolean read, CertificateRegistry registry) {
        if (type == DocumentType.CERTIFICATE_OF_ORIGIN && read) {
            registry.withdraw(trackingId);
        }
    }
}
