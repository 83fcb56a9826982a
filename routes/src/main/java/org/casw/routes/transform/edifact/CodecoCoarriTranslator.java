package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.DangerousGoods;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.FacilityType;
import org.casw.schemas.event.FullEmpty;
import org.casw.schemas.event.Location;
import org.casw.schemas.event.Temperature;
import org.casw.schemas.event.TemperatureUnit;
import org.casw.schemas.event.TransportMeans;
import org.casw.schemas.event.TransportMode;
import org.casw.schemas.event.Weight;
import org.casw.schemas.event.WeightUnit;

/**
 * Reads a UN/EDIFACT CODECO (gate-in / gate-out report) or COARRI (discharge / loading report) into
 * native container events ({@code urn:casw:container-event:1}): one event per EQD group. Directory D.96B,
 * and D.95B and D.00B as terminals following the SMDG user manuals send them (CODECO and COARRI manuals for
 * D.95B version 2.x and D.00B version 2.x). Where the guides put a value in either of two places, both are
 * read. Segments the mapping does not use (FTX, DIM, EQA, DAM, CTA, GID ...) are skipped, never refused.
 *
 * <pre>
 * BatchId / EventId        BGM 1004; the event id is BatchId-NN (NN the EQD group's number)
 * EventType                BGM C002/1001: CODECO 34 gate-in, 36 gate-out; COARRI 44 discharge, 46 loading (SMDG codes)
 * Reporter                 NAD+MS (message sender) C082/3039
 * ContainerNumber etc.     EQD+CN C237/8260, C224/8155 size-type, 8169 full/empty (1-4 empty, 5-8 full)
 * Location                 LOC+165 in the EQD group: C517/3225 UN/LOCODE, the terminal as its related place C519/3223;
 *                          C519/1131 RLS rail station, BZN bonded zone, DEP depot, anything else or nothing a terminal
 *                          (SMDG: LOC 165 is the terminal where the event happened)
 * OccurredAt               DTM+7 (CODECO) or DTM+203 (COARRI) in the EQD group; format 304/303 with the
 *                          offset (+08 or +0800), 204/203 read as China time (+08:00)
 * TransportMeans           the EQD group's TDT (inland carriage), else the message's TDT: C220/8067 mode
 *                          (1 sea, 2 rail, 3 road); the id is C222/8213 (3055 = 11: IMO number), or 8028 when C222
 *                          is empty (SMDG puts the train number there); JourneyId is 8028 beside a C222 id
 * BillNo / BookingNo       RFF+BM / RFF+BN in the EQD group
 * SealNo                   SEL 9308 in the EQD group
 * Carrier                  NAD+CA C082/3039, in the EQD group or else for the whole message
 * GrossWeight              MEA+AAE+G in the EQD group (before its DGS): C174 6411 unit (KGM, TNE, LBR), 6314 value
 * SetTemperature           TMP+2 in the EQD group: C239 6246 value, 6411 unit (CEL, FAH); RNG+5 C280 the range
 * DangerousGoods           DGS in the EQD group: C205/8351 IMDG class, C234/7124 UN number
 *                          A CODECO's EQD group has no TMP in D.95B and D.96B, nor DGS: there the goods item (GID group)
 *                          carries them, and its SGP C237/8260 names the containers they go to
 * </pre>
 */
public class CodecoCoarriTranslator implements InboundTranslator {

    private static final Set<String> TYPES = Set.of("CODECO", "COARRI");
    static final String PLACE_EVENT = "165";
    static final String CARRIER = "CA";
    static final String REFERENCE_BOOKING = "BN";
    static final String MEASURE_WEIGHT = "AAE";
    static final String WEIGHT_GROSS = "G";
    static final String TEMPERATURE_TRANSPORT = "2";
    static final String RANGE_TEMPERATURE = "5";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int maxBytes;

    /** Accepts interchanges up to the gateway's default payload limit (10 MB). */
    public CodecoCoarriTranslator() {
        this(EdifactMessageReader.DEFAULT_MAX_BYTES);
    }

    /** Accepts interchanges up to {@code maxBytes}; larger ones are refused before parsing. */
    public CodecoCoarriTranslator(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean recognises(byte[] payload) {
        return EdifactInterchange.sniff(payload).map(i -> TYPES.contains(i.messageType())).orElse(false);
    }

    @Override
    public Translation toNative(byte[] payload) {
        return toNative(payload, null);
    }

    /** As {@link #toNative(byte[])}, refusing a message in a directory the sender's agreement does not list. */
    @Override
    public Translation toNative(byte[] payload, PartnerProfile sender) {
        Reading reading = new Reading();
        EdifactMessageReader.Result result = EdifactMessageReader.read(payload, TYPES, 1, reading, maxBytes,
                sender == null ? null : sender.edifact().directories());
        if (result.problems().any()) {
            return Translation.refused(DocumentType.CONTAINER_EVENT, result.problems().all());
        }
        return Translation.of(NativeXml.write(reading.events), DocumentType.CONTAINER_EVENT, "application/xml");
    }

    /** One event per EQD group; the message's TDT and NAD+CA are the defaults of every event. */
    private static final class Reading implements EdifactMessageReader.Handler {

        private final ContainerEvents events = new ContainerEvents();
        private String messageType;
        private EventType eventType;
        private TransportMeans messageTransport;
        private String messageCarrier;
        private Event event;
        private boolean inEquipment;
        private boolean eventTransport;
        /** A DGS opens the dangerous goods group, whose MEA measure the goods, not the container. */
        private boolean inDangerousGoods;
        private String timeQualifier;
        /** Goods items (GID groups) before the EQD groups: what they say goes to the containers their SGP names. */
        private final List<GoodsItem> goods = new ArrayList<>();

        /** A GID group's temperature and dangerous goods, and the containers it is placed in. */
        private static final class GoodsItem {
            private final Event carried = new Event();
            private final List<String> containers = new ArrayList<>();
        }

        @Override
        public void segment(Segment s, EdifactMessageReader.Problems problems) {
            switch (s.tag()) {
                case "UNH" -> {
                    messageType = s.value(2, 1);
                    timeQualifier = "CODECO".equals(messageType) ? "7" : "203";
                }
                case "BGM" -> beginning(s, problems);
                case "TDT" -> transport(s, problems);
                case "NAD" -> party(s);
                case "EQD" -> equipment(s, problems);
                case "RFF" -> reference(s);
                case "DTM" -> date(s, problems);
                case "LOC" -> location(s, problems);
                case "SEL" -> {
                    if (inEquipment && event != null && s.value(1) != null) {
                        event.getSealNo().add(s.value(1));
                    }
                }
                case "MEA" -> weight(s, problems);
                case "TMP" -> temperature(s, problems);
                case "RNG" -> range(s, problems);
                case "DGS" -> dangerousGoods(s);
                case "GID" -> {
                    if (!inEquipment) {
                        goods.add(new GoodsItem());
                    }
                }
                case "SGP" -> {
                    if (!inEquipment && !goods.isEmpty() && s.value(1, 1) != null) {
                        goods.get(goods.size() - 1).containers.add(s.value(1, 1));
                    }
                }
                default -> {
                    // FTX, DIM, EQA, DAM, CTA, GID, CNT, UNT ...: nothing the native events carry
                }
            }
        }

        private void party(Segment s) {
            String function = s.value(1);
            String id = s.value(2, 1);
            if ("MS".equals(function) && !inEquipment) {
                events.setReporter(id);
            } else if (CARRIER.equals(function) && id != null) {
                if (inEquipment && event != null) {
                    event.setCarrier(id);
                } else {
                    messageCarrier = id;
                }
            }
        }

        private void reference(Segment s) {
            if (!inEquipment || event == null || s.value(1, 2) == null) {
                return;
            }
            switch (Objects.toString(s.value(1, 1), "")) {
                case CuscarMapping.REFERENCE_BILL -> event.getBillNo().add(s.value(1, 2));
                case REFERENCE_BOOKING -> event.getBookingNo().add(s.value(1, 2));
                default -> {
                    // other references (release orders, stowage, ...) have no native place
                }
            }
        }

        private void beginning(Segment s, EdifactMessageReader.Problems problems) {
            events.setBatchId(s.value(2));
            String code = Objects.toString(s.value(1, 1), "");
            eventType = switch (messageType + "/" + code) {
                case "CODECO/34" -> EventType.GATE_IN;
                case "CODECO/36" -> EventType.GATE_OUT;
                case "COARRI/44" -> EventType.DISCHARGE;
                case "COARRI/46" -> EventType.LOAD;
                default -> null;
            };
            if (eventType == null) {
                problems.unmappable(s, "C002/1001", "document name code '" + code + "' is not a " + messageType
                        + " event report (CODECO: 34 gate-in, 36 gate-out; COARRI: 44 discharge, 46 loading).");
            }
        }

        private void transport(Segment s, EdifactMessageReader.Problems problems) {
            TransportMeans means = new TransportMeans();
            String mode = s.value(3, 1);
            means.setMode(switch (Objects.toString(mode, "")) {
                case "1" -> TransportMode.SEA;
                case "2" -> TransportMode.RAIL;
                case "3" -> TransportMode.ROAD;
                default -> null;
            });
            if (means.getMode() == null) {
                problems.unmappable(s, "C220/8067", "mode of transport '" + mode + "' is not 1 (sea), 2 (rail) or 3 (road).");
            }
            String id = s.value(8, 1);
            String journey = s.value(2);
            if (id != null) {
                means.setId(CuscarMapping.AGENCY_LLOYDS.equals(s.value(8, 3)) ? "IMO" + id : id);
                means.setJourneyId(journey);
            } else if (journey != null) {
                // SMDG: the train (or voyage) number alone in 8028 identifies the transport
                means.setId(journey);
            } else {
                problems.unmappable(s, "C222/8213", "the transport means needs its identification: the vessel, train or truck in "
                        + "C222/8213, or the train or voyage number in 8028.");
            }
            if (inEquipment && event != null) {
                event.setTransportMeans(means);
                eventTransport = true;
            } else {
                messageTransport = means;
            }
        }

        /** A numeric element as sent: UNA may make the comma the decimal mark. */
        private static BigDecimal number(String text) {
            return new BigDecimal(Objects.toString(text, "").replace(',', '.'));
        }

        /** Where TMP, RNG and DGS go: the current EQD group's event, else the current goods item, else nowhere. */
        private Event carrier() {
            if (inEquipment) {
                return event;
            }
            return goods.isEmpty() ? null : goods.get(goods.size() - 1).carried;
        }

        private void weight(Segment s, EdifactMessageReader.Problems problems) {
            if (!inEquipment || event == null || inDangerousGoods || !MEASURE_WEIGHT.equals(s.value(1))
                    || !WEIGHT_GROSS.equals(s.value(2, 1))) {
                return;
            }
            String unit = s.value(3, 1);
            String value = s.value(3, 2);
            Weight weight = new Weight();
            try {
                weight.setUnit(WeightUnit.fromValue(Objects.toString(unit, "")));
                weight.setValue(number(value));
            } catch (IllegalArgumentException e) {
                problems.unmappable(s, "C174", "gross weight '" + value + "' '" + unit + "' is not a number in KGM, TNE or LBR.");
                return;
            }
            event.setGrossWeight(weight);
        }

        private void temperature(Segment s, EdifactMessageReader.Problems problems) {
            Event target = carrier();
            if (target == null || !TEMPERATURE_TRANSPORT.equals(s.value(1))) {
                return;
            }
            Temperature set = target.getSetTemperature() == null ? new Temperature() : target.getSetTemperature();
            try {
                set.setValue(number(s.value(2, 1)));
                set.setUnit(TemperatureUnit.fromValue(Objects.toString(s.value(2, 2), "")));
            } catch (IllegalArgumentException e) {
                problems.unmappable(s, "C239", "set temperature '" + s.value(2, 1) + "' '" + s.value(2, 2)
                        + "' is not a number in CEL or FAH.");
                return;
            }
            target.setSetTemperature(set);
        }

        private void range(Segment s, EdifactMessageReader.Problems problems) {
            Event target = carrier();
            if (target == null || !RANGE_TEMPERATURE.equals(s.value(1))) {
                return;
            }
            Temperature set = target.getSetTemperature();
            if (set == null) {
                problems.unmappable(s, "6167", "a temperature range needs the set temperature (TMP+2) before it.");
                return;
            }
            String unit = s.value(2, 1);
            if (unit != null && !unit.equals(set.getUnit().value())) {
                problems.unmappable(s, "C280/6411", "the range's unit '" + unit + "' differs from the set temperature's.");
                return;
            }
            try {
                set.setMin(s.value(2, 2) == null ? null : number(s.value(2, 2)));
                set.setMax(s.value(2, 3) == null ? null : number(s.value(2, 3)));
            } catch (NumberFormatException e) {
                problems.unmappable(s, "C280", "the temperature range is not numeric.");
            }
        }

        private void dangerousGoods(Segment s) {
            Event target = carrier();
            if (target == null) {
                return;
            }
            inDangerousGoods = inEquipment;
            String hazardClass = s.value(2, 1);
            if (hazardClass == null) {
                return; // a DGS without the class (e.g. only a flashpoint) has nothing the native model keeps
            }
            DangerousGoods goods = new DangerousGoods();
            goods.setHazardClass(hazardClass);
            goods.setUnNumber(s.value(3, 1));
            target.getDangerousGoods().add(goods);
        }

        private void equipment(Segment s, EdifactMessageReader.Problems problems) {
            closeEvent(problems);
            inEquipment = true;
            eventTransport = false;
            inDangerousGoods = false;
            event = new Event();
            int number = events.getEvent().size() + 1;
            event.setEventId(events.getBatchId() + "-" + String.format("%02d", number));
            event.setEventType(eventType);
            if (!CuscarMapping.EQUIPMENT_CONTAINER.equals(s.value(1))) {
                problems.unmappable(s, "8053", "equipment qualifier '" + s.value(1) + "' is not a container (CN).");
            }
            event.setContainerNumber(s.value(2, 1));
            event.setSizeType(s.value(3, 1));
            String fullness = s.value(6);
            if (fullness != null) {
                event.setFullEmpty(fullness.compareTo("5") < 0 ? FullEmpty.E : FullEmpty.F);
            }
            events.getEvent().add(event);
            equipmentPath = s.path(null);
            equipmentLine = s.line();
        }

        private String equipmentPath;
        private Integer equipmentLine;

        private void date(Segment s, EdifactMessageReader.Problems problems) {
            if (!inEquipment || event == null || !timeQualifier.equals(s.value(1, 1))) {
                return;
            }
            String value = s.value(1, 2);
            String format = Objects.toString(s.value(1, 3), "");
            try {
                OffsetDateTime at = switch (format) {
                    case "203", "204" ->
                            LocalDateTime.parse(value,
                                    DateTimeFormatter.ofPattern(format.equals("203") ? "yyyyMMddHHmm" : "yyyyMMddHHmmss"))
                            .atOffset(CHINA);
                    case "303", "304" -> {
                        int digits = format.equals("303") ? 12 : 14;
                        LocalDateTime local = LocalDateTime.parse(value.substring(0, digits),
                                DateTimeFormatter.ofPattern(digits == 12 ? "yyyyMMddHHmm" : "yyyyMMddHHmmss"));
                        yield local.atOffset(offset(value.substring(digits)));
                    }
                    default -> throw new IllegalArgumentException("format " + format);
                };
                event.setOccurredAt(DATATYPES.newXMLGregorianCalendar(at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
            } catch (RuntimeException e) {
                problems.unmappable(s, "C507/2380", "event time '" + value + "' in format " + format
                        + " cannot be read; use 203/204 (China time) or 303/304 with the UTC offset, e.g. 20261120150500?+08 (the sign "
                        + "released).");
            }
        }

        private static ZoneOffset offset(String zone) {
            String z = zone.trim();
            if (z.equals("Z") || z.equalsIgnoreCase("UTC")) {
                return ZoneOffset.UTC;
            }
            if (z.length() == 3) {
                return ZoneOffset.of(z); // +08
            }
            if (z.length() == 5) {
                return ZoneOffset.of(z.substring(0, 3) + ":" + z.substring(3)); // +0800
            }
            throw new IllegalArgumentException("offset " + zone);
        }

        private void location(Segment s, EdifactMessageReader.Problems problems) {
            if (!inEquipment || event == null || !PLACE_EVENT.equals(s.value(1))) {
                return;
            }
            Location location = new Location();
            location.setUnLocode(s.value(2, 1));
            location.setFacilityCode(s.value(3, 1));
            location.setFacilityType(switch (Objects.toString(s.value(3, 2), "")) {
                case "RLS" -> FacilityType.RAIL_STATION;
                case "BZN" -> FacilityType.BONDED_ZONE;
                case "DEP" -> FacilityType.DEPOT;
                // TER, an SMDG or national terminal code list, or none: LOC 165's related place is the terminal
                default -> FacilityType.TERMINAL;
            });
            if (location.getFacilityCode() == null) {
                problems.unmappable(s, "C519/3223", "the event place needs the terminal (or station, zone, depot) as its related place.");
            }
            event.setLocation(location);
        }

        private void closeEvent(EdifactMessageReader.Problems problems) {
            if (event == null) {
                return;
            }
            if (!eventTransport && messageTransport != null) {
                event.setTransportMeans(messageTransport);
            }
            if (event.getCarrier() == null) {
                event.setCarrier(messageCarrier);
            }
            if (event.getLocation() == null) {
                problems.unmappable(equipmentPath, "Container " + event.getContainerNumber() + " (line " + equipmentLine
                        + "): the event place LOC+" + PLACE_EVENT + " is missing from its EQD group.");
            }
            if (event.getOccurredAt() == null) {
                problems.unmappable(equipmentPath, "Container " + event.getContainerNumber() + " (line " + equipmentLine
                        + "): the event time DTM+" + timeQualifier + " is missing from its EQD group.");
            }
        }

        @Override
        public void end(EdifactMessageReader.Problems problems) {
            closeEvent(problems);
            for (GoodsItem item : goods) {
                for (Event e : events.getEvent()) {
                    if (item.containers.contains(e.getContainerNumber())) {
                        if (e.getSetTemperature() == null) {
                            e.setSetTemperature(item.carried.getSetTemperature());
                        }
                        e.getDangerousGoods().addAll(item.carried.getDangerousGoods());
                    }
                }
            }
            if (events.getReporter() == null) {
                problems.unmappable(messageType + "/NAD", "The reporting party NAD+MS (message sender) is missing.");
            }
            if (events.getBatchId() == null) {
                problems.unmappable(messageType + "/BGM/1004", "BGM 1004 (document number) is the batch id and is missing.");
            }
        }
    }
}
