package org.casw.routes.transform.multimodal;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.rules.manifest.ManifestRules;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.TransportMode;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.TransportEquipment;
import org.casw.schemas.through.Container;
import org.casw.schemas.through.Event;
import org.casw.schemas.through.Goods;
import org.casw.schemas.through.Leg;
import org.casw.schemas.through.Mode;
import org.casw.schemas.through.Party;
import org.casw.schemas.through.Seal;
import org.casw.schemas.through.SourceManifest;
import org.casw.schemas.through.ThroughDocument;
import org.casw.schemas.through.Train;
import org.casw.schemas.through.Vessel;

/**
 * Merges a sea manifest's consignment and a rail manifest's consignment carrying the same containers
 * into one through document (sea-rail "one document"), with the containers' events from both legs on
 * one timeline. A pure function of its inputs: no clock, no I/O.
 *
 * <p>The legs connect when the first leg's unloading location is the second leg's loading location,
 * compared as UN/LOCODE. A UN/LOCODE names a place (a port area), not a facility: the Qinzhou quay and
 * Qinzhou port east rail station are both {@code CNQZH}, whose functions (port, rail, road) say the place
 * has both. So a sea leg discharging at {@code CNQZH} connects to a rail leg departing from {@code CNQZH};
 * one departing from Nanning ({@code CNNNG}) does not, since something else must have carried the
 * container in between. Sea then rail is an import; rail then sea is an export.
 */
public final class SeaRailMerger {

    /** A container is listed on one leg's consignment but not the other's. */
    public static final String THROUGH_CONTAINER_UNMATCHED = "THROUGH_CONTAINER_UNMATCHED";
    /** The legs do not meet: no shared transhipment UN/LOCODE, or the second leg leaves before the first arrives. */
    public static final String THROUGH_LEGS_NOT_CONNECTED = "THROUGH_LEGS_NOT_CONNECTED";
    /** The legs name different consignees. */
    public static final String THROUGH_PARTY_MISMATCH = "THROUGH_PARTY_MISMATCH";

    /** Every code the merger reports. */
    public static final List<String> CODES = List.of(THROUGH_CONTAINER_UNMATCHED, THROUGH_LEGS_NOT_CONNECTED, THROUGH_PARTY_MISMATCH);

    /**
     * How far before the first departure and after the last arrival an event without the legs' vessel,
     * train or bill still belongs to this journey: gate-in precedes loading and gate-out follows
     * arrival by hours to days, while a container's next trip starts later.
     */
    static final Duration EVENT_MARGIN = Duration.ofDays(3);

    private static final DateTimeFormatter DATE_TIME17 = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DatatypeFactory XML_TIME;

    static {
        try {
            XML_TIME = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The through document of a sea leg and a rail leg (in either argument order), or every reason they
     * do not make one.
     *
     * @param events container event batches the caller may see; only events of the legs' containers and journey are used
     */
    public ThroughMerge merge(ManifestLeg one, ManifestLeg other, List<ContainerEvents> events) {
        if (one.rail() == other.rail()) {
            throw new IllegalArgumentException("A sea-rail through document needs one sea and one rail leg, not two "
                    + (one.rail() ? "rail" : "sea") + " legs");
        }
        ManifestLeg sea = one.rail() ? other : one;
        ManifestLeg rail = one.rail() ? one : other;
        List<Violation> violations = new ArrayList<>();

        List<ManifestLeg> legs = order(sea, rail, violations);
        matchContainers(sea, rail, violations);
        Party consignee = agreeOnConsignee(legs.get(0), legs.get(1), violations);
        if (!violations.isEmpty()) {
            return new ThroughMerge(null, violations);
        }
        return new ThroughMerge(document(legs, consignee, events), List.of());
    }

    /** The legs in travel order; reports legs that do not meet at one UN/LOCODE or overlap in time. */
    private static List<ManifestLeg> order(ManifestLeg sea, ManifestLeg rail, List<Violation> violations) {
        for (ManifestLeg leg : List.of(sea, rail)) {
            Declaration declaration = leg.manifest().getDeclaration();
            if (declaration.getLoadingLocation() == null || declaration.getUnloadingLocation() == null) {
                violations.add(Violation.of(THROUGH_LEGS_NOT_CONNECTED, "/Manifest/Declaration", "The " + leg.describe()
                        + " names no loading or unloading location, so its leg cannot be placed on the route."));
            }
        }
        if (!violations.isEmpty()) {
            return List.of(sea, rail);
        }
        String seaFrom = sea.manifest().getDeclaration().getLoadingLocation().getID();
        String seaTo = sea.manifest().getDeclaration().getUnloadingLocation().getID();
        String railFrom = rail.manifest().getDeclaration().getLoadingLocation().getID();
        String railTo = rail.manifest().getDeclaration().getUnloadingLocation().getID();
        List<ManifestLeg> legs;
        if (seaTo.equals(railFrom)) {
            legs = List.of(sea, rail);
        } else if (railTo.equals(seaFrom)) {
            legs = List.of(rail, sea);
        } else {
            violations.add(Violation.of(THROUGH_LEGS_NOT_CONNECTED, "/Manifest/Declaration/LoadingLocation/ID",
                    "The " + rail.describe() + " departs from " + railFrom + " (/Manifest/Declaration/LoadingLocation/ID) but the "
                            + sea.describe() + " discharges at " + seaTo + " (/Manifest/Declaration/UnloadingLocation/ID); the rail"
                            + " departure station must be in the sea discharge port's area, i.e. have the same UN/LOCODE"
                            + " (or, rail then sea, the rail arrival station that of the sea loading port, here " + railTo
                            + " and " + seaFrom + ")."));
            return List.of(sea, rail);
        }
        ManifestLeg first = legs.get(0);
        ManifestLeg second = legs.get(1);
        Instant arrived = instant(arrival(first.manifest().getDeclaration()));
        Instant leaves = instant(departure(second.manifest().getDeclaration()));
        if (arrived != null && leaves != null && leaves.isBefore(arrived)) {
            violations.add(Violation.of(THROUGH_LEGS_NOT_CONNECTED, "/Manifest/Declaration/BorderTransportMeans/DepartureDateTime",
                    "The " + second.describe() + " departs from " + second.manifest().getDeclaration().getLoadingLocation().getID()
                            + " at " + departure(second.manifest().getDeclaration()) + ", before the " + first.describe()
                            + " arrives there at " + arrival(first.manifest().getDeclaration())
                            + " (/Manifest/Declaration/UnloadingLocation/ArrivalDateTime)."));
        }
        return legs;
    }

    private static void matchContainers(ManifestLeg sea, ManifestLeg rail, List<Violation> violations) {
        Set<String> onRail = containers(rail.cargo());
        Set<String> onSea = containers(sea.cargo());
        unmatched(sea, onRail, rail, violations);
        unmatched(rail, onSea, sea, violations);
    }

    private static void unmatched(ManifestLeg leg, Set<String> onOther, ManifestLeg other, List<Violation> violations) {
        List<TransportEquipment> equipment = leg.cargo().getTransportEquipment();
        for (int e = 0; e < equipment.size(); e++) {
            String number = equipment.get(e).getEquipmentIdentification().getID();
            if (!onOther.contains(number)) {
                violations.add(Violation.of(THROUGH_CONTAINER_UNMATCHED, leg.consignmentPath() + "/" + at("TransportEquipment", e)
                        + "/EquipmentIdentification/ID", "Container " + number + " is on the " + leg.describe()
                        + " but not on the " + other.describe() + "."));
            }
        }
    }

    /** The consignee both legs name (by ID where both give one, else by name); reports a difference. */
    private static Party agreeOnConsignee(ManifestLeg first, ManifestLeg second, List<Violation> violations) {
        org.casw.schemas.manifest.Party a = first.cargo().getConsignee();
        org.casw.schemas.manifest.Party b = second.cargo().getConsignee();
        if (a == null || b == null) {
            return party(a != null ? a : b);
        }
        boolean byId = a.getID() != null && b.getID() != null;
        // China's manifests write a party's id with its scheme (USCI+91450700MA5L3QR71R): the same party as the bare code
        boolean agree = byId ? bareId(a.getID()).equals(bareId(b.getID())) : normalised(a.getName()).equals(normalised(b.getName()));
        if (!agree) {
            String field = byId ? "Consignee/ID" : "Consignee/Name";
            String valueA = byId ? a.getID() : a.getName();
            String valueB = byId ? b.getID() : b.getName();
            violations.add(Violation.of(THROUGH_PARTY_MISMATCH, second.consignmentPath() + "/" + field, "The " + second.describe()
                    + " names consignee " + valueB + " (" + second.consignmentPath() + "/" + field + ") but the " + first.describe()
                    + " names " + valueA + " (" + first.consignmentPath() + "/" + field + "); one through document has one consignee."));
        }
        return party(a);
    }

    private ThroughDocument document(List<ManifestLeg> legs, Party consignee, List<ContainerEvents> batches) {
        ManifestLeg first = legs.get(0);
        ThroughDocument document = new ThroughDocument();
        document.setThroughDocumentNo("TD-" + String.join("-", new LinkedHashSet<>(legs.stream().map(ManifestLeg::billNo).toList())));
        document.setConsignor(party(first.cargo().getConsignor()));
        document.setConsignee(consignee);
        document.setTotalPackages(first.cargo().getConsignmentPackaging() == null ? null
                : BigInteger.valueOf(first.cargo().getConsignmentPackaging().getQuantityQuantity()));
        document.setTotalGrossMass(first.cargo().getTotalGrossMassMeasure());
        document.setLegs(new ThroughDocument.Legs());
        for (int l = 0; l < legs.size(); l++) {
            document.getLegs().getLeg().add(leg(legs.get(l), l + 1));
        }
        document.setContainers(new ThroughDocument.Containers());
        Map<String, List<Event>> timeline = timeline(legs, batches);
        for (TransportEquipment equipment : first.cargo().getTransportEquipment()) {
            String number = equipment.getEquipmentIdentification().getID();
            Container container = new Container();
            container.setNumber(number);
            container.setSizeType(equipment.getCharacteristicCode());
            for (int l = 0; l < legs.size(); l++) {
                for (String sealNo : equipmentOf(legs.get(l).cargo(), number).getSealID()) {
                    Seal seal = new Seal();
                    seal.setValue(sealNo);
                    seal.setLeg(BigInteger.valueOf(l + 1));
                    container.getSeal().add(seal);
                }
            }
            for (ConsignmentItem item : first.cargo().getConsignmentItem()) {
                if (packedIn(item, number, first.cargo())) {
                    container.getGoods().add(goods(item));
                }
            }
            container.setEvents(new Container.Events());
            container.getEvents().getEvent().addAll(timeline.getOrDefault(number, List.of()));
            document.getContainers().getContainer().add(container);
        }
        return document;
    }

    private static Leg leg(ManifestLeg source, int sequence) {
        Declaration declaration = source.manifest().getDeclaration();
        BorderTransportMeans means = declaration.getBorderTransportMeans();
        Leg leg = new Leg();
        leg.setSequence(BigInteger.valueOf(sequence));
        leg.setMode(source.rail() ? Mode.RAIL : Mode.SEA);
        leg.setCarrier(declaration.getCarrier() == null ? null : declaration.getCarrier().getID());
        if (source.rail()) {
            Train train = new Train();
            train.setNumber(means.getID());
            train.setName(means.getName());
            train.setJourney(means.getJourneyID());
            leg.setTrain(train);
        } else {
            Vessel vessel = new Vessel();
            vessel.setIMO(means.getID());
            vessel.setName(means.getName());
            vessel.setVoyage(means.getJourneyID());
            leg.setVessel(vessel);
        }
        leg.setFrom(declaration.getLoadingLocation().getID());
        leg.setTo(declaration.getUnloadingLocation().getID());
        leg.setDeparture(xmlTime(departure(declaration)));
        leg.setArrival(xmlTime(arrival(declaration)));
        SourceManifest manifest = new SourceManifest();
        manifest.setMessageID(source.messageId());
        manifest.setMessageType(source.manifest().getHead().getMessageType().value());
        manifest.setTrackingID(source.trackingId());
        manifest.setBillNo(source.billNo());
        leg.setSourceManifest(manifest);
        return leg;
    }

    /**
     * Each container's events in time order. An event belongs to the journey when it names a leg's
     * vessel or train (and its voyage, where the event gives one) or a leg's bill, which also says its
     * leg. One naming another vessel, train or bill belongs to another trip of the container. One naming
     * none (a truck, a yard move) belongs when it happened within the journey, {@link #EVENT_MARGIN} either side.
     */
    private static Map<String, List<Event>> timeline(List<ManifestLeg> legs, List<ContainerEvents> batches) {
        Set<String> containers = containers(legs.get(0).cargo());
        Instant start = instant(departure(legs.get(0).manifest().getDeclaration()));
        Instant end = instant(arrival(legs.get(legs.size() - 1).manifest().getDeclaration()));
        Map<String, List<Timed>> byContainer = new LinkedHashMap<>();
        Set<List<Object>> seen = new HashSet<>();
        for (ContainerEvents batch : batches) {
            for (org.casw.schemas.event.Event reported : batch.getEvent()) {
                String number = reported.getContainerNumber();
                if (!containers.contains(number)) {
                    continue;
                }
                Instant at = reported.getOccurredAt().toGregorianCalendar().toZonedDateTime().toInstant();
                Integer leg = legOf(reported, legs);
                boolean withinJourney = start != null && end != null
                        && !at.isBefore(start.minus(EVENT_MARGIN)) && !at.isAfter(end.plus(EVENT_MARGIN));
                if (leg == null && (namesAnotherJourney(reported) || !withinJourney)) {
                    continue;
                }
                // the same event reported in two batches (e.g. by the terminal and the station) is shown once
                if (!seen.add(List.of(number, reported.getEventType().value(), at, reported.getLocation().getUnLocode(),
                        reported.getLocation().getFacilityCode()))) {
                    continue;
                }
                byContainer.computeIfAbsent(number, n -> new ArrayList<>())
                        .add(new Timed(at, reported.getEventId(), event(reported, leg, batch.getBatchId())));
            }
        }
        Map<String, List<Event>> timeline = new LinkedHashMap<>();
        byContainer.forEach((number, timed) -> timeline.put(number, timed.stream()
                .sorted(Comparator.comparing(Timed::at).thenComparing(Timed::eventId)).map(Timed::event).toList()));
        return timeline;
    }

    /** A vessel, train or bill that is none of the legs' (legOf found none) marks another trip of the container. */
    private static boolean namesAnotherJourney(org.casw.schemas.event.Event reported) {
        var transport = reported.getTransportMeans();
        boolean vesselOrTrain = transport != null && transport.getMode() != TransportMode.ROAD;
        return vesselOrTrain || !reported.getBillNo().isEmpty();
    }

    private static Integer legOf(org.casw.schemas.event.Event reported, List<ManifestLeg> legs) {
        for (int l = 0; l < legs.size(); l++) {
            ManifestLeg leg = legs.get(l);
            BorderTransportMeans means = leg.manifest().getDeclaration().getBorderTransportMeans();
            var transport = reported.getTransportMeans();
            boolean sameMeans = transport != null && transport.getId().equals(means.getID())
                    && (transport.getJourneyId() == null || transport.getJourneyId().equals(means.getJourneyID()));
            if (sameMeans || reported.getBillNo().contains(leg.billNo())) {
                return l + 1;
            }
        }
        return null;
    }

    private static Event event(org.casw.schemas.event.Event reported, Integer leg, String batchId) {
        Event event = new Event();
        event.setEventType(reported.getEventType().value());
        event.setOccurredAt(reported.getOccurredAt());
        event.setLocation(reported.getLocation().getUnLocode());
        event.setFacility(reported.getLocation().getFacilityCode());
        event.setFacilityType(reported.getLocation().getFacilityType().value());
        if (reported.getTransportMeans() != null) {
            event.setTransportMeans(reported.getTransportMeans().getId());
        }
        event.setSourceBatchId(batchId);
        event.setLeg(leg == null ? null : BigInteger.valueOf(leg));
        return event;
    }

    private static Goods goods(ConsignmentItem item) {
        Goods goods = new Goods();
        goods.setSequence(BigInteger.valueOf(item.getSequenceNumeric()));
        goods.setDescription(item.getCommodity().getCargoDescription());
        goods.setHsCode(item.getCommodity().getClassification() == null ? null : item.getCommodity().getClassification().getID());
        goods.setGrossMass(item.getGoodsMeasure() == null ? null : item.getGoodsMeasure().getGrossMassMeasure());
        return goods;
    }

    /** An item names its container; one that names none is in the consignment's only container, if it has one. */
    private static boolean packedIn(ConsignmentItem item, String container, Consignment consignment) {
        if (item.getEquipmentIdentification() != null) {
            return item.getEquipmentIdentification().getID().equals(container);
        }
        return consignment.getTransportEquipment().size() == 1;
    }

    private static TransportEquipment equipmentOf(Consignment consignment, String number) {
        return consignment.getTransportEquipment().stream()
                .filter(e -> e.getEquipmentIdentification().getID().equals(number)).findFirst().orElseThrow();
    }

    private static Set<String> containers(Consignment consignment) {
        Set<String> numbers = new LinkedHashSet<>();
        consignment.getTransportEquipment().forEach(e -> numbers.add(e.getEquipmentIdentification().getID()));
        return numbers;
    }

    private static Party party(org.casw.schemas.manifest.Party source) {
        if (source == null) {
            return null;
        }
        Party party = new Party();
        party.setName(source.getName());
        party.setID(source.getID());
        return party;
    }

    private static String bareId(String id) {
        return id.replaceFirst("^[A-Z]{2,6}\\+", "");
    }

    /** Names compared without case, punctuation or spacing: "Co., Ltd." and "CO LTD" are one company. */
    private static String normalised(String name) {
        return Objects.requireNonNullElse(name, "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String departure(Declaration declaration) {
        String at = declaration.getBorderTransportMeans().getDepartureDateTime();
        return at != null ? at : declaration.getLoadingLocation().getLoadingDateTime();
    }

    private static String arrival(Declaration declaration) {
        String at = declaration.getUnloadingLocation().getArrivalDateTime();
        return at != null ? at : declaration.getBorderTransportMeans().getArrivalDateTime();
    }

    /** A manifest date-time (China local, yyyyMMddHHmmssSSS) as an instant; null when absent or not a real time. */
    private static Instant instant(String dateTime17) {
        LocalDateTime local = local(dateTime17);
        return local == null ? null : local.atZone(ManifestRules.CHINA_TIME).toInstant();
    }

    private static XMLGregorianCalendar xmlTime(String dateTime17) {
        LocalDateTime local = local(dateTime17);
        return local == null ? null : XML_TIME.newXMLGregorianCalendar(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(local.atZone(ManifestRules.CHINA_TIME).toOffsetDateTime()));
    }

    private static LocalDateTime local(String dateTime17) {
        if (dateTime17 == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(dateTime17, DATE_TIME17);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String at(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }

    private record Timed(Instant at, String eventId, Event event) {
    }
}
