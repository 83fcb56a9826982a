package org.casw.routes.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificates of origin the gateway holds, who registered each number, and the running balance of what
 * declarations and back-to-back certificates have drawn on each item. Declarations claiming a preferential tariff
 * and back-to-back certificates are checked against it.
 */
public interface CertificateRegistry {

    /**
     * A registered certificate. Countries are ISO 3166 alpha-2.
     *
     * @param original the original certificate a back-to-back (movement) certificate is based on, or null
     */
    record KnownCertificate(String certificateNo, String agreement, String exportingCountry, String importingCountry,
            LocalDate issueDate, LocalDate validUntil, List<Item> items, OriginalReference original) {

        /** A certificate that is not back-to-back. */
        public KnownCertificate(String certificateNo, String agreement, String exportingCountry, String importingCountry,
                LocalDate issueDate, LocalDate validUntil, List<Item> items) {
            this(certificateNo, agreement, exportingCountry, importingCountry, issueDate, validUntil, items, null);
        }

        public Optional<Item> item(int itemNo) {
            return items.stream().filter(i -> i.itemNo() == itemNo).findFirst();
        }

        /**
         * The same certificate, as far as the registry and the claims on it are concerned: agreement, countries, dates,
         * items (number, HS code, quantity, unit) and original. What was already drawn on it does not count.
         */
        public boolean sameContentAs(KnownCertificate other) {
            if (!certificateNo.equals(other.certificateNo) || !agreement.equals(other.agreement)
                    || !exportingCountry.equals(other.exportingCountry) || !importingCountry.equals(other.importingCountry)
                    || !issueDate.equals(other.issueDate) || !validUntil.equals(other.validUntil)
                    || !Objects.equals(original, other.original) || items.size() != other.items.size()) {
                return false;
            }
            for (Item item : items) {
                Optional<Item> theirs = other.item(item.itemNo());
                if (theirs.isEmpty() || !item.hsCode().equals(theirs.get().hsCode()) || !item.unit().equals(theirs.get().unit())
                        || item.quantity().compareTo(theirs.get().quantity()) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One certified item: its 6-digit HS code, certified quantity (Rec 20 unit) and quantity already claimed. */
    record Item(int itemNo, String hsCode, BigDecimal quantity, String unit, BigDecimal claimed) {

        public BigDecimal remaining() {
            return quantity.subtract(claimed);
        }
    }

    /** How a back-to-back certificate names its original (OriginalCertificate). */
    record OriginalReference(String certificateNo, LocalDate issueDate, String issuingCountry) {
    }

    /** Who registered a certificate number: the sending party and the tracking id of the message that brought it. */
    record Registrant(String party, String trackingId) {
    }

    /** A declaration item's (or a back-to-back certificate item's) claim on a certificate item. */
    record Claim(String certificateNo, int itemNo, BigDecimal quantity) {
    }

    /** What {@link #register} did. */
    enum Registered {
        /** The certificate is now registered, and its drawdown taken. */
        REGISTERED,
        /** The number was registered already (see {@link #registrantOf}): nothing changed. */
        NUMBER_TAKEN,
        /** The drawdown no longer fits the original's balance (another message took it first): nothing changed. */
        BALANCE_EXCEEDED
    }

    Optional<KnownCertificate> find(String certificateNo);

    /** Who registered the number, if anyone did. */
    Optional<Registrant> registrantOf(String certificateNo);

    /**
     * Registers a validated certificate for the party that sent it and takes the drawdown of a back-to-back certificate
     * off its original's balance: all or nothing.
     *
     * @param drawdown claims on the original's items (empty unless back-to-back), recorded under {@code trackingId}
     */
    Registered register(String trackingId, String registrant, KnownCertificate certificate, List<Claim> drawdown);

    /**
     * Undoes what a message registered (it was refused after registration): its certificate, unless something was
     * already claimed on it, and its drawdown of the original.
     */
    void withdraw(String trackingId);

    /**
     * Records a declaration's claims atomically: all or none. False if any would exceed its item's
     * certified quantity (another declaration claimed it first).
     */
    boolean claim(String declarationTrackingId, List<Claim> claims);

    /** Gives back what a declaration claimed (it was refused after the claim). */
    void release(String declarationTrackingId);
}
