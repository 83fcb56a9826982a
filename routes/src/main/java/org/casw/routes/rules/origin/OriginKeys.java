package org.casw.routes.rules.origin;

import org.casw.routes.document.BusinessKeys;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;

/** The business keys of certificates of origin and of their utilization notices. */
public final class OriginKeys {

    private OriginKeys() {
    }

    /**
     * The certificate number, the original certificate's number (back-to-back), and the exporter's and
     * consignee's identifiers where given. No sender identity is claimed: an issuing body or approved
     * exporter is not a gateway party code.
     */
    public static BusinessKeys keysOf(CertificateOfOrigin certificate) {
        BusinessKeys keys = new BusinessKeys().add(BusinessKeys.Kind.CERTIFICATE_NO, certificate.getCertificateNo());
        if (certificate.getOriginalCertificate() != null) {
            keys.add(BusinessKeys.Kind.ORIGINAL_CERTIFICATE_NO, certificate.getOriginalCertificate().getCertificateNo());
        }
        if (certificate.getExporter() != null) {
            keys.add(BusinessKeys.Kind.EXPORTER, certificate.getExporter().getID());
        }
        if (certificate.getConsignee() != null) {
            keys.add(BusinessKeys.Kind.IMPORTER, certificate.getConsignee().getID());
        }
        return keys;
    }

    /** The certificate used and the import declaration it was used for. */
    public static BusinessKeys keysOf(CertificateUtilization notice) {
        return new BusinessKeys()
                .add(BusinessKeys.Kind.CERTIFICATE_NO, notice.getCertificateNo())
                .add(BusinessKeys.Kind.ENTRY_ID, notice.getDeclarationEntryId());
    }
}
