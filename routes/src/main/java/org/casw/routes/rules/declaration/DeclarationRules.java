package org.casw.routes.rules.declaration;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.routes.document.DecMessages;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.EcoRelation;

/** Business rules of the China customs declaration beyond its schema: identifiers, code lists, totals, dates. */
public class DeclarationRules implements DocumentRules<DecMessage> {

    public static final String CONTAINER_CHECK_DIGIT = "CONTAINER_CHECK_DIGIT";
    public static final String CONTAINER_DUPLICATE = "CONTAINER_DUPLICATE";
    public static final String HS_CODE_UNKNOWN = "HS_CODE_UNKNOWN";
    public static final String COUNTRY_UNKNOWN = "COUNTRY_UNKNOWN";
    public static final String CURRENCY_UNKNOWN = "CURRENCY_UNKNOWN";
    public static final String UNIT_UNKNOWN = "UNIT_UNKNOWN";
    public static final String CUSTOMS_OFFICE_UNKNOWN = "CUSTOMS_OFFICE_UNKNOWN";
    public static final String USCC_CHECK_CHARACTER = "USCC_CHECK_CHARACTER";
    public static final String GROSS_LESS_THAN_NET = "GROSS_LESS_THAN_NET";
    public static final String ITEM_TOTAL_MISMATCH = "ITEM_TOTAL_MISMATCH";
    public static final String NET_WEIGHT_MISMATCH = "NET_WEIGHT_MISMATCH";
    public static final String ITEM_NUMBER_SEQUENCE = "ITEM_NUMBER_SEQUENCE";
    public static final String ECO_ITEM_UNKNOWN = "ECO_ITEM_UNKNOWN";
    public static final String DATE_IN_FUTURE = "DATE_IN_FUTURE";
    public static final String DATE_INVALID = "DATE_INVALID";
    public static final String TWO_STEP_SUMMARY_REQUIRED = "TWO_STEP_SUMMARY_REQUIRED";
    public static final String DECLARATION_SIGN_REQUIRED = "DECLARATION_SIGN_REQUIRED";
    public static final String DECLARATION_BLOCK_REPEATED = "DECLARATION_BLOCK_REPEATED";
    public static final String TRADE_CO_REQUIRED = "TRADE_CO_REQUIRED";

    /** Blocks written once per attachment or certificate link, without a wrapper. */
    private static final Set<String> REPEATABLE = Set.of("EdocRealation", "EcoRelation");

    private static final String HEAD = "/DecMessage/DecHead/";
    private static final String KILOGRAM = "035";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    private final CodeLists codes = CodeLists.shared();
    private final Clock clock;

    public DeclarationRules() {
        this(Clock.systemUTC());
    }

    public DeclarationRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Class<DecMessage> documentClass() {
        return DecMessage.class;
    }

    @Override
    public void check(DecMessage declaration, RuleViolations out) {
        DecHead head = declaration.getDecHead();
        checkBlocks(declaration, out);
        checkHead(declaration, head, out);
        List<DecList> items = declaration.getDecLists().getDecList();
        checkItems(items, head, out);
        checkContainers(declaration, out);
        checkCertificateLinks(declaration, items.size(), out);
    }

    /**
     * The blocks after DecLists may come in any order (writers differ), but a declaration has one sign block and
     * each of the others at most once, except the attachment and certificate links, which repeat.
     */
    private static void checkBlocks(DecMessage declaration, RuleViolations out) {
        Map<String, Integer> seen = new HashMap<>();
        for (Object block : declaration.getBlocks()) {
            String name = block.getClass().getSimpleName();
            if (REPEATABLE.contains(name)) {
                continue;
            }
            int count = seen.merge(name, 1, Integer::sum);
            if (count == 2) {
                out.add(DECLARATION_BLOCK_REPEATED, "/DecMessage/" + name + "[2]", name + " may appear once in a declaration.");
            }
        }
        if (!seen.containsKey("DecSign")) {
            out.add(DECLARATION_SIGN_REQUIRED, "/DecMessage/DecSign", "The declaration has no DecSign block; it carries "
                    + "OperType and ClientSeqNo, the declarant's id for this message.");
        }
    }

    private void checkHead(DecMessage declaration, DecHead head, RuleViolations out) {
        if (DecMessages.tradeCoScc(declaration) == null) {
            out.add(TRADE_CO_REQUIRED, HEAD + "TradeCoScc", "TradeCoScc, the domestic consignee's or consignor's Unified Social "
                    + "Credit Code, is required.");
        }
        office(head.getCustomMaster(), HEAD + "CustomMaster", out);
        office(head.getIEPort(), HEAD + "IEPort", out);
        uscc(head.getTradeCoScc(), HEAD + "TradeCoScc", out);
        uscc(head.getTradeCodeScc(), HEAD + "TradeCodeScc", out);
        uscc(head.getCopCodeScc(), HEAD + "CopCodeScc", out);
        uscc(head.getOwnerCodeScc(), HEAD + "OwnerCodeScc", out);
        uscc(head.getAgentCodeScc(), HEAD + "AgentCodeScc", out);
        country(head.getTradeCountry(), HEAD + "TradeCountry", out);
        currency(head.getFeeCurr(), HEAD + "FeeCurr", out);
        if (head.getGrossWet().compareTo(head.getNetWt()) < 0) {
            out.add(GROSS_LESS_THAN_NET, HEAD + "GrossWet", "Gross weight " + head.getGrossWet().toPlainString()
                    + " kg is less than net weight " + head.getNetWt().toPlainString() + " kg.");
        }
        if (TwoStepDeclarationRules.isComplete(head.getType()) && DecMessages.relatedEntryId(declaration) == null) {
            out.add(TWO_STEP_SUMMARY_REQUIRED, HEAD + "Type", "Type " + head.getType() + " is a complete declaration; "
                    + "DecFreeTxt/RelId must give the entry id of its accepted summary declaration.");
        }
        date(head.getIEDate(), HEAD + "IEDate", out);
        date(DecMessages.declarationDay(declaration), HEAD + "DDate", out);
    }

    private void checkItems(List<DecList> items, DecHead head, RuleViolations out) {
        BigDecimal kilograms = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            DecList item = items.get(i);
            String at = "/DecMessage/DecLists/" + indexed("DecList", i) + "/";
            if (item.getGNo() != i + 1) {
                out.add(ITEM_NUMBER_SEQUENCE, at + "GNo", "Item number " + item.getGNo() + " should be " + (i + 1)
                        + ": items are numbered 1, 2, 3 ... in order.");
            }
            String subheading = item.getCodeTS().substring(0, 6);
            if (!codes.isHsSubheading(subheading)) {
                out.add(HS_CODE_UNKNOWN, at + "CodeTS", "Commodity code " + item.getCodeTS() + ": its first six digits "
                        + subheading + " are not an HS 2022 subheading.");
            }
            unit(item.getGUnit(), at + "GUnit", out);
            unit(item.getFirstUnit(), at + "FirstUnit", out);
            currency(item.getTradeCurr(), at + "TradeCurr", out);
            country(item.getOriginCountry(), at + "OriginCountry", out);
            country(item.getDestinationCountry(), at + "DestinationCountry", out);
            BigDecimal expected = item.getGQty().multiply(item.getDeclPrice());
            BigDecimal tolerance = ONE_PERCENT.max(expected.abs().multiply(new BigDecimal("0.001")));
            if (expected.subtract(item.getDeclTotal()).abs().compareTo(tolerance) > 0) {
                out.add(ITEM_TOTAL_MISMATCH, at + "DeclTotal", "Total " + item.getDeclTotal().toPlainString() + " is not quantity "
                        + item.getGQty().toPlainString() + " x unit price " + item.getDeclPrice().toPlainString() + " = "
                        + expected.stripTrailingZeros().toPlainString() + ".");
            }
            if (KILOGRAM.equals(item.getGUnit())) {
                kilograms = kilograms.add(item.getGQty());
            } else if (KILOGRAM.equals(item.getFirstUnit()) && item.getFirstQty() != null) {
                kilograms = kilograms.add(item.getFirstQty());
            }
        }
        // items declared in kilograms cannot weigh more than the whole consignment's net weight
        if (kilograms.compareTo(head.getNetWt().multiply(new BigDecimal("1.01"))) > 0) {
            out.add(NET_WEIGHT_MISMATCH, HEAD + "NetWt", "Items declared in kilograms add up to " + kilograms.toPlainString()
                    + " kg, more than the net weight of " + head.getNetWt().toPlainString() + " kg.");
        }
    }

    private void checkContainers(DecMessage declaration, RuleViolations out) {
        List<Container> containers = DecMessages.containers(declaration);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            String number = containers.get(i).getContainerId();
            String at = "/DecMessage/DecContainers/" + indexed("Container", i) + "/ContainerId";
            if (!CheckDigits.isValidContainerNumber(number)) {
                out.add(CONTAINER_CHECK_DIGIT, at, "Container number " + number + " fails the ISO 6346 check"
                        + (number.matches("[A-Z]{3}[UJZ][0-9]{7}") ? " (check digit should be "
                        + CheckDigits.containerCheckDigit(number) + ")." : " (owner code, category U/J/Z, 6 digits, check digit)."));
            }
            if (!seen.add(number)) {
                out.add(CONTAINER_DUPLICATE, at, "Container " + number + " is listed more than once.");
            }
        }
    }

    private void checkCertificateLinks(DecMessage declaration, int itemCount, RuleViolations out) {
        List<EcoRelation> links = DecMessages.ecoRelations(declaration);
        for (int i = 0; i < links.size(); i++) {
            int item = links.get(i).getDecGNo();
            if (item > itemCount) {
                out.add(ECO_ITEM_UNKNOWN, "/DecMessage/" + indexed("EcoRelation", i) + "/DecGNo", "Certificate of origin "
                        + links.get(i).getEcoCertNo() + " is linked to item " + item + ", but the declaration has "
                        + itemCount + " item(s).");
            }
        }
    }

    private void office(String code, String path, RuleViolations out) {
        if (code != null && !codes.isChinaCustomsOffice(code)) {
            out.add(CUSTOMS_OFFICE_UNKNOWN, path, "Customs office " + code + " is not in a known customs district.");
        }
    }

    private void uscc(String code, String path, RuleViolations out) {
        if (code != null && !CheckDigits.isValidUscc(code)) {
            out.add(USCC_CHECK_CHARACTER, path, "Unified Social Credit Code " + code + " fails its GB 32100 check character.");
        }
    }

    private void country(String code, String path, RuleViolations out) {
        if (code != null && !codes.isCountryAlpha3(code)) {
            out.add(COUNTRY_UNKNOWN, path, "Country " + code + " is not an ISO 3166 alpha-3 code.");
        }
    }

    private void currency(String code, String path, RuleViolations out) {
        if (code != null && !codes.isCurrency(code)) {
            out.add(CURRENCY_UNKNOWN, path, "Currency " + code + " is not an ISO 4217 code.");
        }
    }

    private void unit(String code, String path, RuleViolations out) {
        if (code != null && !codes.isChinaUnit(code)) {
            out.add(UNIT_UNKNOWN, path, "Unit " + code + " is not a China customs unit code.");
        }
    }

    private void date(String yyyymmdd, String path, RuleViolations out) {
        if (yyyymmdd == null) {
            return;
        }
        try {
            LocalDate date = LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE);
            if (date.isAfter(LocalDate.now(clock.withZone(CHINA)).plusDays(1))) {
                out.add(DATE_IN_FUTURE, path, "Date " + date + " is in the future.");
            }
        } catch (DateTimeParseException e) {
            out.add(DATE_INVALID, path, "Date " + yyyymmdd + " is not a calendar date (yyyyMMdd).");
        }
    }

    /** Element name with its position among same-named siblings, as the schema validator writes paths. */
    static String indexed(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }
}
