package org.casw.routes.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.registry.CertificateRegistry.Item;
import org.casw.routes.registry.CertificateRegistry.KnownCertificate;
import org.casw.routes.registry.CertificateRegistry.OriginalReference;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.schemas.origin.CertificateItem;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.OriginalCertificate;

/** Turns a validated certificate of origin into the registry's record of it. */
public final class Certificates {

    private Certificates() {
    }

    public static KnownCertificate of(CertificateOfOrigin co) {
        return new KnownCertificate(co.getCertificateNo(), co.getAgreement().value(), co.getExportingCountry(),
                co.getImportingCountry(), OriginRules.issueDate(co), OriginRules.lastValidDay(co),
                co.getItem().stream().map(Certificates::item).toList(), original(co.getOriginalCertificate()));
    }

    /** Back-to-back (box 13) and naming its original: the rules refuse a back-to-back certificate without one. */
    public static boolean isBackToBack(CertificateOfOrigin co) {
        return co.getFlags() != null && Boolean.TRUE.equals(co.getFlags().isBackToBack()) && co.getOriginalCertificate() != null;
    }

    private static Item item(CertificateItem item) {
        return new Item(item.getItemNo(), item.getHsCode(), item.getQuantity(), item.getQuantityUnit(), BigDecimal.ZERO);
    }

    private static OriginalReference original(OriginalCertificate original) {
        return original == null ? null
                : new OriginalReference(original.getCertificateNo(), date(original.getIssueDate()), original.getIssuingCountry());
    }

    private static LocalDate date(XMLGregorianCalendar value) {
        return value == null ? null : LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }
}
