package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.DangerousGoods;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.Location;
import org.casw.schemas.event.Temperature;
import org.casw.schemas.event.TransportMeans;
import org.casw.schemas.event.TransportMode;
import org.casw.schemas.event.Weight;

import static org.casw.routes.transform.edifact.EdifactOut.c;

/**
 * Writes native container events as one UN/EDIFACT CODECO (gate-in / gate-out) or COARRI (discharge /
 * loading) interchange, directory D.96B: the exact inverse of {@link CodecoCoarriTranslator}'s mapping, so
 * that reading the interchange back gives the same events. What that mapping cannot carry is a violation
 * naming the native element, never a silent change:
 *
 * <pre>
 * EventType        one type per batch (BGM C002/1001 is one code): GATE_IN 34, GATE_OUT 36 (CODECO),
 *                  DISCHARGE 44, LOAD 46 (COARRI); rail, zone and mixed batches have no counterpart
 * EventId          must be BatchId-NN, NN the event's position (01, 02, ...): the reader derives it so
 * OccurredAt       DTM+7 (CODECO) / DTM+203 (COARRI), format 304 with the offset (+08, or +0530);
 *                  fractions of a second have no place
 * TransportMeans   COARRI: the first event's means is the message TDT (stage 20), every event whose means
 *                  differs carries its own TDT (stage 1), and an event without means cannot follow one that
 *                  has; CODECO: each event's means in its EQD group. As the SMDG manuals write TDT: the voyage
 *                  or train journey in 8028 and the vessel, train or truck in C222 (IMO numbers as 8213:146:11);
 *                  a train without a journey id is named by its number in 8028 alone
 * Location         LOC+165, the terminal (or station, zone, depot) as the related place C519 3223:TER:ZZZ
 * BookingNo        RFF+BN after the bills (RFF+BM)
 * GrossWeight      MEA+AAE+G+unit:value
 * SetTemperature   TMP+2+value:unit (6246 is n3 in D.96B: -18 is written -018) and RNG+5 for its range
 * DangerousGoods   DGS+IMD+class+UN number
 *                  COARRI: both in the EQD group; D.96B CODECO's EQD group has neither, so there each such
 *                  container gets a goods item (GID+n) with its TMP, RNG and DGS, placed in it by SGP
 * Carrier          NAD+CA: once for the message when every event has the same carrier, else in each EQD group
 * </pre>
 *
 * UNB: towards a receiver, the gateway's id and the receiver's as its agreement names them
 * ({@link PartnerProfile#edifact()}); without one (the command line, the sandbox terminal), the reporter to the
 * recipient given to the constructor, qualifier ZZZ. UNB 0020 is the recipient's next control reference; the message
 * reference (UNH 0062) is derived from the batch id, so the same batch keeps it.
 */
public class CodecoCoarriWriter implements OutboundTranslator {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DTM_203 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final DateTimeFormatter DTM_304 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final String PARTY_SENDER = "MS";
    static final String STAGE_MAIN_CARRIAGE = "20";
    static final String STAGE_EQUIPMENT = "1";
    static final String TOTAL_EQUIPMENT = "16";
    /** DGS 8273: the IMDG Code. */
    static final String DG_REGULATIONS_IMDG = "IMD";

    private final String recipient;
    private final Clock clock;
    private final ControlReferences references;

    /** Without a receiver addressed to the gateway (CASW-GATEWAY), dated by the system clock. */
    public CodecoCoarriWriter() {
        this(EdifactAgreement.GATEWAY_ID, Clock.systemUTC());
    }

    /** Control references counted in memory from the clock's epoch millisecond (command line, sandbox, tests). */
    public CodecoCoarriWriter(String recipient, Clock clock) {
        this(recipient, clock, ControlReferences.counting(clock.millis()));
    }

    /**
     * @param recipient  UNB S003/0010 without a receiver's agreement
     * @param clock      the preparation time of UNB and DTM+137 (China time)
     * @param references UNB/UNZ 0020 per recipient
     */
    public CodecoCoarriWriter(String recipient, Clock clock, ControlReferences references) {
        this.recipient = recipient;
        this.clock = clock;
        this.references = references;
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.CONTAINER_EVENT;
    }

    /** Addressed from the batch's reporter to the recipient given to the constructor. */
    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        return translate(type, nativeXml, null);
    }

    /** Addressed from the gateway to the receiver, as its agreement names both. */
    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml, PartnerProfile receiver) {
        return translate(type, nativeXml, EdifactOut.Parties.towards(receiver.edifact()));
    }

    private Translation translate(DocumentType type, byte[] nativeXml, EdifactOut.Parties parties) {
        if (type != DocumentType.CONTAINER_EVENT) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED, null,
                    type + " is not written as CODECO or COARRI; only CONTAINER_EVENT is.")));
        }
        Object document;
        try {
            document = NativeXml.read(nativeXml);
        } catch (Exception e) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, null,
                    "The container events cannot be read: " + e.getMessage())));
        }
        if (!(document instanceof ContainerEvents events)) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, "/",
                    "The document is not a ContainerEvents batch.")));
        }
        Expressible check = new Expressible();
        byte[] edifact = write(events, parties, check);
        if (edifact == null || !check.ok()) {
            return Translation.refused(type, check.ok()
                    ? List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, "/ContainerEvents",
                            "The events cannot be written."))
                    : check.violations());
        }
        return Translation.of(edifact, type, "application/EDIFACT");
    }

    /** The message type (CODECO or COARRI) of a batch of this event type, or null when it has none. */
    static String messageType(EventType type) {
        return switch (type) {
            case GATE_IN, GATE_OUT -> "CODECO";
            case DISCHARGE, LOAD -> "COARRI";
            default -> null;
        };
    }

    private static String documentName(EventType type) {
        return switch (type) {
            case GATE_IN -> "34";
            case GATE_OUT -> "36";
            case DISCHARGE -> "44";
            case LOAD -> "46";
            default -> null;
        };
    }

    private byte[] write(ContainerEvents events, EdifactOut.Parties parties, Expressible check) {
        List<Event> list = events.getEvent();
        if (list.isEmpty()) {
            check.refuse("/ContainerEvents/Event", "A CODECO or COARRI reports at least one container.");
            return null;
        }
        EventType type = list.get(0).getEventType();
        String messageType = messageType(type);
        if (messageType == null) {
            check.refuse("/ContainerEvents/Event[1]/EventType", type + " has no CODECO or COARRI counterpart; "
                    + "GATE_IN and GATE_OUT are written as CODECO, DISCHARGE and LOAD as COARRI.");
            return null;
        }
        String batchId = check.text(events.getBatchId(), 35, "/ContainerEvents/BatchId", "BGM 1004");
        String reporter = check.text(events.getReporter(), 35, "/ContainerEvents/Reporter", "NAD C082/3039");
        boolean coarri = "COARRI".equals(messageType);
        TransportMeans messageMeans = coarri ? list.get(0).getTransportMeans() : null;
        if (coarri && messageMeans == null) {
            check.refuse("/ContainerEvents/Event[1]/TransportMeans",
                    "A COARRI names its vessel (TDT, mandatory); the first event has no transport means.");
        }
        for (int i = 0; i < list.size(); i++) {
            checkEvent(list.get(i), i + 1, type, events.getBatchId(), messageMeans, check);
        }
        if (messageMeans != null) {
            checkMeans(messageMeans, "/ContainerEvents/Event[1]/TransportMeans", check);
        }
        if (!check.ok()) {
            return null;
        }
        OffsetDateTime prepared = OffsetDateTime.now(clock).withOffsetSameInstant(CHINA);
        EdifactOut out = EdifactOut.open(parties != null ? parties : EdifactOut.Parties.between(reporter, recipient), prepared, references,
                messageType, null, EdifactOut.derivedReference(batchId));
        out.segment("BGM", c(documentName(type)), batchId, "9");
        out.segment("DTM", c(CuscarMapping.DATE_MESSAGE, prepared.format(DTM_203), "203"));
        if (messageMeans != null) {
            transport(out, STAGE_MAIN_CARRIAGE, messageMeans);
        }
        out.segment("NAD", PARTY_SENDER, c(reporter, null, CuscarMapping.AGENCY_MUTUAL));
        String messageCarrier = sharedCarrier(list);
        if (messageCarrier != null) {
            out.segment("NAD", CodecoCoarriTranslator.CARRIER, c(messageCarrier, null, CuscarMapping.AGENCY_MUTUAL));
        }
        if (!coarri) {
            goodsItems(out, list);
        }
        String timeQualifier = coarri ? "203" : "7";
        for (Event event : list) {
            out.segment("EQD", CuscarMapping.EQUIPMENT_CONTAINER, c(event.getContainerNumber()),
                    event.getSizeType() == null ? null : c(event.getSizeType(), "102", "5"), null, null,
                    event.getFullEmpty() == null ? null : switch (event.getFullEmpty()) {
                        case F -> "5";
                        case E -> "4";
                    });
            for (String bill : event.getBillNo()) {
                out.segment("RFF", c(CuscarMapping.REFERENCE_BILL, bill));
            }
            for (String booking : event.getBookingNo()) {
                out.segment("RFF", c(CodecoCoarriTranslator.REFERENCE_BOOKING, booking));
            }
            out.segment("DTM", c(timeQualifier, dtm304(event.getOccurredAt()), "304"));
            Location location = event.getLocation();
            out.segment("LOC", CodecoCoarriTranslator.PLACE_EVENT,
                    c(location.getUnLocode(), CuscarMapping.CODE_LIST_LOCODE, CuscarMapping.AGENCY_UNECE),
                    c(location.getFacilityCode(), facilityType(location), CuscarMapping.AGENCY_MUTUAL));
            Weight weight = event.getGrossWeight();
            if (weight != null) {
                out.segment("MEA", CodecoCoarriTranslator.MEASURE_WEIGHT, c(CodecoCoarriTranslator.WEIGHT_GROSS),
                        c(weight.getUnit().value(), weight.getValue().toPlainString()));
            }
            if (coarri) {
                temperature(out, event.getSetTemperature());
            }
            for (String seal : event.getSealNo()) {
                out.segment("SEL", seal, c(CuscarMapping.SEALING_CARRIER));
            }
            if (coarri) {
                dangerousGoods(out, event);
            }
            if (event.getTransportMeans() != null && !same(event.getTransportMeans(), messageMeans)) {
                transport(out, STAGE_EQUIPMENT, event.getTransportMeans());
            }
            if (messageCarrier == null && event.getCarrier() != null) {
                out.segment("NAD", CodecoCoarriTranslator.CARRIER, c(event.getCarrier(), null, CuscarMapping.AGENCY_MUTUAL));
            }
        }
        out.segment("CNT", c(TOTAL_EQUIPMENT, String.valueOf(list.size())));
        byte[] bytes = out.finish();
        if (bytes == null) {
            out.errors().forEach(e -> check.refuse(null, "The " + messageType + " writer refused a segment: " + e));
        }
        return bytes;
    }

    /** CODECO: a goods item per container with a set temperature or dangerous goods, placed in it by SGP. */
    private static void goodsItems(EdifactOut out, List<Event> events) {
        int item = 0;
        for (Event event : events) {
            if (event.getSetTemperature() == null && event.getDangerousGoods().isEmpty()) {
                continue;
            }
            out.segment("GID", String.valueOf(++item));
            temperature(out, event.getSetTemperature());
            out.segment("SGP", c(event.getContainerNumber()));
            dangerousGoods(out, event);
        }
    }

    private static void temperature(EdifactOut out, Temperature set) {
        if (set == null) {
            return;
        }
        out.segment("TMP", CodecoCoarriTranslator.TEMPERATURE_TRANSPORT, c(TemperatureSetting.toN3(set.getValue()), set.getUnit().value()));
        if (set.getMin() != null || set.getMax() != null) {
            out.segment("RNG", CodecoCoarriTranslator.RANGE_TEMPERATURE, c(set.getUnit().value(),
                    set.getMin() == null ? null : set.getMin().toPlainString(),
                    set.getMax() == null ? null : set.getMax().toPlainString()));
        }
    }

    private static void dangerousGoods(EdifactOut out, Event event) {
        for (DangerousGoods goods : event.getDangerousGoods()) {
            out.segment("DGS", DG_REGULATIONS_IMDG, c(goods.getHazardClass()), goods.getUnNumber() == null ? null : c(goods.getUnNumber()));
        }
    }

    /** The one carrier of every event, written once as the message's NAD+CA; null when they differ or one has none. */
    private static String sharedCarrier(List<Event> events) {
        String first = events.get(0).getCarrier();
        return first != null && events.stream().allMatch(e -> first.equals(e.getCarrier())) ? first : null;
    }

    private static void checkEvent(Event event, int n, EventType type, String batchId, TransportMeans messageMeans, Expressible check) {
        String at = "/ContainerEvents/Event[" + n + "]";
        for (int b = 0; b < event.getBookingNo().size(); b++) {
            check.text(event.getBookingNo().get(b), 35, at + "/BookingNo[" + (b + 1) + "]", "RFF C506/1154");
        }
        check.text(event.getCarrier(), 35, at + "/Carrier", "NAD C082/3039");
        if (event.getGrossWeight() != null) {
            check.text(event.getGrossWeight().getValue().toPlainString(), 18, at + "/GrossWeight", "MEA C174/6314");
        }
        Temperature set = event.getSetTemperature();
        if (set != null && TemperatureSetting.toN3(set.getValue()) == null) {
            check.refuse(at + "/SetTemperature", "'" + set.getValue() + "' does not fit TMP C239 6246, three digits (n3) with at most "
                    + "two decimals, e.g. -018 or 04.5.");
        }

        if (event.getEventType() != type) {
            check.refuse(at + "/EventType", event.getEventType() + " cannot share a " + Objects.toString(messageType(type), "")
                    + " with " + type + " (event 1): BGM carries one event type per message; send them as separate batches.");
        }
        String expectedId = batchId + "-" + String.format("%02d", n);
        if (!expectedId.equals(event.getEventId())) {
            check.refuse(at + "/EventId", "'" + event.getEventId() + "' cannot travel in a CODECO or COARRI, whose event ids are "
                    + "the batch id and the EQD group's number; this event would be read back as " + expectedId + ".");
        }
        check.text(event.getContainerNumber(), 17, at + "/ContainerNumber", "EQD C237/8260");
        check.text(event.getSizeType(), 10, at + "/SizeType", "EQD C224/8155");
        for (int b = 0; b < event.getBillNo().size(); b++) {
            check.text(event.getBillNo().get(b), 35, at + "/BillNo[" + (b + 1) + "]", "RFF C506/1154");
        }
        for (int s = 0; s < event.getSealNo().size(); s++) {
            check.text(event.getSealNo().get(s), 10, at + "/SealNo[" + (s + 1) + "]", "SEL 9308");
        }
        Location location = event.getLocation();
        if (location == null) {
            check.refuse(at + "/Location", "The event place (LOC+165) is mandatory.");
        } else {
            check.text(location.getFacilityCode(), 25, at + "/Location/FacilityCode", "LOC C519/3223");
            if (location.getFacilityCode() == null) {
                check.refuse(at + "/Location/FacilityCode", "The event place needs its facility code (LOC C519/3223).");
            }
            if (facilityType(location) == null) {
                check.refuse(at + "/Location/FacilityType", "Facility type " + location.getFacilityType() + " has no LOC C519/1131 code.");
            }
        }
        XMLGregorianCalendar time = event.getOccurredAt();
        if (time == null || time.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            check.refuse(at + "/OccurredAt", "The event time needs its UTC offset (DTM format 304).");
        } else if (time.getFractionalSecond() != null && time.getFractionalSecond().compareTo(BigDecimal.ZERO) != 0) {
            check.refuse(at + "/OccurredAt", "'" + time
                    + "' has fractions of a second, which DTM format 304 (CCYYMMDDHHMMSS) cannot carry.");
        }
        TransportMeans means = event.getTransportMeans();
        if (means == null && messageMeans != null) {
            check.refuse(at + "/TransportMeans",
                    "An event without transport means would be read back with the vessel of event 1 (the COARRI's TDT).");
        } else if (means != null && !same(means, messageMeans)) {
            checkMeans(means, at + "/TransportMeans", check);
        }
    }

    private static void checkMeans(TransportMeans means, String at, Expressible check) {
        if (means.getMode() == null) {
            check.refuse(at + "/Mode", "TDT C220/8067 needs the mode of transport.");
        }
        if (trainByNumber(means)) {
            check.text(means.getId(), 17, at + "/Id", "TDT 8028");
        } else if (!imo(means.getId())) {
            check.text(means.getId(), 9, at + "/Id", "TDT C222/8213");
        }
        check.text(means.getJourneyId(), 17, at + "/JourneyId", "TDT 8028");
    }

    /** SMDG names a train by its number in TDT 8028; with a journey id there, the train goes to C222. */
    private static boolean trainByNumber(TransportMeans means) {
        return means.getMode() == TransportMode.RAIL && means.getJourneyId() == null;
    }

    private static void transport(EdifactOut out, String stage, TransportMeans means) {
        boolean imo = imo(means.getId());
        String mode = switch (means.getMode()) {
            case SEA -> "1";
            case RAIL -> "2";
            case ROAD -> "3";
        };
        if (trainByNumber(means)) {
            out.segment("TDT", stage, means.getId(), c(mode));
            return;
        }
        out.segment("TDT", stage, means.getJourneyId(), c(mode), null, null, null, null,
                imo ? c(means.getId().substring(3), CuscarMapping.CODE_LIST_MEANS, CuscarMapping.AGENCY_LLOYDS) : c(means.getId()));
    }

    private static boolean imo(String id) {
        return id != null && id.matches("IMO[0-9]{7}");
    }

    private static boolean same(TransportMeans a, TransportMeans b) {
        return a != null && b != null && a.getMode() == b.getMode() && Objects.equals(a.getId(), b.getId())
                && Objects.equals(a.getJourneyId(), b.getJourneyId());
    }

    private static String facilityType(Location location) {
        if (location.getFacilityType() == null) {
            return null;
        }
        return switch (location.getFacilityType()) {
            case TERMINAL -> "TER";
            case RAIL_STATION -> "RLS";
            case BONDED_ZONE -> "BZN";
            case DEPOT -> "DEP";
        };
    }

    /** CCYYMMDDHHMMSS and the offset, whole hours as +08 (as the Qinzhou samples), else +HHMM. */
    static String dtm304(XMLGregorianCalendar time) {
        OffsetDateTime at = time.toGregorianCalendar().toZonedDateTime().toOffsetDateTime();
        int seconds = at.getOffset().getTotalSeconds();
        int abs = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "+";
        String offset = abs % 3600 == 0 ? String.format("%s%02d", sign, abs / 3600)
                : String.format("%s%02d%02d", sign, abs / 3600, (abs % 3600) / 60);
        return at.format(DTM_304) + offset;
    }
}
