package org.casw.routes.registry;

import java.math.BigDecimal;
import org.casw.routes.registry.CertificateRegistry.Item;
import org.casw.routes.registry.CertificateRegistry.KnownCertificate;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.schemas.origin.CertificateItem;
import org.casw.schemas.origin.CertificateOfOrigin;

/** Turns a validated certificate of origin into the registry's record of it. */
public final class Certificates {

    private Certificates() {
    }

    public static KnownCertificate of(CertificateOfOrigin co) {
        return new KnownCertificate(co.getCertificateNo(), co.getAgreement().value(), co.getExportingCountry(),
                co.getImportingCountry(), OriginRules.issueDate(co), OriginRules.lastValidDay(co),
                co.getItem().stream().map(Certificates::item).toList());
    }

    private static Item item(CertificateItem item) {
        return new Item(item.getItemNo(), item.getHsCode(), item.getQuantity(), item.getQuantityUnit(), BigDecimal.ZERO);
    }
}
