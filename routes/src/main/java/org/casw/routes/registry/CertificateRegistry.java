package org.casw.routes.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The certificates of origin the gateway holds, with the running balance of what declarations have
 * claimed against each item. Declarations claiming a preferential tariff are checked against it.
 */
public interface CertificateRegistry {

    /** A registered certificate. Countries are ISO 3166 alpha-2. */
    record KnownCertificate(String certificateNo, String agreement, String exportingCountry, String importingCountry,
            LocalDate issueDate, LocalDate validUntil, List<Item> items) {

        public Optional<Item> item(int itemNo) {
            return items.stream().filter(i -> i.itemNo() == itemNo).findFirst();
        }
    }

    /** One certified item: its 6-digit HS code, certified quantity (Rec 20 unit) and quantity already claimed. */
    record Item(int itemNo, String hsCode, BigDecimal quantity, String unit, BigDecimal claimed) {

        public BigDecimal remaining() {
            return quantity.subtract(claimed);
        }
    }

    /** A declaration item's claim on a certificate item. */
    record Claim(String certificateNo, int itemNo, BigDecimal quantity) {
    }

    Optional<KnownCertificate> find(String certificateNo);

    /** Stores a validated certificate (a resend of the same number replaces nothing). */
    void register(String trackingId, KnownCertificate certificate);

    /**
     * Records a declaration's claims atomically: all or none. False if any would exceed its item's
     * certified quantity (another declaration claimed it first).
     */
    boolean claim(String declarationTrackingId, List<Claim> claims);

    /** Gives back what a declaration claimed (it was refused after the claim). */
    void release(String declarationTrackingId);
}
