package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Carrier;
import org.casw.schemas.manifest.Classification;
import org.casw.schemas.manifest.Commodity;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.ConsignmentPackaging;
import org.casw.schemas.manifest.Contact;
import org.casw.schemas.manifest.DangerousGoods;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.EquipmentIdentification;
import org.casw.schemas.manifest.FunctionCode;
import org.casw.schemas.manifest.GoodsMeasure;
import org.casw.schemas.manifest.Head;
import org.casw.schemas.manifest.LoadingLocation;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.MessageType;
import org.casw.schemas.manifest.PackingGroupCode;
import org.casw.schemas.manifest.Party;
import org.casw.schemas.manifest.Temperature;
import org.casw.schemas.manifest.TemperatureUnitCode;
import org.casw.schemas.manifest.TransportDocument;
import org.casw.schemas.manifest.TransportEquipment;
import org.casw.schemas.manifest.UnloadingLocation;

/**
 * Reads a UN/EDIFACT CUSCAR (directory D.96B) from a carrier or port into the native China manifest
 * ({@code urn:casw:cn:manifest:1}). The mapping, shared with {@link CuscarWriter}, is documented in
 * {@link CuscarMapping}: BGM 1001 {@code 85} (customs manifest) is an MT1101 import original manifest,
 * {@code 785} (cargo manifest) an MT2101 export pre-stowage manifest.
 */
public class CuscarTranslator implements InboundTranslator {

    public static final String FORMAT = "EDIFACT-D96B";

    private final int maxBytes;

    /** Accepts interchanges up to the gateway's default payload limit (10 MB). */
    public CuscarTranslator() {
        this(EdifactMessageReader.DEFAULT_MAX_BYTES);
    }

    /** Accepts interchanges up to {@code maxBytes}; larger ones are refused before parsing. */
    public CuscarTranslator(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean recognises(byte[] payload) {
        return EdifactInterchange.sniff(payload).map(i -> "CUSCAR".equals(i.messageType())).orElse(false);
    }

    @Override
    public Translation toNative(byte[] payload) {
        Reading reading = new Reading();
        EdifactMessageReader.Result result = EdifactMessageReader.read(payload, Set.of("CUSCAR"), 1, reading, maxBytes);
        if (result.problems().any()) {
            return Translation.refused(DocumentType.MANIFEST, result.problems().all());
        }
        return Translation.of(NativeXml.write(reading.manifest), DocumentType.MANIFEST, "application/xml");
    }

    /** Builds the manifest segment by segment; remembers only which group it is in. */
    private static final class Reading implements EdifactMessageReader.Handler {

        /**
         * Where in the D.96B segment table the reader is: the header's parties (SG2), the main transport
         * (SG4), equipment (SG5), a consignment (SG7), its bill (SG8), the bill's on-carriage (SG9), parties
         * (SG11) and quantities (SG13, SG16), a goods item (SG14), the authentication (SG17).
         */
        private enum Section { HEADER, TRANSPORT, EQUIPMENT, CONSIGNMENT, BILL, ONWARD, PARTY, QUANTITY, GOODS, AUTHENTICATION }

        private final Manifest manifest = new Manifest();
        private final Head head = new Head();
        private final Declaration declaration = new Declaration();
        private final BorderTransportMeans means = new BorderTransportMeans();
        private final LoadingLocation loading = new LoadingLocation();
        private final UnloadingLocation unloading = new UnloadingLocation();
        /** Containers in EQD order; each goes to the first consignment whose goods name it in SGP. */
        private final List<TransportEquipment> equipment = new ArrayList<>();
        private final Map<Consignment, List<String>> containersNamed = new LinkedHashMap<>();
        private Section section = Section.HEADER;
        private Consignment consignment;
        private ConsignmentItem item;
        private TransportEquipment container;
        /** The contacts of the party the last NAD named, or null when that party is not kept. */
        private List<Contact> contacts;
        private Contact contact;

        Reading() {
            manifest.setHead(head);
            manifest.setDeclaration(declaration);
            declaration.setBorderTransportMeans(means);
            declaration.setLoadingLocation(loading);
            declaration.setUnloadingLocation(unloading);
            head.setVersion(CuscarMapping.DEFAULT_VERSION);
        }

        @Override
        public void segment(Segment s, EdifactMessageReader.Problems problems) {
            switch (s.tag()) {
                case "UNB" -> {
                    head.setSenderID(s.value(2, 1));
                    head.setReceiverID(s.value(3, 1));
                }
                case "UNH" -> {
                    if (s.value(2, 5) != null) {
                        head.setVersion(s.value(2, 5));
                    }
                }
                case "BGM" -> beginning(s, problems);
                case "DTM" -> date(s, problems);
                case "NAD" -> party(s);
                case "CTA" -> contact(s);
                case "COM" -> communication(s);
                case "TDT" -> transport(s);
                case "LOC" -> location(s);
                case "EQD" -> equipment(s, problems);
                case "SEL" -> {
                    if (section == Section.EQUIPMENT && container != null) {
                        container.getSealID().add(s.value(1));
                    }
                }
                case "TMP" -> temperature(s, problems);
                case "CNI" -> consignment(s);
                case "RFF" -> reference(s);
                case "CNT" -> total(s, problems);
                case "QTY" -> {
                    if (consignment != null) {
                        section = Section.QUANTITY;
                    }
                }
                case "GID" -> goods(s, problems);
                case "FTX" -> text(s);
                case "PIA" -> product(s, problems);
                case "CST" -> customsStatus(s);
                case "DGS" -> dangerousGoods(s, problems);
                case "MEA" -> measure(s, problems);
                case "SGP" -> placement(s, problems);
                case "AUT" -> section = Section.AUTHENTICATION;
                default -> {
                    // UNT, UNZ and what the directory allows but the manifest has no place for (GIS, TSR, DIM, RNG, HAN, PAC, ...)
                }
            }
        }

        private void beginning(Segment s, EdifactMessageReader.Problems problems) {
            String name = s.value(1, 1);
            MessageType type = CuscarMapping.messageType(name);
            if (type == null) {
                problems.unmappable(s, "C002/1001", "document name code '" + name + "' has no manifest type; "
                        + CuscarMapping.DOCUMENT_CUSTOMS_MANIFEST + " (customs manifest) is MT1101, "
                        + CuscarMapping.DOCUMENT_CARGO_MANIFEST + " (cargo manifest) is MT2101.");
            }
            head.setMessageType(type);
            head.setMessageID(s.value(2));
            String function = s.value(3);
            try {
                head.setFunctionCode(function == null ? null : FunctionCode.fromValue(function));
            } catch (IllegalArgumentException e) {
                problems.unmappable(s, "1225", "message function '" + function + "' is not one the manifest knows (2, 3, 5 or 9).");
            }
        }

        private void date(Segment s, EdifactMessageReader.Problems problems) {
            String qualifier = s.value(1, 1);
            String value = EdifactText.toDateTime17(s.value(1, 2), s.value(1, 3));
            if (value == null) {
                problems.unmappable(s, "C507/2380", "date '" + s.value(1, 2) + "' in format " + s.value(1, 3)
                        + " cannot be read; use format 102, 203 or 204.");
                return;
            }
            if (section == Section.HEADER && CuscarMapping.DATE_MESSAGE.equals(qualifier)) {
                head.setSendTime(value);
            } else if (section == Section.TRANSPORT) {
                switch (Objects.toString(qualifier, "")) {
                    case CuscarMapping.DATE_ARRIVAL_ESTIMATED -> means.setArrivalDateTime(value);
                    case CuscarMapping.DATE_DEPARTURE_ESTIMATED -> means.setDepartureDateTime(value);
                    case CuscarMapping.DATE_LOADING -> loading.setLoadingDateTime(value);
                    case CuscarMapping.DATE_UNLOADING_ARRIVAL -> unloading.setArrivalDateTime(value);
                    default -> {
                        // other transport dates have no place in the manifest
                    }
                }
            }
        }

        private void party(Segment s) {
            String function = s.value(1);
            contacts = null;
            contact = null;
            if (consignment == null) {
                if (CuscarMapping.PARTY_CARRIER.equals(function) && s.value(2, 1) != null) {
                    Carrier carrier = new Carrier();
                    carrier.setID(s.value(2, 1));
                    declaration.setCarrier(carrier);
                    contacts = carrier.getContact();
                }
                return;
            }
            section = Section.PARTY;
            Party party = new Party();
            party.setID(s.value(2, 1));
            party.setName(EdifactText.join(s.components(4, 1, 5)));
            if (CuscarMapping.PARTY_CONSIGNEE.equals(function)) {
                consignment.setConsignee(party);
                contacts = party.getContact();
            } else if (CuscarMapping.PARTY_CONSIGNOR.equals(function)) {
                consignment.setConsignor(party);
                contacts = party.getContact();
            }
            // NAD+NI (notify party) and others: the native manifest has no place for them
        }

        /** CTA under a kept party: any contact function is kept, its C056/3412 name too. */
        private void contact(Segment s) {
            if (contacts == null || (section != Section.HEADER && section != Section.PARTY)) {
                contact = null;
                return;
            }
            contact = new Contact();
            contact.setName(s.value(2, 2));
            contacts.add(contact);
        }

        private void communication(Segment s) {
            if (contact == null) {
                return;
            }
            String number = s.value(1, 1);
            String channel = s.value(1, 2);
            if (CuscarMapping.CHANNEL_TELEPHONE.equals(channel) && contact.getTelephone() == null) {
                contact.setTelephone(number);
            } else if (CuscarMapping.CHANNEL_EMAIL.equals(channel) && contact.getEmail() == null) {
                contact.setEmail(number);
            }
            // fax, telex and the rest: the native contact has no place for them
        }

        private void transport(Segment s) {
            if (consignment != null) {
                section = Section.ONWARD; // a bill's own carriage (SG9), not the border crossing
                return;
            }
            section = Section.TRANSPORT;
            means.setJourneyID(s.value(2));
            means.setTypeCode(s.value(3, 1));
            String id = s.value(8, 1);
            means.setID(id != null && CuscarMapping.AGENCY_LLOYDS.equals(s.value(8, 3)) ? "IMO" + id : id);
            means.setName(s.value(8, 4));
        }

        private void location(Segment s) {
            if (section != Section.TRANSPORT) {
                return;
            }
            String place = s.value(2, 1);
            switch (Objects.toString(s.value(1), "")) {
                case CuscarMapping.PLACE_CUSTOMS_OFFICE -> declaration.setDeclarationOfficeID(place);
                case CuscarMapping.PLACE_LOADING -> loading.setID(place);
                case CuscarMapping.PLACE_DISCHARGE -> unloading.setID(place);
                case CuscarMapping.PLACE_FIRST_ARRIVAL -> means.setFirstArrivalLocationID(place);
                default -> {
                    // other places of the journey have no place in the manifest
                }
            }
        }

        private void equipment(Segment s, EdifactMessageReader.Problems problems) {
            section = Section.EQUIPMENT;
            container = null;
            if (!CuscarMapping.EQUIPMENT_CONTAINER.equals(s.value(1))) {
                problems.unmappable(s, "8053", "equipment qualifier '" + s.value(1)
                        + "' is not a container (CN); the manifest lists containers only.");
                return;
            }
            container = new TransportEquipment();
            EquipmentIdentification id = new EquipmentIdentification();
            id.setID(s.value(2, 1));
            container.setEquipmentIdentification(id);
            container.setCharacteristicCode(s.value(3, 1));
            container.setFullnessCode(s.value(6));
            equipment.add(container);
        }

        /** TMP+2 (transport temperature) in the reefer's SG6 is its set temperature; other TMPs are not kept. */
        private void temperature(Segment s, EdifactMessageReader.Problems problems) {
            if (section != Section.EQUIPMENT || container == null || !CuscarMapping.TEMPERATURE_TRANSPORT.equals(s.value(1))
                    || container.getSetTemperature() != null) {
                return;
            }
            Temperature setting = temperature(s, 2, "C239/6246", problems);
            if (setting != null) {
                container.setSetTemperature(setting);
            }
        }

        /** The temperature in a composite of value and 6411 unit (C239 of TMP, C223 of DGS); no unit reads as CEL. */
        private static Temperature temperature(Segment s, int element, String path, EdifactMessageReader.Problems problems) {
            String text = s.value(element, 1);
            if (text == null) {
                return null;
            }
            BigDecimal value = TemperatureSetting.fromText(text);
            String unit = Objects.toString(s.value(element, 2), CuscarMapping.UNIT_CELSIUS);
            if (value == null) {
                problems.unmappable(s, path, "temperature '" + text + "' is not a number.");
                return null;
            }
            if (!CuscarMapping.UNIT_CELSIUS.equals(unit) && !CuscarMapping.UNIT_FAHRENHEIT.equals(unit)) {
                problems.unmappable(s, path.substring(0, 5) + "6411", "temperature unit '" + unit + "' is not CEL or FAH.");
                return null;
            }
            Temperature temperature = new Temperature();
            temperature.setValue(value);
            temperature.setUnitCode(TemperatureUnitCode.fromValue(unit));
            return temperature;
        }

        private void consignment(Segment s) {
            section = Section.CONSIGNMENT;
            consignment = new Consignment();
            item = null;
            String bill = s.value(2, 1);
            if (bill != null) {
                consignment.setTransportContractDocument(document(bill));
            }
            declaration.getConsignment().add(consignment);
            containersNamed.put(consignment, new ArrayList<>());
        }

        private void reference(Segment s) {
            // an RFF starts a bill group (SG8) after the CNI or after the previous bill's goods items; elsewhere
            // (header SG1, on-carriage SG10, party SG11) it refers to something the manifest does not keep
            if (consignment == null || (section != Section.CONSIGNMENT && section != Section.GOODS && section != Section.QUANTITY)) {
                return;
            }
            section = Section.BILL;
            String qualifier = s.value(1, 1);
            String number = s.value(1, 2);
            if (CuscarMapping.REFERENCE_HOUSE_BILL.equals(qualifier)) {
                consignment.setAssociatedTransportDocument(document(number));
            } else if (CuscarMapping.REFERENCE_BILL.equals(qualifier) && consignment.getTransportContractDocument() == null) {
                consignment.setTransportContractDocument(document(number));
            }
        }

        private void total(Segment s, EdifactMessageReader.Problems problems) {
            if (consignment == null || (section != Section.CONSIGNMENT && section != Section.BILL)) {
                return;
            }
            String qualifier = s.value(1, 1);
            String value = s.value(1, 2);
            if (CuscarMapping.TOTAL_GROSS_WEIGHT.equals(qualifier)) {
                BigDecimal kilograms = kilograms(s, value, s.value(1, 3), "C270/6066", problems);
                if (kilograms != null) {
                    consignment.setTotalGrossMassMeasure(kilograms);
                }
            } else if (CuscarMapping.TOTAL_PACKAGES.equals(qualifier)) {
                try {
                    ConsignmentPackaging packaging = new ConsignmentPackaging();
                    packaging.setQuantityQuantity(new BigDecimal(value).intValueExact());
                    consignment.setConsignmentPackaging(packaging);
                } catch (ArithmeticException | NumberFormatException e) {
                    problems.unmappable(s, "C270/6066", "number of packages '" + value + "' is not a whole number.");
                }
            }
        }

        private void goods(Segment s, EdifactMessageReader.Problems problems) {
            if (consignment == null) {
                return;
            }
            section = Section.GOODS;
            item = new ConsignmentItem();
            String number = s.value(1);
            if (number == null) {
                problems.unmappable(s, "1496", "goods item number is needed for the manifest's item sequence number.");
            } else {
                item.setSequenceNumeric(Integer.parseInt(number));
            }
            item.setCommodity(new Commodity());
            consignment.getConsignmentItem().add(item);
        }

        private void text(Segment s) {
            if (section != Section.GOODS || item == null || !CuscarMapping.TEXT_GOODS_DESCRIPTION.equals(s.value(1))) {
                return;
            }
            String text = EdifactText.join(s.components(4, 1, 5));
            String before = item.getCommodity().getCargoDescription();
            item.getCommodity().setCargoDescription(before == null ? text : before + " " + text);
        }

        /** CST: the HS code is the first C246 whose 7361 is a tariff number (6 to 12 digits, dots allowed). */
        private void customsStatus(Segment s) {
            if (section != Section.GOODS || item == null) {
                return;
            }
            for (int e = 2; e <= 6; e++) {
                String code = s.value(e, 1);
                if (code != null && code.replace(".", "").matches("[0-9]{6,12}")) {
                    classify(code.replace(".", "").substring(0, 6));
                    return;
                }
            }
            // customs procedure or preference codes only: no HS code
        }

        /** PIA C212 with 7143 HS, where a partner's directory has PIA in the goods item; CST wins when both are sent. */
        private void product(Segment s, EdifactMessageReader.Problems problems) {
            if (section != Section.GOODS || item == null) {
                return;
            }
            for (int e = 2; e <= 6; e++) {
                if (CuscarMapping.ITEM_TYPE_HS.equals(s.value(e, 2)) && s.value(e, 1) != null) {
                    String code = s.value(e, 1).replace(".", "");
                    if (code.length() < 6) {
                        problems.unmappable(s, "C212/7140", "HS code '" + s.value(e, 1) + "' has fewer than the 6 digits of a subheading.");
                        return;
                    }
                    if (item.getCommodity().getClassification() == null) {
                        classify(code.substring(0, 6));
                    }
                    return;
                }
            }
        }

        private void classify(String subheading) {
            Classification classification = new Classification();
            classification.setID(subheading);
            item.getCommodity().setClassification(classification);
        }

        private void dangerousGoods(Segment s, EdifactMessageReader.Problems problems) {
            if (section != Section.GOODS || item == null) {
                return;
            }
            DangerousGoods goods = new DangerousGoods();
            goods.setRegulationCode(s.value(1));
            goods.setHazardClassID(s.value(2, 1));
            goods.setUNDGID(s.value(3, 1));
            goods.setFlashpointTemperature(temperature(s, 4, "C223/7106", problems));
            String group = s.value(5);
            if (group != null) {
                goods.setPackingGroupCode(switch (group) {
                    case "1" -> PackingGroupCode.I;
                    case "2" -> PackingGroupCode.II;
                    default -> PackingGroupCode.III; // 8339 lists 1, 2 and 3 only; the directory checked it
                });
            }
            item.getDangerousGoods().add(goods);
        }

        private void measure(Segment s, EdifactMessageReader.Problems problems) {
            if (section != Section.GOODS || item == null || !CuscarMapping.MEASURE_GROSS_WEIGHT.equals(s.value(2, 1))) {
                return;
            }
            BigDecimal kilograms = kilograms(s, s.value(3, 2), s.value(3, 1), "C174/6314", problems);
            if (kilograms != null) {
                GoodsMeasure measure = new GoodsMeasure();
                measure.setGrossMassMeasure(kilograms);
                item.setGoodsMeasure(measure);
            }
        }

        private void placement(Segment s, EdifactMessageReader.Problems problems) {
            if (section != Section.GOODS || item == null) {
                return;
            }
            String number = s.value(1, 1);
            if (item.getEquipmentIdentification() != null) {
                problems.unmappable(s, "C237/8260", "goods item " + item.getSequenceNumeric() + " is already placed in "
                        + item.getEquipmentIdentification().getID()
                        + "; a manifest item names one container (split it into one GID per container).");
                return;
            }
            EquipmentIdentification id = new EquipmentIdentification();
            id.setID(number);
            item.setEquipmentIdentification(id);
            containersNamed.get(consignment).add(number);
        }

        private static BigDecimal kilograms(Segment s, String value, String unit, String element, EdifactMessageReader.Problems problems) {
            if (value == null) {
                problems.unmappable(s, element, "the weight has no value.");
                return null;
            }
            BigDecimal amount = new BigDecimal(value);
            if (CuscarMapping.UNIT_KILOGRAM.equals(unit)) {
                return amount;
            }
            if (CuscarMapping.UNIT_TONNE.equals(unit)) {
                return amount.movePointRight(3).stripTrailingZeros();
            }
            problems.unmappable(s, element, "weight unit '" + unit + "' is not KGM or TNE.");
            return null;
        }

        private static TransportDocument document(String id) {
            TransportDocument document = new TransportDocument();
            document.setID(id);
            return document;
        }

        @Override
        public void end(EdifactMessageReader.Problems problems) {
            for (TransportEquipment unit : equipment) {
                String number = unit.getEquipmentIdentification().getID();
                Consignment owner = containersNamed.entrySet().stream()
                        .filter(e -> e.getValue().contains(number) && e.getKey().getTransportEquipment().stream()
                                .noneMatch(t -> number.equals(t.getEquipmentIdentification().getID())))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (owner == null) {
                    problems.unmappable("CUSCAR/EQD", "Container " + number
                            + " (EQD) is named by no goods item (SGP), so it belongs to no bill of the manifest.");
                } else {
                    owner.getTransportEquipment().add(unit);
                }
            }
            require(head.getMessageID(), "CUSCAR/BGM/1004", "BGM 1004 (document number) is the manifest's message id.", problems);
            require(head.getMessageType(), "CUSCAR/BGM/C002/1001", "BGM C002/1001 decides the manifest type.", problems);
            require(head.getFunctionCode(), "CUSCAR/BGM/1225", "BGM 1225 (message function) is the manifest's function code.", problems);
            require(head.getSenderID(), "INTERCHANGE/UNB/S002/0004", "UNB S002/0004 (sender) is the manifest's sender.", problems);
            require(head.getReceiverID(), "INTERCHANGE/UNB/S003/0010", "UNB S003/0010 (recipient) is the manifest's receiver.", problems);
            require(head.getSendTime(), "CUSCAR/DTM", "DTM+137 (message date/time) is the manifest's send time.", problems);
            require(declaration.getDeclarationOfficeID(), "CUSCAR/LOC", "LOC+22 (customs office) is the manifest's declaration office.",
                    problems);
            require(means.getJourneyID(), "CUSCAR/TDT/8028", "TDT 8028 (conveyance reference) is the voyage number.", problems);
            require(means.getTypeCode(), "CUSCAR/TDT/C220/8067", "TDT C220/8067 (mode of transport) is needed.", problems);
            require(means.getID(), "CUSCAR/TDT/C222/8213", "TDT C222/8213 (IMO number or train number) is needed.", problems);
            require(means.getName(), "CUSCAR/TDT/C222/8212", "TDT C222/8212 (vessel or train name) is needed.", problems);
            require(loading.getID(), "CUSCAR/LOC", "LOC+9 (port of loading) is needed.", problems);
            require(unloading.getID(), "CUSCAR/LOC", "LOC+11 (port of discharge) is needed.", problems);
            if (declaration.getConsignment().isEmpty()) {
                problems.unmappable("CUSCAR/CNI", "The CUSCAR reports no consignment (CNI); a manifest needs at least one bill.");
            }
            int n = 0;
            for (Consignment c : declaration.getConsignment()) {
                n++;
                String where = "CUSCAR/CNI[" + n + "]";
                require(c.getTransportContractDocument(), where + "/C503/1004", "consignment " + n
                        + " needs its bill number (CNI C503/1004 or RFF+BM).", problems);
                require(c.getConsignmentPackaging(), where, "consignment " + n + " needs its number of packages (CNT+11).", problems);
                require(c.getTotalGrossMassMeasure(), where, "consignment " + n + " needs its gross weight (CNT+7).", problems);
                if (c.getConsignmentItem().isEmpty()) {
                    problems.unmappable(where, "Consignment " + n + " has no goods item (GID).");
                }
                for (ConsignmentItem i : c.getConsignmentItem()) {
                    String at = where + "/GID[" + i.getSequenceNumeric() + "]";
                    require(i.getCommodity().getCargoDescription(), at + "/FTX", "goods item needs its description (FTX+AAA).", problems);
                    require(i.getGoodsMeasure(), at + "/MEA", "goods item needs its gross weight (MEA+WT+G).", problems);
                }
            }
        }

        private static void require(Object value, String path, String why, EdifactMessageReader.Problems problems) {
            if (value == null) {
                problems.unmappable(path, "Missing: " + why);
            }
        }
    }
}
