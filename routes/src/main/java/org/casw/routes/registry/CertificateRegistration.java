package org.casw.routes.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.routes.registry.CertificateRegistry.Claim;
import org.casw.routes.registry.CertificateRegistry.Item;
import org.casw.routes.registry.CertificateRegistry.KnownCertificate;
import org.casw.routes.registry.CertificateRegistry.OriginalReference;
import org.casw.routes.registry.CertificateRegistry.Registered;
import org.casw.routes.registry.CertificateRegistry.Registrant;
import org.casw.routes.validation.Violation;
import org.casw.schemas.origin.CertificateOfOrigin;

/**
 * Registers a certificate of origin at intake, before it is routed. A certificate number is registered once: a second
 * registration of it by another party, or by the same party with other content, is refused, never silently ignored;
 * the same party's identical certificate changes nothing. A back-to-back certificate draws its items' quantities from
 * its original's remaining balance, all or nothing, as declarations' preferential claims do.
 *
 * <p>A back-to-back item draws on the original's items with the same 6-digit HS code and unit, in item order (the
 * schema links no item of a movement certificate to an item of its original).
 */
public final class CertificateRegistration {

    /** The certificate number was registered already, by another party or with other content. */
    public static final String CERTIFICATE_ALREADY_REGISTERED = "CERTIFICATE_ALREADY_REGISTERED";
    /** A back-to-back certificate's original is not registered at the gateway. */
    public static final String ORIGINAL_CERTIFICATE_UNKNOWN = "ORIGINAL_CERTIFICATE_UNKNOWN";
    /** The registered original has another issue date or issuing country than the back-to-back certificate says. */
    public static final String ORIGINAL_CERTIFICATE_MISMATCH = "ORIGINAL_CERTIFICATE_MISMATCH";
    /** A back-to-back item's HS code and unit match no item of the original. */
    public static final String ORIGINAL_ITEM_NOT_FOUND = "ORIGINAL_ITEM_NOT_FOUND";
    /** A back-to-back item's quantity exceeds what remains of the original's. */
    public static final String ORIGINAL_QUANTITY_EXCEEDED = "ORIGINAL_QUANTITY_EXCEEDED";

    private static final String ROOT = "/CertificateOfOrigin";

    private final CertificateRegistry registry;

    public CertificateRegistration(CertificateRegistry registry) {
        this.registry = registry;
    }

    /** What became of a registration: refused (violations), or accepted with a note for the message's history. */
    public record Outcome(List<Violation> violations, String note) {

        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    /** Registers {@code co} for {@code sender} under its message's tracking id; a refusal changes nothing. */
    public Outcome register(String trackingId, String sender, CertificateOfOrigin co) {
        KnownCertificate certificate = Certificates.of(co);
        boolean backToBack = Certificates.isBackToBack(co);
        // two tries: another registration of the number, or a drawdown of the original, may land in between
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Outcome> held = againstHeld(trackingId, sender, certificate);
            if (held.isPresent()) {
                return held.get();
            }
            List<Claim> drawdown = new ArrayList<>();
            if (backToBack) {
                List<Violation> refused = drawdown(certificate, drawdown);
                if (!refused.isEmpty()) {
                    return new Outcome(refused, null);
                }
            }
            Registered registered = registry.register(trackingId, sender, certificate, drawdown);
            if (registered == Registered.REGISTERED) {
                return new Outcome(List.of(), "certificate " + certificate.certificateNo() + " registered for " + sender
                        + (backToBack ? "; drew " + describe(drawdown) + " from original " + certificate.original().certificateNo() : ""));
            }
        }
        return againstHeld(trackingId, sender, certificate).orElseGet(() -> new Outcome(List.of(Violation.of(ORIGINAL_QUANTITY_EXCEEDED,
                ROOT + "/OriginalCertificate/CertificateNo", "Other certificates or declarations drew on the original certificate"
                        + " at the same time; what remains is not enough for this back-to-back certificate.")), null));
    }

    /** The answer when the number is registered already, or empty when it is free. */
    private Optional<Outcome> againstHeld(String trackingId, String sender, KnownCertificate certificate) {
        Optional<Registrant> first = registry.registrantOf(certificate.certificateNo());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Registrant registrant = first.get();
        if (registrant.trackingId().equals(trackingId)) {
            return Optional.of(new Outcome(List.of(), null)); // this message's own registration, resumed after a restart
        }
        Optional<KnownCertificate> held = registry.find(certificate.certificateNo());
        boolean sameParty = registrant.party() != null && registrant.party().equals(sender);
        if (sameParty && held.isPresent() && held.get().sameContentAs(certificate)) {
            return Optional.of(new Outcome(List.of(), "certificate " + certificate.certificateNo() + " already registered by "
                    + sender + " with the same content (tracking id " + registrant.trackingId() + "): nothing changed"));
        }
        String why = sameParty ? "by this party with different content" : "by another party";
        return Optional.of(new Outcome(List.of(Violation.of(CERTIFICATE_ALREADY_REGISTERED, ROOT + "/CertificateNo",
                "Certificate number " + certificate.certificateNo() + " was already registered " + why + " (tracking id "
                        + registrant.trackingId() + "); a certificate number is registered once.")), null));
    }

    /** The back-to-back certificate's claims on its original's items, or why it may not draw on them. */
    private List<Violation> drawdown(KnownCertificate certificate, List<Claim> claims) {
        OriginalReference reference = certificate.original();
        Optional<KnownCertificate> found = registry.find(reference.certificateNo());
        if (found.isEmpty()) {
            return List.of(Violation.of(ORIGINAL_CERTIFICATE_UNKNOWN, ROOT + "/OriginalCertificate/CertificateNo",
                    "Back-to-back certificate " + certificate.certificateNo() + " is based on original certificate "
                            + reference.certificateNo()
                            + ", which is not registered at the gateway; the original must be registered first."));
        }
        KnownCertificate original = found.get();
        List<Violation> violations = new ArrayList<>();
        if (reference.issueDate() != null && !reference.issueDate().equals(original.issueDate())) {
            violations.add(Violation.of(ORIGINAL_CERTIFICATE_MISMATCH, ROOT + "/OriginalCertificate/IssueDate", "Original certificate "
                    + original.certificateNo() + " was issued on " + original.issueDate() + ", not " + reference.issueDate() + "."));
        }
        if (reference.issuingCountry() != null && !reference.issuingCountry().equals(original.exportingCountry())) {
            violations.add(Violation.of(ORIGINAL_CERTIFICATE_MISMATCH, ROOT + "/OriginalCertificate/IssuingCountry", "Original certificate "
                    + original.certificateNo() + " was issued in " + original.exportingCountry() + ", not " + reference.issuingCountry()
                    + "."));
        }
        if (!violations.isEmpty()) {
            return violations;
        }
        Map<Integer, BigDecimal> remaining = new LinkedHashMap<>();
        original.items().forEach(i -> remaining.put(i.itemNo(), i.remaining()));
        Map<Integer, BigDecimal> drawn = new LinkedHashMap<>();
        for (int i = 0; i < certificate.items().size(); i++) {
            Item item = certificate.items().get(i);
            String at = ROOT + "/" + (i == 0 ? "Item" : "Item[" + (i + 1) + "]");
            List<Item> matching = original.items().stream()
                    .filter(o -> o.hsCode().equals(item.hsCode()) && o.unit().equals(item.unit())).toList();
            if (matching.isEmpty()) {
                violations.add(Violation.of(ORIGINAL_ITEM_NOT_FOUND, at + "/HsCode", "Item " + item.itemNo() + " (HS " + item.hsCode()
                        + ", " + item.unit() + ") matches no item of original certificate " + original.certificateNo() + "."));
                continue;
            }
            BigDecimal available = matching.stream().map(o -> remaining.get(o.itemNo())).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (available.compareTo(item.quantity()) < 0) {
                violations.add(Violation.of(ORIGINAL_QUANTITY_EXCEEDED, at + "/Quantity", "Item " + item.itemNo() + " moves "
                        + item.quantity().stripTrailingZeros().toPlainString() + " " + item.unit() + ", but only "
                        + available.stripTrailingZeros().toPlainString() + " " + item.unit() + " of original certificate "
                        + original.certificateNo() + " remain" + (matching.size() == 1 ? " (item " + matching.get(0).itemNo() + ")" : "")
                        + "."));
                continue;
            }
            BigDecimal wanted = item.quantity();
            for (Item o : matching) {
                BigDecimal take = wanted.min(remaining.get(o.itemNo()));
                if (take.signum() > 0) {
                    remaining.merge(o.itemNo(), take.negate(), BigDecimal::add);
                    drawn.merge(o.itemNo(), take, BigDecimal::add);
                    wanted = wanted.subtract(take);
                }
            }
        }
        if (violations.isEmpty()) {
            drawn.forEach((itemNo, quantity) -> claims.add(new Claim(original.certificateNo(), itemNo, quantity)));
        }
        return violations;
    }

    private static String describe(List<Claim> drawdown) {
        return String.join(", ", drawdown.stream().map(c -> c.quantity().stripTrailingZeros().toPlainString() + " of item " + c.itemNo())
                .toList());
    }
}
