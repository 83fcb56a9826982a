package org.casw.routes.rules.declaration;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.routes.document.DecMessages;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.registry.CertificateRegistry.Claim;
import org.casw.routes.registry.CertificateRegistry.KnownCertificate;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.EcoRelation;

/**
 * A declaration claiming a preferential tariff ({@code EcoRelation}) must name a certificate of origin
 * the gateway holds, valid on the declaration date, for the right country and HS subheading, with
 * enough certified quantity left after every earlier claim.
 */
public class PreferentialClaimRules implements DocumentRules<DecMessage>, CrossDocumentRules {

    public static final String CERTIFICATE_UNKNOWN = "CERTIFICATE_UNKNOWN";
    public static final String CERTIFICATE_NOT_VALID = "CERTIFICATE_NOT_VALID";
    public static final String CERTIFICATE_COUNTRY_MISMATCH = "CERTIFICATE_COUNTRY_MISMATCH";
    public static final String CERTIFICATE_HS_MISMATCH = "CERTIFICATE_HS_MISMATCH";
    public static final String CERTIFICATE_UNIT_MISMATCH = "CERTIFICATE_UNIT_MISMATCH";
    public static final String CERTIFICATE_QUANTITY_EXCEEDED = "CERTIFICATE_QUANTITY_EXCEEDED";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CHINA_ALPHA2 = "CN";

    private final CertificateRegistry registry;
    private final CodeLists codes = CodeLists.shared();
    private final Clock clock;

    public PreferentialClaimRules(CertificateRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Class<DecMessage> documentClass() {
        return DecMessage.class;
    }

    @Override
    public void check(DecMessage declaration, RuleViolations out) {
        claims(declaration, out);
    }

    /** The claims a valid declaration makes, checking each; violations go to {@code out}. */
    public List<Claim> claims(DecMessage declaration, RuleViolations out) {
        DecHead head = declaration.getDecHead();
        List<DecList> items = declaration.getDecLists().getDecList();
        LocalDate declared = declarationDate(declaration);
        Map<String, BigDecimal> claimedHere = new HashMap<>();
        List<Claim> claims = new ArrayList<>();
        List<EcoRelation> links = DecMessages.ecoRelations(declaration);
        for (int i = 0; i < links.size(); i++) {
            EcoRelation link = links.get(i);
            String at = "/DecMessage/" + DeclarationRules.indexed("EcoRelation", i) + "/";
            Optional<KnownCertificate> found = registry.find(link.getEcoCertNo());
            if (found.isEmpty()) {
                out.add(CERTIFICATE_UNKNOWN, at + "EcoCertNo", "Certificate of origin " + link.getEcoCertNo()
                        + " is not known to the gateway; submit it (or have it exchanged) before claiming it.");
                continue;
            }
            KnownCertificate certificate = found.get();
            if (declared.isBefore(certificate.issueDate()) || declared.isAfter(certificate.validUntil())) {
                out.add(CERTIFICATE_NOT_VALID, at + "EcoCertNo", "Certificate " + certificate.certificateNo() + " is valid from "
                        + certificate.issueDate() + " to " + certificate.validUntil() + ", not on " + declared + ".");
            }
            boolean imports = "I".equals(head.getIEFlag().value());
            String ourSide = imports ? certificate.importingCountry() : certificate.exportingCountry();
            if (!CHINA_ALPHA2.equals(ourSide)) {
                out.add(CERTIFICATE_COUNTRY_MISMATCH, at + "EcoCertNo", "Certificate " + certificate.certificateNo() + " is for "
                        + (imports ? "imports into " : "exports from ") + ourSide + ", not China.");
            }
            int itemNo = link.getDecGNo();
            if (itemNo > items.size()) {
                continue; // DeclarationRules reports ECO_ITEM_UNKNOWN
            }
            DecList item = items.get(itemNo - 1);
            String subheading = item.getCodeTS().substring(0, 6);
            Optional<CertificateRegistry.Item> certified = link.getEcoGNo() != null ? certificate.item(link.getEcoGNo())
                    : certificate.items().stream().filter(c -> c.hsCode().equals(subheading)).findFirst();
            if (certified.isEmpty() || !certified.get().hsCode().equals(subheading)) {
                out.add(CERTIFICATE_HS_MISMATCH, at + "DecGNo", "Item " + itemNo + " (HS " + subheading
                        + ") matches no item of certificate "
                        + certificate.certificateNo() + (certified.isPresent() ? " (its item " + certified.get().itemNo()
                        + " is HS " + certified.get().hsCode() + ")" : "") + ".");
                continue;
            }
            CertificateRegistry.Item certifiedItem = certified.get();
            String unit = codes.rec20OfChinaUnit(item.getGUnit()).orElse(item.getGUnit());
            if (!unit.equals(certifiedItem.unit())) {
                out.add(CERTIFICATE_UNIT_MISMATCH, at + "DecGNo", "Item " + itemNo + " is declared in " + unit + " but certificate item "
                        + certifiedItem.itemNo() + " is certified in " + certifiedItem.unit() + ".");
                continue;
            }
            String key = certificate.certificateNo() + "#" + certifiedItem.itemNo();
            BigDecimal total = claimedHere.merge(key, item.getGQty(), BigDecimal::add);
            if (total.compareTo(certifiedItem.remaining()) > 0) {
                out.add(CERTIFICATE_QUANTITY_EXCEEDED, at + "DecGNo", "Item " + itemNo + " claims " + total.toPlainString() + " " + unit
                        + " of certificate " + certificate.certificateNo() + " item " + certifiedItem.itemNo() + ", but only "
                        + certifiedItem.remaining().toPlainString() + " of " + certifiedItem.quantity().toPlainString() + " remain.");
                continue;
            }
            claims.add(new Claim(certificate.certificateNo(), certifiedItem.itemNo(), item.getGQty()));
        }
        return claims;
    }

    private LocalDate declarationDate(DecMessage declaration) {
        String day = DecMessages.declarationDay(declaration);
        if (day != null) {
            try {
                return LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                // DeclarationRules reports DATE_INVALID; judge validity as of today
            }
        }
        return LocalDate.now(clock.withZone(CHINA));
    }
}
