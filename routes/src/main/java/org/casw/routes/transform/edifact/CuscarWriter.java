package org.casw.routes.transform.edifact;

import java.time.Clock;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.Contact;
import org.casw.schemas.manifest.DangerousGoods;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.Head;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.Party;
import org.casw.schemas.manifest.Temperature;
import org.casw.schemas.manifest.TransportEquipment;

import static org.casw.routes.transform.edifact.CuscarMapping.*;
import static org.casw.routes.transform.edifact.EdifactOut.c;

/**
 * Writes a native MT1101 or MT2101 manifest as a UN/EDIFACT CUSCAR, directory D.96B, for carriers,
 * ports and customs systems that take EDIFACT. The mapping is the one {@link CuscarTranslator}
 * reads ({@link CuscarMapping}); a value the CUSCAR cannot carry (e.g. a seal number longer than SEL
 * 9308 an..10, a set temperature of more than TMP's three digits) is a violation naming the native
 * element, not a truncation. Every segment is validated against the whole D.96B directory as it is
 * written ({@link EdifactOut}).
 *
 * <p>UNB: towards a receiver, the gateway's id and the receiver's as its agreement names them
 * ({@link PartnerProfile#edifact()}); without one (the command-line translator), the manifest's SenderID and
 * ReceiverID, qualifier ZZZ. UNB 0020 is the recipient's next control reference, the date the preparation time.
 */
public class CuscarWriter implements OutboundTranslator {

    private final Clock clock;
    private final ControlReferences references;

    /** For the command line: the system clock, control references counted from the current epoch millisecond. */
    public CuscarWriter() {
        this(Clock.systemUTC(), ControlReferences.counting(System.currentTimeMillis()));
    }

    /**
     * @param clock      the preparation time in UNB
     * @param references UNB/UNZ 0020 per recipient
     */
    public CuscarWriter(Clock clock, ControlReferences references) {
        this.clock = clock;
        this.references = references;
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.MANIFEST;
    }

    /** Addressed as the manifest's head says: from its SenderID to its ReceiverID. */
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
        if (type != DocumentType.MANIFEST) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED, null,
                    type + " is not written as CUSCAR; only MANIFEST is.")));
        }
        Object document;
        try {
            document = NativeXml.read(nativeXml);
        } catch (Exception e) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, null,
                    "The manifest cannot be read: " + e.getMessage())));
        }
        if (!(document instanceof Manifest manifest)) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, "/",
                    "The document is not a Manifest.")));
        }
        Expressible check = new Expressible();
        byte[] edifact = write(manifest, parties, check);
        if (!check.ok()) {
            return Translation.refused(type, check.violations());
        }
        return Translation.of(edifact, type, "application/EDIFACT");
    }

    private byte[] write(Manifest manifest, EdifactOut.Parties parties, Expressible check) {
        Head head = manifest.getHead();
        Declaration declaration = manifest.getDeclaration();
        String documentName = documentName(head.getMessageType());
        if (documentName == null) {
            check.refuse("/Manifest/Head/MessageType", head.getMessageType().value()
                    + " has no CUSCAR counterpart; MT1101 and MT2101 are written as CUSCAR.");
            return null;
        }
        String sender = check.text(head.getSenderID(), 35, "/Manifest/Head/SenderID", "UNB S002/0004");
        String receiverId = check.text(head.getReceiverID(), 35, "/Manifest/Head/ReceiverID", "UNB S003/0010");
        String version = check.text(head.getVersion(), 6, "/Manifest/Head/Version", "UNH S009/0057");
        String messageId = check.text(head.getMessageID(), 35, "/Manifest/Head/MessageID", "BGM 1004");
        BorderTransportMeans means = declaration.getBorderTransportMeans();
        String journey = check.text(means.getJourneyID(), 17, "/Manifest/Declaration/BorderTransportMeans/JourneyID", "TDT 8028");
        String vesselName = check.text(means.getName(), 35, "/Manifest/Declaration/BorderTransportMeans/Name", "TDT C222/8212");
        // CUSCAR needs what China's road and loading messages may leave out
        needed(means.getJourneyID(), "/Manifest/Declaration/BorderTransportMeans/JourneyID", "TDT 8028", check);
        needed(means.getID(), "/Manifest/Declaration/BorderTransportMeans/ID", "TDT C222/8213", check);
        needed(declaration.getLoadingLocation(), "/Manifest/Declaration/LoadingLocation", "LOC+9", check);
        needed(declaration.getUnloadingLocation(), "/Manifest/Declaration/UnloadingLocation", "LOC+11", check);
        if (!declaration.getTransportEquipment().isEmpty()) {
            check.refuse("/Manifest/Declaration/TransportEquipment", "Containers reported without a bill cannot be written: CUSCAR "
                    + "links a container to its bill through an item's SGP.");
        }
        if (!check.ok()) {
            return null;
        }
        boolean imo = means.getID().matches("IMO[0-9]{7}");
        String meansId = imo ? means.getID().substring(3)
                : check.text(means.getID(), 9, "/Manifest/Declaration/BorderTransportMeans/ID", "TDT C222/8213");
        String carrier = declaration.getCarrier() == null ? null
                : check.text(declaration.getCarrier().getID(), 35, "/Manifest/Declaration/Carrier/ID", "NAD C082/3039");
        if (declaration.getCarrier() != null) {
            contacts(declaration.getCarrier().getContact(), "/Manifest/Declaration/Carrier", check);
        }
        // check every value before writing anything, so that all problems are reported at once
        List<Consignment> consignments = declaration.getConsignment();
        for (int c = 0; c < consignments.size(); c++) {
            checkConsignment(consignments.get(c), "/Manifest/Declaration/Consignment[" + (c + 1) + "]", check);
        }
        if (!check.ok()) {
            return null;
        }
        String sendTime = head.getSendTime();
        EdifactOut out = EdifactOut.open(parties != null ? parties : EdifactOut.Parties.between(sender, receiverId), clock, references,
                "CUSCAR", version, null);
        out.segment("BGM", c(documentName), messageId, head.getFunctionCode().value());
        out.segment("DTM", date(DATE_MESSAGE, sendTime));
        if (carrier != null) {
            out.segment("NAD", PARTY_CARRIER, c(carrier));
            contacts(out, declaration.getCarrier().getContact());
        }
        out.segment("TDT", STAGE_MAIN_CARRIAGE, journey, c(means.getTypeCode()), null, null, null, null,
                c(meansId, imo ? CODE_LIST_MEANS : null, imo ? AGENCY_LLOYDS : null, vesselName));
        out.segment("LOC", PLACE_CUSTOMS_OFFICE, c(declaration.getDeclarationOfficeID(), null, AGENCY_MUTUAL));
        out.segment("LOC", PLACE_LOADING, locode(declaration.getLoadingLocation().getID()));
        out.segment("LOC", PLACE_DISCHARGE, locode(declaration.getUnloadingLocation().getID()));
        if (means.getFirstArrivalLocationID() != null) {
            out.segment("LOC", PLACE_FIRST_ARRIVAL, locode(means.getFirstArrivalLocationID()));
        }
        if (means.getArrivalDateTime() != null) {
            out.segment("DTM", date(DATE_ARRIVAL_ESTIMATED, means.getArrivalDateTime()));
        }
        if (means.getDepartureDateTime() != null) {
            out.segment("DTM", date(DATE_DEPARTURE_ESTIMATED, means.getDepartureDateTime()));
        }
        if (declaration.getLoadingLocation().getLoadingDateTime() != null) {
            out.segment("DTM", date(DATE_LOADING, declaration.getLoadingLocation().getLoadingDateTime()));
        }
        if (declaration.getUnloadingLocation().getArrivalDateTime() != null) {
            out.segment("DTM", date(DATE_UNLOADING_ARRIVAL, declaration.getUnloadingLocation().getArrivalDateTime()));
        }
        for (Consignment consignment : consignments) {
            for (TransportEquipment unit : consignment.getTransportEquipment()) {
                out.segment("EQD", EQUIPMENT_CONTAINER, c(unit.getEquipmentIdentification().getID()),
                        c(unit.getCharacteristicCode()), null, null, unit.getFullnessCode());
                for (String seal : unit.getSealID()) {
                    out.segment("SEL", seal, c(SEALING_CARRIER));
                }
                if (unit.getSetTemperature() != null) {
                    out.segment("TMP", TEMPERATURE_TRANSPORT, temperature(unit.getSetTemperature()));
                }
            }
        }
        int number = 0;
        for (Consignment consignment : consignments) {
            number++;
            String bill = consignment.getTransportContractDocument().getID();
            out.segment("CNI", String.valueOf(number), c(bill));
            if (consignment.getAssociatedTransportDocument() != null) {
                out.segment("RFF", c(REFERENCE_HOUSE_BILL, consignment.getAssociatedTransportDocument().getID()));
            } else {
                out.segment("RFF", c(REFERENCE_BILL, bill));
            }
            out.segment("CNT", c(TOTAL_GROSS_WEIGHT, consignment.getTotalGrossMassMeasure().toPlainString(), UNIT_KILOGRAM));
            out.segment("CNT", c(TOTAL_PACKAGES, String.valueOf(consignment.getConsignmentPackaging().getQuantityQuantity())));
            party(out, PARTY_CONSIGNEE, consignment.getConsignee());
            party(out, PARTY_CONSIGNOR, consignment.getConsignor());
            for (ConsignmentItem item : consignment.getConsignmentItem()) {
                out.segment("GID", String.valueOf(item.getSequenceNumeric()));
                out.segment("FTX", TEXT_GOODS_DESCRIPTION, null, null,
                        c(EdifactText.split(item.getCommodity().getCargoDescription(), 70, 5)));
                out.segment("MEA", MEASURE_WEIGHT, c(MEASURE_GROSS_WEIGHT),
                        c(UNIT_KILOGRAM, item.getGoodsMeasure().getGrossMassMeasure().toPlainString()));
                if (item.getEquipmentIdentification() != null) {
                    out.segment("SGP", c(item.getEquipmentIdentification().getID()));
                }
                for (DangerousGoods goods : item.getDangerousGoods()) {
                    out.segment("DGS", goods.getRegulationCode(), goods.getHazardClassID() == null ? null : c(goods.getHazardClassID()),
                            goods.getUNDGID() == null ? null : c(goods.getUNDGID()),
                            goods.getFlashpointTemperature() == null ? null : temperature(goods.getFlashpointTemperature()),
                            goods.getPackingGroupCode() == null ? null : String.valueOf(goods.getPackingGroupCode().ordinal() + 1));
                }
                if (item.getCommodity().getClassification() != null) {
                    out.segment("CST", null, c(item.getCommodity().getClassification().getID()));
                }
            }
        }
        byte[] bytes = out.finish();
        if (bytes == null) {
            out.errors().forEach(e -> check.refuse(null, "The CUSCAR writer refused a segment: " + e));
        }
        return bytes;
    }

    private static void needed(Object value, String path, String element, Expressible check) {
        if (value == null) {
            check.refuse(path, "A CUSCAR needs " + element + "; the manifest has no " + path.substring(path.lastIndexOf('/') + 1) + ".");
        }
    }

    private static void checkConsignment(Consignment consignment, String path, Expressible check) {
        needed(consignment.getTotalGrossMassMeasure(), path + "/TotalGrossMassMeasure", "CNT+7", check);
        needed(consignment.getConsignmentPackaging(), path + "/ConsignmentPackaging", "CNT+11", check);
        party(consignment.getConsignee(), path + "/Consignee", check);
        party(consignment.getConsignor(), path + "/Consignor", check);
        for (int i = 0; i < consignment.getConsignmentItem().size(); i++) {
            ConsignmentItem item = consignment.getConsignmentItem().get(i);
            check.pieces(item.getCommodity().getCargoDescription(), 70, 5,
                    path + "/ConsignmentItem[" + (i + 1) + "]/Commodity/CargoDescription", "FTX C108 (5 x an..70)");
            needed(item.getGoodsMeasure(), path + "/ConsignmentItem[" + (i + 1) + "]/GoodsMeasure", "MEA+WT+G", check);
            for (int d = 0; d < item.getDangerousGoods().size(); d++) {
                DangerousGoods goods = item.getDangerousGoods().get(d);
                String at = path + "/ConsignmentItem[" + (i + 1) + "]/DangerousGoods[" + (d + 1) + "]";
                check.code(goods.getRegulationCode(), "8273", at + "/RegulationCode", "DGS 8273");
                if (goods.getFlashpointTemperature() != null) {
                    check.n3(goods.getFlashpointTemperature().getValue(), at + "/FlashpointTemperature", "DGS C223/7106");
                }
            }
        }
        List<TransportEquipment> units = consignment.getTransportEquipment();
        for (int t = 0; t < units.size(); t++) {
            TransportEquipment unit = units.get(t);
            String at = path + "/TransportEquipment[" + (t + 1) + "]";
            check.text(unit.getCharacteristicCode(), 10, at + "/CharacteristicCode", "EQD C224/8155");
            if (unit.getSealID().size() > MAX_SEALS) {
                check.refuse(at + "/SealID", unit.getSealID().size() + " seals; CUSCAR's equipment group takes at most "
                        + MAX_SEALS + " SEL.");
            }
            for (int s = 0; s < unit.getSealID().size(); s++) {
                check.text(unit.getSealID().get(s), 10, at + "/SealID[" + (s + 1) + "]", "SEL 9308");
            }
            if (unit.getSetTemperature() != null) {
                check.n3(unit.getSetTemperature().getValue(), at + "/SetTemperature", "TMP C239/6246");
            }
            String number = unit.getEquipmentIdentification().getID();
            boolean named = consignment.getConsignmentItem().stream()
                    .anyMatch(i -> i.getEquipmentIdentification() != null && number.equals(i.getEquipmentIdentification().getID()));
            if (!named) {
                check.refuse(at + "/EquipmentIdentification/ID", "Container " + number
                        + " is named by no item of its consignment; CUSCAR links a container to its bill only through an item's SGP.");
            }
        }
    }

    private static void party(Party party, String path, Expressible check) {
        if (party != null) {
            check.text(party.getID(), 35, path + "/ID", "NAD C082/3039");
            check.pieces(party.getName(), 35, 5, path + "/Name", "NAD C080 (5 x an..35)");
            contacts(party.getContact(), path, check);
        }
    }

    private static void contacts(List<Contact> contacts, String path, Expressible check) {
        for (int n = 0; n < contacts.size(); n++) {
            Contact contact = contacts.get(n);
            String at = path + "/Contact[" + (n + 1) + "]";
            check.text(contact.getName(), 35, at + "/Name", "CTA C056/3412");
            check.text(contact.getTelephone(), 512, at + "/Telephone", "COM C076/3148");
            check.text(contact.getEmail(), 512, at + "/Email", "COM C076/3148");
        }
    }

    private static void party(EdifactOut out, String function, Party party) {
        if (party == null) {
            return;
        }
        EdifactOut.Composite id = party.getID() == null ? null : c(party.getID(), null, AGENCY_MUTUAL);
        out.segment("NAD", function, id, null, c(EdifactText.split(party.getName(), 35, 5)));
        contacts(out, party.getContact());
    }

    /** Each contact as CTA+IC (information contact) with its telephone and e-mail in COM. */
    private static void contacts(EdifactOut out, List<Contact> contacts) {
        for (Contact contact : contacts) {
            out.segment("CTA", CONTACT_INFORMATION, contact.getName() == null ? null : c(null, contact.getName()));
            if (contact.getTelephone() != null) {
                out.segment("COM", c(contact.getTelephone(), CHANNEL_TELEPHONE));
            }
            if (contact.getEmail() != null) {
                out.segment("COM", c(contact.getEmail(), CHANNEL_EMAIL));
            }
        }
    }

    private static EdifactOut.Composite temperature(Temperature temperature) {
        return c(TemperatureSetting.toN3(temperature.getValue()), temperature.getUnitCode().value());
    }

    private static EdifactOut.Composite date(String qualifier, String dateTime17) {
        return c(qualifier, EdifactText.toDtm204(dateTime17), DATE_FORMAT);
    }

    private static EdifactOut.Composite locode(String locode) {
        return c(locode, CODE_LIST_LOCODE, AGENCY_UNECE);
    }
}
