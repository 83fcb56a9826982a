package org.casw.routes.transform.cnmanifest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.validation.Schema;
import jakarta.xml.bind.JAXBException;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.XmlWriter;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.Head;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.manifest.Party;
import org.casw.schemas.manifest.TransportEquipment;

/**
 * Writes the gateway's manifest as China's manifest message for a receiver that takes CN-MANIFEST (customs): the water
 * messages' shape for sea manifests, the road messages' for land ones, in the message type's namespace; a manifest
 * receipt as customs' response. A document that arrived in this format is delivered as it arrived
 * ({@link #deliversAsReceived}), so nothing the gateway's manifest has no place for is lost on the way.
 */
public class CnManifestWriter implements OutboundTranslator {

    private static final Set<String> LAND = Set.of("MT1401", "MT2401");

    private final CnManifestReader reader = new CnManifestReader();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public String format() {
        return CnManifestReader.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.MANIFEST || type == DocumentType.MANIFEST_RECEIPT;
    }

    @Override
    public boolean deliversAsReceived(byte[] received) {
        return reader.recognises(received);
    }

    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        Object document;
        try {
            document = CnManifestReader.readNative(nativeXml);
        } catch (JAXBException e) {
            return Translation.refused(type, List.of(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_UNMAPPABLE, null,
                    "The manifest cannot be read: " + e.getMessage())));
        }
        String messageType;
        byte[] written;
        if (type == DocumentType.MANIFEST && document instanceof Manifest manifest) {
            messageType = manifest.getHead().getMessageType().value();
            written = LAND.contains(messageType) ? road(manifest) : water(manifest);
        } else if (type == DocumentType.MANIFEST_RECEIPT && document instanceof ManifestReceipt receipt) {
            messageType = "MT9999";
            written = response(receipt);
        } else {
            return Translation.refused(type, List.of(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_UNMAPPABLE, "/",
                    "The document is not a " + type + ".")));
        }
        // what is sent must be what China's schema accepts: a failure here is the gateway's, and says where
        List<Violation> invalid = SchemaValidator.validate(schemas.computeIfAbsent(messageType,
                t -> SchemaValidator.compile("cn-manifest/" + t + ".xsd")), written);
        return invalid.isEmpty() ? Translation.of(written, type, "application/xml") : Translation.refused(type, invalid);
    }

    private static String namespace(String messageType) {
        return CnManifestReader.NAMESPACE_PREFIX + messageType + ":1";
    }

    private static void head(XmlWriter x, Head head) {
        x.open("Head").leaf("MessageID", head.getMessageID()).leaf("FunctionCode", head.getFunctionCode().value())
                .leaf("MessageType", head.getMessageType().value()).leaf("SenderID", head.getSenderID())
                .leaf("ReceiverID", head.getReceiverID()).leaf("SendTime", head.getSendTime()).leaf("Version", head.getVersion())
                .close();
    }

    /** A message of the manifest's type begun: its namespace, Head, and the Declaration opened with the customs office. */
    private static XmlWriter declaration(Manifest manifest) {
        XmlWriter x = new XmlWriter(namespace(manifest.getHead().getMessageType().value()));
        x.open("Manifest");
        head(x, manifest.getHead());
        x.open("Declaration");
        x.leaf("DeclarationOfficeID", manifest.getDeclaration().getDeclarationOfficeID());
        return x;
    }

    /** The water messages (MT1101, MT2101, MT3101, MT4101, MT5101, MT5102): places per bill, written place/office. */
    private static byte[] water(Manifest manifest) {
        Declaration d = manifest.getDeclaration();
        XmlWriter x = declaration(manifest);
        if (d.getCarrier() != null) {
            x.open("Carrier").leaf("ID", d.getCarrier().getID()).close();
        }
        BorderTransportMeans m = d.getBorderTransportMeans();
        x.open("BorderTransportMeans").leaf("JourneyID", m.getJourneyID()).leaf("TypeCode", m.getTypeCode())
                // the gateway writes a vessel as "IMO" and its number, China as "UN" and the number
                .leaf("ID", m.getID() != null && m.getID().matches("IMO[0-9]{7}") ? "UN" + m.getID().substring(3) : m.getID())
                .leaf("Name", m.getName()).leaf("FirstArrivalLocationID", m.getFirstArrivalLocationID())
                .leaf("ArrivalDateTime", digits14(m.getArrivalDateTime())).leaf("DepartureDateTime", digits14(m.getDepartureDateTime()))
                .close();
        for (Consignment c : d.getConsignment()) {
            x.open("Consignment");
            x.open("TransportContractDocument").leaf("ID", c.getTransportContractDocument().getID()).close();
            if (c.getAssociatedTransportDocument() != null) {
                x.open("AssociatedTransportDocument").leaf("ID", c.getAssociatedTransportDocument().getID()).close();
            }
            if (d.getLoadingLocation() != null) {
                x.open("LoadingLocation").leaf("ID", place(d.getLoadingLocation().getID(), d.getDeclarationOfficeID()))
                        .leaf("LoadingDate", digits14(d.getLoadingLocation().getLoadingDateTime())).close();
            }
            if (d.getUnloadingLocation() != null) {
                x.open("UnloadingLocation").leaf("ID", place(d.getUnloadingLocation().getID(), d.getDeclarationOfficeID()))
                        .leaf("ArrivalDate", digits14(d.getUnloadingLocation().getArrivalDateTime())).close();
            }
            if (c.getConsignmentPackaging() != null) {
                x.open("ConsignmentPackaging").leaf("QuantityQuantity", c.getConsignmentPackaging().getQuantityQuantity()).close();
            }
            x.leaf("TotalGrossMassMeasure", plain(c.getTotalGrossMassMeasure()));
            party(x, "Consignee", c.getConsignee());
            party(x, "Consignor", c.getConsignor());
            for (TransportEquipment t : c.getTransportEquipment()) {
                waterEquipment(x, t);
            }
            for (ConsignmentItem i : c.getConsignmentItem()) {
                x.open("ConsignmentItem").leaf("SequenceNumeric", i.getSequenceNumeric());
                x.open("Commodity").leaf("CargoDescription", i.getCommodity().getCargoDescription())
                        .leaf("TariffClassificationCode", i.getCommodity().getClassification() == null ? null
                                : i.getCommodity().getClassification().getID()).close();
                if (i.getGoodsMeasure() != null) {
                    x.open("GoodsMeasure").leaf("GrossMassMeasure", plain(i.getGoodsMeasure().getGrossMassMeasure())).close();
                }
                if (i.getEquipmentIdentification() != null) {
                    x.open("EquipmentIdentification").leaf("ID", i.getEquipmentIdentification().getID()).close();
                }
                x.close();
            }
            x.close();
        }
        for (TransportEquipment t : d.getTransportEquipment()) {
            waterEquipment(x, t);
        }
        x.close().close();
        return x.bytes();
    }

    private static void waterEquipment(XmlWriter x, TransportEquipment t) {
        x.open("TransportEquipment");
        x.open("EquipmentIdentification").leaf("ID", t.getEquipmentIdentification().getID()).close();
        x.leaf("CharacteristicCode", t.getCharacteristicCode()).leaf("FullnessCode", t.getFullnessCode());
        for (String seal : t.getSealID()) {
            x.leaf("SealID", seal);
        }
        x.close();
    }

    /** The road messages (MT1401, MT2401): aggregates in alphabetical order, places at declaration level. */
    private static byte[] road(Manifest manifest) {
        Declaration d = manifest.getDeclaration();
        XmlWriter x = declaration(manifest);
        // the trip: the road messages' manifest id; the gateway's journey (train or trip number)
        x.leaf("ID", d.getBorderTransportMeans().getJourneyID());
        x.open("BorderTransportMeans").leaf("TypeCode", d.getBorderTransportMeans().getTypeCode()).close();
        if (d.getCarrier() != null) {
            x.open("Carrier").leaf("ID", d.getCarrier().getID()).close();
        }
        for (Consignment c : d.getConsignment()) {
            x.open("Consignment");
            x.leaf("TotalPackageQuantity", c.getConsignmentPackaging() == null ? null : c.getConsignmentPackaging().getQuantityQuantity());
            party(x, "Consignee", c.getConsignee());
            for (ConsignmentItem i : c.getConsignmentItem()) {
                x.open("ConsignmentItem").leaf("SequenceNumeric", i.getSequenceNumeric());
                x.open("Commodity").leaf("CargoDescription", i.getCommodity().getCargoDescription());
                if (i.getCommodity().getClassification() != null) {
                    x.open("Classification").leaf("ID", i.getCommodity().getClassification().getID()).close();
                }
                x.close();
                if (i.getGoodsMeasure() != null) {
                    x.open("GoodsMeasure").leaf("GrossMassMeasure", plain(i.getGoodsMeasure().getGrossMassMeasure()), "unitCode", "KGM")
                            .close();
                }
                x.close();
            }
            party(x, "Consignor", c.getConsignor());
            if (c.getTotalGrossMassMeasure() != null) {
                x.open("GovernmentAgencyGoodsItem").open("GoodsMeasure")
                        .leaf("GrossMassMeasure", plain(c.getTotalGrossMassMeasure()), "unitCode", "KGM").close().close();
            }
            x.open("TransportContractDocument").leaf("ID", c.getTransportContractDocument().getID()).close();
            for (TransportEquipment t : c.getTransportEquipment()) {
                x.open("TransportEquipment").leaf("CharacteristicCode", t.getCharacteristicCode())
                        .leaf("FullnessCode", t.getFullnessCode()).leaf("ID", t.getEquipmentIdentification().getID()).close();
            }
            x.close();
        }
        if (d.getLoadingLocation() != null) {
            x.open("LoadingLocation").leaf("ID", d.getLoadingLocation().getID())
                    .leaf("LoadingDateTime", digits14(d.getLoadingLocation().getLoadingDateTime())).close();
        }
        if (d.getUnloadingLocation() != null) {
            x.open("UnloadingLocation").leaf("ArrivalDateTime", digits14(d.getUnloadingLocation().getArrivalDateTime()))
                    .leaf("ID", d.getUnloadingLocation().getID()).close();
        }
        x.close().close();
        return x.bytes();
    }

    /** A manifest receipt as customs' response (MT9999): the bill, its code and text. */
    private static byte[] response(ManifestReceipt receipt) {
        XmlWriter x = new XmlWriter(namespace("MT9999"));
        x.open("Manifest");
        x.open("Head").leaf("MessageID", receipt.getReceiptID()).leaf("FunctionCode", "11").leaf("MessageType", "MT9999")
                .leaf("SenderID", "EPORT").leaf("ReceiverID", receipt.getMessageID() != null ? receipt.getMessageID() : "CASW-GATEWAY")
                .leaf("SendTime", receipt.getIssueDateTime()).leaf("Version", "1.0").close();
        x.open("Response");
        if (receipt.getTransportContractDocumentID() != null) {
            x.open("Consignment").open("TransportContractDocument").leaf("ID", receipt.getTransportContractDocumentID()).close();
            x.open("ResponseType").leaf("Code", receipt.getResponseCode().value()).leaf("Text", receipt.getResponseText()).close();
            x.close();
        }
        x.open("ResponseType").leaf("Code", receipt.getResponseCode().value()).leaf("Text", receipt.getResponseText()).close();
        x.close().close();
        return x.bytes();
    }

    private static void party(XmlWriter x, String element, Party party) {
        if (party != null) {
            x.open(element).leaf("ID", party.getID()).leaf("Name", party.getName()).close();
        }
    }

    /** A China place (a UN/LOCODE starting CN) is written with its customs office, CNQZH/7205; others as they are. */
    private static String place(String locode, String office) {
        return locode != null && locode.startsWith("CN") && office != null ? locode + "/" + office : locode;
    }

    private static String digits14(String dateTime17) {
        return dateTime17 == null ? null : dateTime17.substring(0, 14);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
