package org.casw.routes.transform.edifact;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.FacilityType;
import org.casw.schemas.event.FullEmpty;
import org.casw.schemas.event.Location;
import org.casw.schemas.event.TransportMeans;
import org.casw.schemas.event.TransportMode;

/**
 * Reads a UN/EDIFACT CODECO (gate-in / gate-out report) or COARRI (discharge / loading report),
 * directory D.96B, into native container events ({@code urn:casw:container-event:1}): one event per
 * EQD group. The gateway's implementation guide:
 *
 * <pre>
 * BatchId / EventId        BGM 1004; the event id is BatchId-NN (NN the EQD group's number)
 * EventType                BGM C002/1001: CODECO 34 gate-in, 36 gate-out; COARRI 44 discharge, 46 loading (SMDG codes)
 * Reporter                 NAD+MS (message sender) C082/3039
 * ContainerNumber etc.     EQD+CN C237/8260, C224/8155 size-type, 8169 full/empty (1-4 empty, 5-8 full)
 * Location                 LOC+165 in the EQD group: C517/3225 UN/LOCODE, C519/3223 facility code,
 *                          C519/1131 facility type TER terminal, RLS rail station, BZN bonded zone, DEP depot
 * OccurredAt               DTM+7 (CODECO) or DTM+203 (COARRI) in the EQD group; format 304/303 with the
 *                          offset (+08 or +0800), 204/203 read as China time (+08:00)
 * TransportMeans           the EQD group's TDT (inland carriage), else the message's TDT: C220/8067 mode
 *                          (1 sea, 2 rail, 3 road), C222/8213 id (3055 = 11: IMO number), 8028 journey
 * BillNo / SealNo          RFF+BM in the EQD group / SEL 9308
 * </pre>
 */
public class CodecoCoarriTranslator implements InboundTranslator {

    private static final Set<String> TYPES = Set.of("CODECO", "COARRI");
    static final String PLACE_EVENT = "165";
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

    /** One event per EQD group; the message's TDT is the default transport of every event. */
    private static final class Reading implements EdifactMessageReader.Handler {

        private final ContainerEvents events = new ContainerEvents();
        private String messageType;
        private EventType eventType;
        private TransportMeans messageTransport;
        private Event event;
        private boolean inEquipment;
        private boolean eventTransport;
        private String timeQualifier;

        @Override
        public void segment(Segment s, EdifactMessageReader.Problems problems) {
            switch (s.tag()) {
                case "UNH" -> {
                    messageType = s.value(2, 1);
                    timeQualifier = "CODECO".equals(messageType) ? "7" : "203";
                }
                case "BGM" -> beginning(s, problems);
                case "TDT" -> transport(s, problems);
                case "NAD" -> {
                    if ("MS".equals(s.value(1))) {
                        events.setReporter(s.value(2, 1));
                    }
                }
                case "EQD" -> equipment(s, problems);
                case "RFF" -> {
                    if (inEquipment && event != null && "BM".equals(s.value(1, 1)) && s.value(1, 2) != null) {
                        event.getBillNo().add(s.value(1, 2));
                    }
                }
                case "DTM" -> date(s, problems);
                case "LOC" -> location(s, problems);
                case "SEL" -> {
                    if (inEquipment && event != null) {
                        event.getSealNo().add(s.value(1));
                    }
                }
                default -> {
                    // FTX, MEA, CNT, UNT: nothing the native events carry
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
            means.setId(id != null && CuscarMapping.AGENCY_LLOYDS.equals(s.value(8, 3)) ? "IMO" + id : id);
            if (id == null) {
                problems.unmappable(s, "C222/8213", "the transport means needs its identification (IMO number, train number or plate).");
            }
            means.setJourneyId(s.value(2));
            if (inEquipment && event != null) {
                event.setTransportMeans(means);
                eventTransport = true;
            } else {
                messageTransport = means;
            }
        }

        private void equipment(Segment s, EdifactMessageReader.Problems problems) {
            closeEvent(problems);
            inEquipment = true;
            eventTransport = false;
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
            String type = Objects.toString(s.value(3, 2), "");
            location.setFacilityType(switch (type) {
                case "TER" -> FacilityType.TERMINAL;
                case "RLS" -> FacilityType.RAIL_STATION;
                case "BZN" -> FacilityType.BONDED_ZONE;
                case "DEP" -> FacilityType.DEPOT;
                default -> null;
            });
            if (location.getFacilityType() == null) {
                problems.unmappable(s, "C519/1131", "facility type '" + type + "' is not TER, RLS, BZN or DEP.");
            }
            if (location.getFacilityCode() == null) {
                problems.unmappable(s, "C519/3223", "the event place needs its facility code (terminal, station, zone or depot).");
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
            if (events.getReporter() == null) {
                problems.unmappable(messageType + "/NAD", "The reporting party NAD+MS (message sender) is missing.");
            }
            if (events.getBatchId() == null) {
                problems.unmappable(messageType + "/BGM/1004", "BGM 1004 (document number) is the batch id and is missing.");
            }
        }
    }
}
