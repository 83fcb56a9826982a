package org.casw.routes.rules.origin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.origin.Agreement;
import org.casw.schemas.origin.CertificateItem;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.Flags;
import org.casw.schemas.origin.FormType;
import org.casw.schemas.origin.OriginalCertificate;
import org.casw.schemas.origin.Party;
import org.casw.schemas.origin.Transport;

/**
 * Business rules of a certificate of origin beyond its schema: origin criteria per agreement, code
 * lists, validity, retroactive issue, back-to-back references and who may certify origin.
 */
public class OriginRules implements DocumentRules<CertificateOfOrigin> {

    /** Box 8 names a criterion the agreement does not know, or is not well formed. */
    public static final String ORIGIN_CRITERION_INVALID = "ORIGIN_CRITERION_INVALID";
    /** A regional value content criterion is claimed but box 9 has no FOB value. */
    public static final String FOB_VALUE_REQUIRED = "FOB_VALUE_REQUIRED";
    /** The HS code is not an HS 2022 subheading. */
    public static final String HS_CODE_UNKNOWN = "HS_CODE_UNKNOWN";
    /** A country is not an ISO 3166 alpha-2 code. */
    public static final String COUNTRY_UNKNOWN = "COUNTRY_UNKNOWN";
    /** The exporting or importing country is not a party to the agreement. */
    public static final String COUNTRY_NOT_IN_AGREEMENT = "COUNTRY_NOT_IN_AGREEMENT";
    /** The form type is not the agreement's form (ACFTA is Form E, ATIGA Form D). */
    public static final String FORM_TYPE_MISMATCH = "FORM_TYPE_MISMATCH";
    /** A port of loading or discharge is not a UN/LOCODE location. */
    public static final String LOCATION_UNKNOWN = "LOCATION_UNKNOWN";
    /** A quantity unit is not a UN/ECE Recommendation 20 code. */
    public static final String UNIT_UNKNOWN = "UNIT_UNKNOWN";
    /** The FOB value's currency is not an ISO 4217 code. */
    public static final String CURRENCY_UNKNOWN = "CURRENCY_UNKNOWN";
    /** The certificate was issued longer ago than the agreement's validity period. */
    public static final String ORIGIN_CERTIFICATE_EXPIRED = "ORIGIN_CERTIFICATE_EXPIRED";
    /** The issue date lies in the future. */
    public static final String ISSUE_DATE_IN_FUTURE = "ISSUE_DATE_IN_FUTURE";
    /** Issued after shipment without the "issued retroactively" tick. */
    public static final String RETROACTIVE_NOT_FLAGGED = "RETROACTIVE_NOT_FLAGGED";
    /** Issued more than one year after shipment. */
    public static final String RETROACTIVE_TOO_LATE = "RETROACTIVE_TOO_LATE";
    /** A back-to-back (movement) certificate does not name its original certificate. */
    public static final String ORIGINAL_REQUIRED = "ORIGINAL_REQUIRED";
    /** No one certifies origin, or an approved exporter self-declares where the agreement does not allow it. */
    public static final String ISSUER_REQUIRED = "ISSUER_REQUIRED";
    /** The consignee is outside the importing country without third-country invoicing or back-to-back. */
    public static final String CONSIGNEE_COUNTRY_MISMATCH = "CONSIGNEE_COUNTRY_MISMATCH";

    private static final String ROOT = "/CertificateOfOrigin";

    /** Dates are compared in China time; a day of tolerance covers parties further east (Japan, Korea, Australia, New Zealand). */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A certificate may be issued retroactively, but no later than this after shipment (ACFTA, ATIGA, RCEP, CSFTA alike). */
    private static final Period RETROACTIVE_LIMIT = Period.ofYears(1);

    private static final Set<String> ASEAN = Set.of("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN");

    /** The building blocks of box 8. RVC is written RVC40 (ATIGA, RCEP) or 40% (Form E); the number is a percentage. */
    private enum Criterion { WO, PE, RVC, CC, CTH, CTSH, CR, PSR }

    private static final Pattern RVC = Pattern.compile("RVC(\\d{1,3})%?|(\\d{1,3})%");

    /**
     * Which box 8 criteria each agreement's form accepts. WO and PE always stand alone; the others may
     * be combined with + (both met) or / (either met), e.g. CTH+RVC40.
     */
    private static final Map<Agreement, Set<Criterion>> CRITERIA = new EnumMap<>(Agreement.class);

    static {
        // ACFTA Form E (rules of origin as upgraded in 2019): RVC 40% or CTH as general rule; CC and CTSH only as a PSR.
        CRITERIA.put(Agreement.ACFTA, EnumSet.of(Criterion.WO, Criterion.PE, Criterion.RVC, Criterion.CTH, Criterion.PSR));
        // ATIGA Form D: RVC40 or CTH as general rule, otherwise the product-specific rule is written PSR.
        CRITERIA.put(Agreement.ATIGA, EnumSet.of(Criterion.WO, Criterion.PE, Criterion.RVC, Criterion.CTH, Criterion.PSR));
        // RCEP: Annex 3A writes rules as RVC40, CC, CTH, CTSH and CR (chemical reaction), which the certificate repeats.
        CRITERIA.put(Agreement.RCEP, EnumSet.allOf(Criterion.class));
        // CSFTA (upgraded 2019): RVC40 general rule; product-specific rules written as CC, CTH, CTSH or PSR.
        CRITERIA.put(Agreement.CSFTA, EnumSet.of(Criterion.WO, Criterion.PE, Criterion.RVC, Criterion.CC, Criterion.CTH,
                Criterion.CTSH, Criterion.PSR));
    }

    /** The form each agreement's certificate is issued on. */
    private static final Map<Agreement, FormType> FORMS = new EnumMap<>(Map.of(
            Agreement.ACFTA, FormType.E, Agreement.ATIGA, FormType.D, Agreement.RCEP, FormType.RCEP,
            Agreement.CSFTA, FormType.CSFTA));

    /** The parties to each agreement, ISO 3166 alpha-2 (Timor-Leste has joined ASEAN but not yet ATIGA). */
    private static final Map<Agreement, Set<String>> PARTIES = new EnumMap<>(Map.of(
            Agreement.ACFTA, union(ASEAN, Set.of("CN")),
            Agreement.ATIGA, ASEAN,
            Agreement.RCEP, union(ASEAN, Set.of("CN", "JP", "KR", "AU", "NZ")),
            Agreement.CSFTA, Set.of("CN", "SG")));

    /** How long a certificate stays valid after issue: 12 months (Form E, Form D, CSFTA); RCEP proof of origin one year. */
    private static final Map<Agreement, Period> VALIDITY = new EnumMap<>(Map.of(
            Agreement.ACFTA, Period.ofMonths(12), Agreement.ATIGA, Period.ofMonths(12),
            Agreement.RCEP, Period.ofYears(1), Agreement.CSFTA, Period.ofMonths(12)));

    /**
     * Agreements that accept an approved exporter's own declaration of origin instead of a certificate
     * from an issuing body: RCEP (approved exporters, Article 3.16), ATIGA (ASEAN-wide self-certification
     * by certified exporters, in force since 2020) and CSFTA. ACFTA accepts only Form E issued by an
     * authorised body.
     */
    private static final Set<Agreement> SELF_DECLARATION = EnumSet.of(Agreement.RCEP, Agreement.ATIGA, Agreement.CSFTA);

    private final CodeLists codes = CodeLists.shared();
    private final Clock clock;

    public OriginRules() {
        this(Clock.systemUTC());
    }

    public OriginRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Class<CertificateOfOrigin> documentClass() {
        return CertificateOfOrigin.class;
    }

    @Override
    public void check(CertificateOfOrigin co, RuleViolations out) {
        Agreement agreement = co.getAgreement();
        if (agreement == null) {
            return; // the schema requires one; every other rule depends on it
        }
        checkAgreement(co, agreement, out);
        checkIssuer(co, agreement, out);
        checkParties(co, out);
        checkTransport(co.getTransport(), out);
        checkItems(co.getItem(), agreement, out);
        checkDates(co, agreement, out);
        checkBackToBack(co, out);
    }

    private void checkAgreement(CertificateOfOrigin co, Agreement agreement, RuleViolations out) {
        FormType expected = FORMS.get(agreement);
        if (co.getFormType() != null && co.getFormType() != expected) {
            out.add(FORM_TYPE_MISMATCH, ROOT + "/FormType", "Form type " + co.getFormType().value() + " does not match "
                    + agreement.value() + ", whose certificates are issued on form " + expected.value() + ".");
        }
        member(co.getExportingCountry(), agreement, ROOT + "/ExportingCountry", "Exporting", out);
        member(co.getImportingCountry(), agreement, ROOT + "/ImportingCountry", "Importing", out);
    }

    private void member(String country, Agreement agreement, String path, String role, RuleViolations out) {
        if (country == null) {
            return;
        }
        if (!codes.isCountryAlpha2(country)) {
            country(country, path, out);
        } else if (!PARTIES.get(agreement).contains(country)) {
            out.add(COUNTRY_NOT_IN_AGREEMENT, path, role + " country " + country + " is not a party to "
                    + agreement.value() + ".");
        }
    }

    private void checkIssuer(CertificateOfOrigin co, Agreement agreement, RuleViolations out) {
        if (co.getIssuingBody() != null) {
            country(co.getIssuingBody().getCountry(), ROOT + "/IssuingBody/Country", out);
        } else if (co.getApprovedExporter() == null) {
            out.add(ISSUER_REQUIRED, ROOT, "Certificate " + co.getCertificateNo()
                    + " names neither an issuing body nor an approved exporter: someone must certify origin.");
        } else if (!SELF_DECLARATION.contains(agreement)) {
            out.add(ISSUER_REQUIRED, ROOT + "/ApprovedExporter", "Approved exporter " + co.getApprovedExporter().getApprovalNo()
                    + " may not declare origin under " + agreement.value() + ": self-declaration is accepted only under "
                    + names(SELF_DECLARATION) + "; an issuing body must certify this certificate.");
        }
    }

    private void checkParties(CertificateOfOrigin co, RuleViolations out) {
        party(co.getExporter(), ROOT + "/Exporter", out);
        party(co.getConsignee(), ROOT + "/Consignee", out);
        Party consignee = co.getConsignee();
        String importing = co.getImportingCountry();
        if (consignee != null && importing != null && !importing.equals(consignee.getCountry())
                && !flag(co, Flags::isThirdCountryInvoicing) && !flag(co, Flags::isBackToBack)) {
            out.add(CONSIGNEE_COUNTRY_MISMATCH, ROOT + "/Consignee/Country", "Consignee country " + consignee.getCountry()
                    + " differs from importing country " + importing
                    + "; goods are consigned to the importing country unless third-country invoicing or back-to-back is ticked.");
        }
    }

    private void party(Party party, String path, RuleViolations out) {
        if (party != null) {
            country(party.getCountry(), path + "/Country", out);
        }
    }

    private void checkTransport(Transport transport, RuleViolations out) {
        if (transport == null) {
            return;
        }
        location(transport.getPortOfLoading(), ROOT + "/Transport/PortOfLoading", out);
        location(transport.getPortOfDischarge(), ROOT + "/Transport/PortOfDischarge", out);
    }

    private void checkItems(List<CertificateItem> items, Agreement agreement, RuleViolations out) {
        for (int i = 0; i < items.size(); i++) {
            CertificateItem item = items.get(i);
            String at = ROOT + "/" + indexed("Item", i);
            if (item.getHsCode() != null && !codes.isHsSubheading(item.getHsCode())) {
                out.add(HS_CODE_UNKNOWN, at + "/HsCode", "HS code " + item.getHsCode() + " is not an HS 2022 subheading.");
            }
            if (item.getQuantityUnit() != null && !codes.isRec20Unit(item.getQuantityUnit())) {
                out.add(UNIT_UNKNOWN, at + "/QuantityUnit", "Unit " + item.getQuantityUnit()
                        + " is not a UN/ECE Recommendation 20 unit code.");
            }
            if (item.getFobValue() != null && !codes.isCurrency(item.getFobValue().getCurrency())) {
                out.add(CURRENCY_UNKNOWN, at + "/FobValue", "Currency " + item.getFobValue().getCurrency()
                        + " is not an ISO 4217 code.");
            }
            criterion(item, agreement, at, out);
        }
    }

    private void criterion(CertificateItem item, Agreement agreement, String at, RuleViolations out) {
        String written = item.getOriginCriterion();
        if (written == null) {
            return;
        }
        Optional<String> problem = criterionProblem(written, agreement);
        if (problem.isPresent()) {
            out.add(ORIGIN_CRITERION_INVALID, at + "/OriginCriterion", "Origin criterion " + written + " is not valid under "
                    + agreement.value() + ": " + problem.get() + ".");
        } else if (claimsValueContent(written) && item.getFobValue() == null) {
            out.add(FOB_VALUE_REQUIRED, at + "/OriginCriterion", "Origin criterion " + written
                    + " claims regional value content, so box 9 must state the FOB value.");
        }
    }

    /** Why a box 8 criterion is not acceptable under an agreement, or empty when it is. */
    static Optional<String> criterionProblem(String written, Agreement agreement) {
        String compact = written.replace(" ", "");
        if (compact.isEmpty()) {
            return Optional.of("it is empty");
        }
        String[] parts = compact.split("[+/]", -1);
        Set<Criterion> allowed = CRITERIA.get(agreement);
        List<Criterion> used = new ArrayList<>();
        for (String part : parts) {
            Optional<Criterion> criterion = parse(part);
            if (criterion.isEmpty()) {
                return Optional.of(part.isEmpty() ? "a + or / must join two criteria"
                        : "'" + part + "' is not WO, PE, RVC with a percentage from 1 to 100 (RVC40 or 40%), CC, CTH, CTSH, CR or PSR");
            }
            if (!allowed.contains(criterion.get())) {
                return Optional.of(criterion.get() + " is not accepted on its certificates (accepted: " + names(allowed) + ")");
            }
            used.add(criterion.get());
        }
        if (used.size() > 1 && (used.contains(Criterion.WO) || used.contains(Criterion.PE))) {
            return Optional.of("WO and PE stand alone and cannot be combined with other criteria");
        }
        return Optional.empty();
    }

    private static Optional<Criterion> parse(String part) {
        Matcher rvc = RVC.matcher(part);
        if (rvc.matches()) {
            int percent = Integer.parseInt(rvc.group(1) != null ? rvc.group(1) : rvc.group(2));
            return percent >= 1 && percent <= 100 ? Optional.of(Criterion.RVC) : Optional.empty();
        }
        try {
            Criterion criterion = Criterion.valueOf(part);
            return criterion == Criterion.RVC ? Optional.empty() : Optional.of(criterion);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean claimsValueContent(String written) {
        for (String part : written.replace(" ", "").split("[+/]", -1)) {
            if (RVC.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The last day a certificate may be used: its issue date plus its agreement's validity. */
    public static LocalDate lastValidDay(CertificateOfOrigin co) {
        return date(co.getIssueDate()).plus(VALIDITY.get(co.getAgreement()));
    }

    /** A schema date (no time zone) as a calendar date. */
    public static LocalDate issueDate(CertificateOfOrigin co) {
        return date(co.getIssueDate());
    }

    private void checkDates(CertificateOfOrigin co, Agreement agreement, RuleViolations out) {
        LocalDate issued = date(co.getIssueDate());
        if (issued == null) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        String at = ROOT + "/IssueDate";
        if (issued.isAfter(today.plusDays(1))) {
            out.add(ISSUE_DATE_IN_FUTURE, at, "Issue date " + issued + " is in the future (today is " + today + ").");
            return; // expiry and retroactive issue make no sense for a date that has not come yet
        }
        Period validity = VALIDITY.get(agreement);
        LocalDate lastValid = issued.plus(validity);
        if (today.isAfter(lastValid)) {
            out.add(ORIGIN_CERTIFICATE_EXPIRED, at, "Certificate issued on " + issued + " expired on " + lastValid + ": "
                    + agreement.value() + " certificates are valid for " + describe(validity) + " from issue.");
        }
        LocalDate shipped = shipmentDate(co);
        if (shipped == null || !issued.isAfter(shipped)) {
            return;
        }
        if (issued.isAfter(shipped.plus(RETROACTIVE_LIMIT))) {
            out.add(RETROACTIVE_TOO_LATE, at, "Issue date " + issued + " is more than one year after shipment on " + shipped
                    + "; a certificate may be issued retroactively only within one year of shipment.");
        }
        if (!flag(co, Flags::isIssuedRetroactively)) {
            out.add(RETROACTIVE_NOT_FLAGGED, at, "Issue date " + issued + " is after shipment on " + shipped
                    + ", but box 13 'issued retroactively' is not ticked.");
        }
    }

    /** The shipment date: the explicit ShipmentDate if given, otherwise the departure date of box 3. */
    private static LocalDate shipmentDate(CertificateOfOrigin co) {
        if (co.getShipmentDate() != null) {
            return date(co.getShipmentDate());
        }
        return co.getTransport() == null ? null : date(co.getTransport().getDepartureDate());
    }

    private void checkBackToBack(CertificateOfOrigin co, RuleViolations out) {
        OriginalCertificate original = co.getOriginalCertificate();
        if (flag(co, Flags::isBackToBack) && original == null) {
            out.add(ORIGINAL_REQUIRED, ROOT + "/Flags/BackToBack", "Certificate " + co.getCertificateNo()
                    + " is ticked back-to-back (movement certificate) but does not name the original certificate it is based on.");
        }
        if (original != null) {
            country(original.getIssuingCountry(), ROOT + "/OriginalCertificate/IssuingCountry", out);
        }
    }

    private void country(String code, String path, RuleViolations out) {
        if (code != null && !codes.isCountryAlpha2(code)) {
            out.add(COUNTRY_UNKNOWN, path, "Country " + code + " is not an ISO 3166 alpha-2 code.");
        }
    }

    private void location(String code, String path, RuleViolations out) {
        if (code != null && codes.location(code).isEmpty()) {
            out.add(LOCATION_UNKNOWN, path, "Location " + code + " is not a UN/LOCODE.");
        }
    }

    private static boolean flag(CertificateOfOrigin co, Function<Flags, Boolean> tick) {
        return co.getFlags() != null && Boolean.TRUE.equals(tick.apply(co.getFlags()));
    }

    private static LocalDate date(XMLGregorianCalendar calendar) {
        return calendar == null ? null : LocalDate.of(calendar.getYear(), calendar.getMonth(), calendar.getDay());
    }

    private static String describe(Period period) {
        return period.getYears() == 1 ? "one year" : period.toTotalMonths() + " months";
    }

    private static String names(Set<? extends Enum<?>> values) {
        return String.join(", ", values.stream().map(v -> v instanceof Agreement a ? a.value() : v.name()).toList());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Element name with its position among same-named siblings, as the schema validator writes paths. */
    static String indexed(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }
}
