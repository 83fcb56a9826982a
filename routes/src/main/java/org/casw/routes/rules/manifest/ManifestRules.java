package org.casw.routes.rules.manifest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.MessageType;
import org.casw.schemas.manifest.TransportEquipment;

/** Business rules of a cargo manifest (MT1101 ... MT2401), run on its JAXB model after schema validation. */
public final class ManifestRules implements DocumentRules<Manifest> {

    /** A container number fails its ISO 6346 check digit (or is not an ISO 6346 number at all). */
    public static final String CONTAINER_CHECK_DIGIT = "CONTAINER_CHECK_DIGIT";
    /** A container is listed twice in TransportEquipment (see {@link #MIXED_CONSIGNMENT}). */
    public static final String CONTAINER_DUPLICATE = "CONTAINER_DUPLICATE";
    /** A 6-digit classification is not an HS 2022 subheading. */
    public static final String HS_CODE_UNKNOWN = "HS_CODE_UNKNOWN";
    /** A UN/LOCODE is not in the UN/LOCODE list. */
    public static final String LOCATION_UNKNOWN = "LOCATION_UNKNOWN";
    /** A loading or unloading location does not serve the manifest's mode of transport. */
    public static final String LOCATION_FUNCTION = "LOCATION_FUNCTION";
    /** A sea manifest's vessel id is not a valid IMO ship identification number. */
    public static final String VESSEL_IMO_CHECK_DIGIT = "VESSEL_IMO_CHECK_DIGIT";
    /** SendTime is more than a day in the future, or is not a real date and time. */
    public static final String SEND_TIME_IN_FUTURE = "SEND_TIME_IN_FUTURE";
    /** The items' gross masses add up to more than the consignment's total gross mass plus 1%. */
    public static final String GROSS_MASS_INCONSISTENT = "GROSS_MASS_INCONSISTENT";
    /** An item names a container that no TransportEquipment of the manifest lists. */
    public static final String ITEM_CONTAINER_NOT_LISTED = "ITEM_CONTAINER_NOT_LISTED";

    /** Every code this class can report. */
    public static final List<String> CODES = List.of(CONTAINER_CHECK_DIGIT, CONTAINER_DUPLICATE, HS_CODE_UNKNOWN,
            LOCATION_UNKNOWN, LOCATION_FUNCTION, VESSEL_IMO_CHECK_DIGIT, SEND_TIME_IN_FUTURE, GROSS_MASS_INCONSISTENT,
            ITEM_CONTAINER_NOT_LISTED);

    /**
     * UN/EDIFACT 8169 "full, mixed consignment": an LCL container carrying goods of several bills. Such a
     * container may appear under several consignments, provided every listing says 7; it may still appear
     * only once per consignment.
     */
    public static final String MIXED_CONSIGNMENT = "7";

    /** Manifest date-times are China local time. */
    public static final ZoneId CHINA_TIME = ZoneId.of("Asia/Shanghai");

    private static final String ROOT = "/Manifest";
    private static final String DECLARATION = ROOT + "/Declaration";
    private static final String ROAD = "3";
    private static final BigDecimal GROSS_MASS_TOLERANCE = new BigDecimal("1.01");
    private static final DateTimeFormatter SEND_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
            .withResolverStyle(ResolverStyle.STRICT);

    private final CodeLists codeLists;
    private final Clock clock;

    public ManifestRules() {
        this(CodeLists.shared(), Clock.systemUTC());
    }

    public ManifestRules(CodeLists codeLists, Clock clock) {
        this.codeLists = codeLists;
        this.clock = clock;
    }

    @Override
    public Class<Manifest> documentClass() {
        return Manifest.class;
    }

    @Override
    public void check(Manifest manifest, RuleViolations violations) {
        boolean land = isLand(manifest.getHead().getMessageType());
        checkSendTime(manifest.getHead().getSendTime(), violations);
        Declaration declaration = manifest.getDeclaration();
        BorderTransportMeans means = declaration.getBorderTransportMeans();
        if (!land && means.getID() != null) {
            checkVessel(means.getID(), violations);
        }
        String mode = land ? "land" : "sea";
        if (means.getFirstArrivalLocationID() != null) {
            known(means.getFirstArrivalLocationID(), DECLARATION + "/BorderTransportMeans/FirstArrivalLocationID",
                    "first arrival location", violations);
        }
        if (declaration.getLoadingLocation() != null) {
            checkLocation(declaration.getLoadingLocation().getID(), DECLARATION + "/LoadingLocation/ID", "loading location",
                    land, means.getTypeCode(), mode, violations);
        }
        if (declaration.getUnloadingLocation() != null) {
            checkLocation(declaration.getUnloadingLocation().getID(), DECLARATION + "/UnloadingLocation/ID",
                    "unloading location", land, means.getTypeCode(), mode, violations);
        }

        Set<String> listed = new HashSet<>(checkEquipment(declaration.getConsignment(), violations));
        // arrival and tally reports list their containers once, not bill by bill
        List<TransportEquipment> reported = declaration.getTransportEquipment();
        for (int e = 0; e < reported.size(); e++) {
            String number = reported.get(e).getEquipmentIdentification().getID();
            checkContainerNumber(number, DECLARATION + "/" + at("TransportEquipment", e) + "/EquipmentIdentification/ID", violations);
            listed.add(number);
        }
        checkItems(declaration.getConsignment(), listed, violations);
    }

    /** MT1401 and MT2401 are the land (rail) manifests; every other type travels by sea. */
    public static boolean isLand(MessageType type) {
        return type == MessageType.MT_1401 || type == MessageType.MT_2401;
    }

    private void checkSendTime(String sendTime, RuleViolations violations) {
        String path = ROOT + "/Head/SendTime";
        LocalDateTime sent;
        try {
            sent = LocalDateTime.parse(sendTime, SEND_TIME);
        } catch (DateTimeParseException e) {
            violations.add(SEND_TIME_IN_FUTURE, path, "SendTime '" + sendTime
                    + "' is not a real date and time in the form yyyyMMddHHmmssSSS.");
            return;
        }
        ZonedDateTime latest = ZonedDateTime.now(clock.withZone(CHINA_TIME)).plusDays(1);
        if (sent.atZone(CHINA_TIME).isAfter(latest)) {
            violations.add(SEND_TIME_IN_FUTURE, path, "SendTime '" + sendTime
                    + "' is more than one day ahead of the current China time; a manifest cannot be sent in the future.");
        }
    }

    private static void checkVessel(String id, RuleViolations violations) {
        if (!CheckDigits.isValidImo(id)) {
            violations.add(VESSEL_IMO_CHECK_DIGIT, DECLARATION + "/BorderTransportMeans/ID", "Vessel id '" + id
                    + "' is not a valid IMO ship identification number: a sea manifest needs IMO and 7 digits whose last"
                    + " is (7d1+6d2+5d3+4d4+3d5+2d6) mod 10.");
        }
    }

    private Optional<CodeLists.Location> known(String code, String path, String role, RuleViolations violations) {
        Optional<CodeLists.Location> location = codeLists.location(code);
        if (location.isEmpty()) {
            violations.add(LOCATION_UNKNOWN, path, "The " + role + " '" + code + "' is not a UN/LOCODE.");
        }
        return location;
    }

    private void checkLocation(String code, String path, String role, boolean land, String typeCode, String mode,
            RuleViolations violations) {
        known(code, path, role, violations).ifPresent(location -> {
            boolean fits = land
                    ? location.isRailTerminal() || location.isBorderCrossing() || (ROAD.equals(typeCode) && isRoadTerminal(location))
                    : location.isPort();
            if (!fits) {
                String needed = land
                        ? (ROAD.equals(typeCode) ? "a rail or road terminal or a border crossing" : "a rail terminal or a border crossing")
                        : "a port";
                violations.add(LOCATION_FUNCTION, path, "The " + role + " " + code + " (" + location.name()
                        + ", function " + location.function() + ") is not " + needed + ", as a " + mode
                        + " manifest requires.");
            }
        });
    }

    private static boolean isRoadTerminal(CodeLists.Location location) {
        return location.function().length() > 2 && location.function().charAt(2) == '3';
    }

    /** Check digits and duplicates of every listed container; returns the set of listed container numbers. */
    private static Set<String> checkEquipment(List<Consignment> consignments, RuleViolations violations) {
        Map<String, Listing> firstListing = new HashMap<>();
        for (int c = 0; c < consignments.size(); c++) {
            String consignmentPath = DECLARATION + "/" + at("Consignment", c);
            List<TransportEquipment> equipment = consignments.get(c).getTransportEquipment();
            Set<String> inThisConsignment = new HashSet<>(equipment.size() * 2);
            for (int e = 0; e < equipment.size(); e++) {
                TransportEquipment te = equipment.get(e);
                String number = te.getEquipmentIdentification().getID();
                String path = consignmentPath + "/" + at("TransportEquipment", e) + "/EquipmentIdentification/ID";
                checkContainerNumber(number, path, violations);
                boolean mixed = MIXED_CONSIGNMENT.equals(te.getFullnessCode());
                Listing first = firstListing.putIfAbsent(number, new Listing(path, mixed));
                if (!inThisConsignment.add(number)) {
                    violations.add(CONTAINER_DUPLICATE, path, "Container " + number
                            + " is listed more than once in the TransportEquipment of the same consignment.");
                } else if (first != null && !(first.mixed && mixed)) {
                    violations.add(CONTAINER_DUPLICATE, path, "Container " + number + " is already listed at "
                            + first.path + "; a container may be listed under several consignments only when each listing"
                            + " has FullnessCode " + MIXED_CONSIGNMENT + " (full, mixed consignment).");
                }
            }
        }
        return firstListing.keySet();
    }

    private void checkItems(List<Consignment> consignments, Set<String> listed, RuleViolations violations) {
        for (int c = 0; c < consignments.size(); c++) {
            Consignment consignment = consignments.get(c);
            String consignmentPath = DECLARATION + "/" + at("Consignment", c);
            String bill = consignment.getTransportContractDocument().getID();
            BigDecimal itemsTotal = BigDecimal.ZERO;
            List<ConsignmentItem> items = consignment.getConsignmentItem();
            for (int i = 0; i < items.size(); i++) {
                ConsignmentItem item = items.get(i);
                String itemPath = consignmentPath + "/" + at("ConsignmentItem", i);
                if (item.getCommodity().getClassification() != null) {
                    checkHs(item.getCommodity().getClassification().getID(), itemPath + "/Commodity/Classification/ID",
                            item.getSequenceNumeric(), bill, violations);
                }
                // a manifest that leaves an item's mass out (China's loading manifest may) is not summed
                itemsTotal = itemsTotal == null || item.getGoodsMeasure() == null ? null
                        : itemsTotal.add(item.getGoodsMeasure().getGrossMassMeasure());
                if (item.getEquipmentIdentification() != null) {
                    String number = item.getEquipmentIdentification().getID();
                    if (!listed.contains(number)) {
                        String path = itemPath + "/EquipmentIdentification/ID";
                        violations.add(ITEM_CONTAINER_NOT_LISTED, path, "Item " + item.getSequenceNumeric() + " of bill "
                                + bill + " is packed in container " + number
                                + ", which no TransportEquipment of the manifest lists.");
                        checkContainerNumber(number, path, violations);
                    }
                }
            }
            BigDecimal total = consignment.getTotalGrossMassMeasure();
            if (itemsTotal != null && total != null && itemsTotal.compareTo(total.multiply(GROSS_MASS_TOLERANCE)) > 0) {
                violations.add(GROSS_MASS_INCONSISTENT, consignmentPath + "/TotalGrossMassMeasure", "The items of bill "
                        + bill + " weigh " + itemsTotal.toPlainString() + " kg gross in total, more than the consignment's"
                        + " TotalGrossMassMeasure of " + total.toPlainString() + " kg plus 1%.");
            }
        }
    }

    private void checkHs(String hs, String path, int sequence, String bill, RuleViolations violations) {
        if (!codeLists.isHsSubheading(hs)) {
            violations.add(HS_CODE_UNKNOWN, path, "Item " + sequence + " of bill " + bill + " is classified as '" + hs
                    + "', which is not an HS 2022 subheading.");
        }
    }

    private static void checkContainerNumber(String number, String path, RuleViolations violations) {
        if (!CheckDigits.isValidContainerNumber(number)) {
            String detail = number.matches("[A-Z]{3}[UJZ][0-9]{7}")
                    ? "its check digit should be " + CheckDigits.containerCheckDigit(number.substring(0, 10))
                    : "the fourth letter (equipment category) must be U, J or Z";
            violations.add(CONTAINER_CHECK_DIGIT, path, "Container number " + number + " is not a valid ISO 6346 number: "
                    + detail + ".");
        }
    }

    /** A path step with its 1-based position among same-named siblings, shown only from the second on. */
    static String at(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }

    private record Listing(String path, boolean mixed) {
    }
}
