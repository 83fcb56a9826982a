package org.casw.routes.transform.cnmanifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.document.SecureXml;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.PartnerXml;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Carrier;
import org.casw.schemas.manifest.Classification;
import org.casw.schemas.manifest.Commodity;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.ConsignmentPackaging;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.EquipmentIdentification;
import org.casw.schemas.manifest.FunctionCode;
import org.casw.schemas.manifest.GoodsMeasure;
import org.casw.schemas.manifest.Head;
import org.casw.schemas.manifest.LoadingLocation;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.manifest.MessageType;
import org.casw.schemas.manifest.Party;
import org.casw.schemas.manifest.ResponseCode;
import org.casw.schemas.manifest.TransportDocument;
import org.casw.schemas.manifest.TransportEquipment;
import org.casw.schemas.manifest.UnloadingLocation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import static org.casw.routes.transform.cnmanifest.CnManifestXml.at;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.child;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.children;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.dateTime17;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.firstText;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.pathOf;
import static org.casw.routes.transform.cnmanifest.CnManifestXml.text;

/**
 * Reads China's manifest messages as carriers', agents' and terminals' software writes them (root {@code Manifest} in
 * {@code urn:Declaration:datamodel:standard:CN:<type>:1}, one namespace per message type) into the gateway's manifest:
 * checked against the format's schema first, then mapped by element names, so the water messages' order and the road
 * messages' (alphabetical) both read. A {@code Response} is customs' answer and becomes a manifest receipt.
 * What the gateway's manifest has no place for stays in the original, which a receiver taking this format gets as sent.
 */
public class CnManifestReader implements InboundTranslator {

    public static final String FORMAT = "CN-MANIFEST";
    static final String NAMESPACE_PREFIX = "urn:Declaration:datamodel:standard:CN:";
    /** Declarations the gateway reads, by Head/MessageType. */
    static final Set<String> DECLARATIONS = Set.of("MT1101", "MT2101", "MT3101", "MT4101", "MT5101", "MT5102", "MT1401", "MT2401");
    /** Namespaces customs' responses come in besides the declarations' (the road response's, the notices'). */
    static final Set<String> RESPONSE_ONLY = Set.of("MT9999", "MTRES4");

    /** The gateway's manifest and receipt, which this format is read into and written from. */
    static final JAXBContext NATIVE;

    static {
        try {
            NATIVE = JAXBContext.newInstance(Manifest.class, ManifestReceipt.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public String format() {
        return FORMAT;
    }

    /** A Manifest in a CN message-type namespace, or in none (responses are sent without one too). */
    @Override
    public boolean recognises(byte[] payload) {
        QName root = payload == null || payload.length == 0 ? null : PartnerXml.rootOf(payload);
        return root != null && "Manifest".equals(root.getLocalPart())
                && (root.getNamespaceURI().isEmpty() || root.getNamespaceURI().startsWith(NAMESPACE_PREFIX));
    }

    @Override
    public Translation toNative(byte[] payload) {
        QName root = payload == null || payload.length == 0 ? null : PartnerXml.rootOf(payload);
        if (root == null || !recognises(payload)) {
            return Translation.refused(DocumentType.MANIFEST, List.of(Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE, null,
                    "Not a China manifest message: the root must be Manifest in urn:Declaration:datamodel:standard:CN:<type>:1.")));
        }
        String namespaceType = root.getNamespaceURI().isEmpty() ? null
                : root.getNamespaceURI().substring(NAMESPACE_PREFIX.length()).replaceAll(":1$", "");
        if (namespaceType != null && !DECLARATIONS.contains(namespaceType) && !RESPONSE_ONLY.contains(namespaceType)) {
            return Translation.refused(DocumentType.MANIFEST, List.of(Violation.of(CnManifestCodes.CN_MANIFEST_TYPE_UNSUPPORTED,
                    "/Manifest", "Namespace " + root.getNamespaceURI() + " names message type " + namespaceType
                            + "; the gateway reads " + new java.util.TreeSet<>(DECLARATIONS) + " and their responses.")));
        }
        List<Violation> invalid = SchemaValidator.validate(schema(namespaceType), payload);
        if (!invalid.isEmpty()) {
            return Translation.refused(DocumentType.MANIFEST, invalid);
        }
        Element manifest = parse(payload).getDocumentElement();
        Element head = child(manifest, "Head");
        String messageType = text(head, "MessageType");
        if (child(manifest, "Response") != null) {
            return new ResponseMapping(manifest, head).translate();
        }
        List<Violation> problems = new ArrayList<>();
        if (!DECLARATIONS.contains(messageType)) {
            problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_TYPE_UNSUPPORTED, "/Manifest/Head/MessageType", "Message type "
                    + messageType + " is not a manifest the gateway reads: " + new java.util.TreeSet<>(DECLARATIONS) + "."));
        } else if (namespaceType != null && !namespaceType.equals(messageType)) {
            problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_TYPE_MISMATCH, "/Manifest/Head/MessageType", "Head/MessageType "
                    + messageType + " but the namespace is " + root.getNamespaceURI() + "."));
        }
        if (!problems.isEmpty()) {
            return Translation.refused(DocumentType.MANIFEST, problems);
        }
        return new DeclarationMapping(manifest, head, messageType).translate();
    }

    private Schema schema(String namespaceType) {
        String resource = "cn-manifest/" + (namespaceType == null ? "unqualified" : namespaceType) + ".xsd";
        return schemas.computeIfAbsent(resource, SchemaValidator::compile);
    }

    /** The message as a DOM: it passed the schema on a parser that refuses DOCTYPEs, and is parsed the same way. */
    private static Document parse(byte[] payload) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance(); // the JDK's, whatever the class path brings
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(payload));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("A schema-valid manifest could not be parsed", e);
        }
    }

    /**
     * The native receipt translated from a customs response, once the gateway found the manifest it answers: naming that
     * manifest's tracking id and message id, as the gateway's own receipts do, so a partner taking CUSRES still gets them.
     */
    public static byte[] answering(byte[] nativeReceipt, String trackingId, String messageId) {
        try {
            ManifestReceipt receipt = (ManifestReceipt) readNative(nativeReceipt);
            receipt.setTrackingID(trackingId);
            receipt.setMessageID(messageId);
            return write(receipt);
        } catch (JAXBException e) {
            throw new IllegalStateException("A translated manifest receipt could not be read back", e);
        }
    }

    /** The gateway's manifest or manifest receipt from its XML (DOCTYPEs refused, as everywhere in the gateway). */
    static Object readNative(byte[] nativeXml) throws JAXBException {
        Object read = NATIVE.createUnmarshaller().unmarshal(
                new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(nativeXml))));
        return read instanceof JAXBElement<?> e ? e.getValue() : read;
    }

    static byte[] write(Object nativeDocument) {
        try {
            Marshaller marshaller = NATIVE.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            marshaller.marshal(nativeDocument, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("The native manifest could not be written", e);
        }
    }

    /** A manifest (Declaration) into the gateway's manifest. */
    private static final class DeclarationMapping {
        private final Element manifest;
        private final Element head;
        private final String messageType;
        private final Element declaration;
        private final List<Violation> problems = new ArrayList<>();

        DeclarationMapping(Element manifest, Element head, String messageType) {
            this.manifest = manifest;
            this.head = head;
            this.messageType = messageType;
            this.declaration = child(manifest, "Declaration");
        }

        Translation translate() {
            Manifest out = new Manifest();
            out.setHead(head(head, MessageType.fromValue(messageType), problems));
            Declaration d = new Declaration();
            d.setDeclarationOfficeID(customsOffice());
            d.setBorderTransportMeans(means());
            String carrier = text(declaration, "Carrier/ID");
            if (carrier != null) {
                Carrier c = new Carrier();
                c.setID(carrier);
                d.setCarrier(c);
            }
            List<Element> consignments = children(declaration, "Consignment");
            Element first = consignments.isEmpty() ? null : consignments.get(0);
            d.setLoadingLocation(loading(first));
            d.setUnloadingLocation(unloading(first));
            for (Element consignment : consignments) {
                d.getConsignment().add(consignment(consignment));
            }
            for (Element equipment : children(declaration, "TransportEquipment")) {
                d.getTransportEquipment().add(equipment(equipment));
            }
            out.setDeclaration(d);
            return problems.isEmpty() ? Translation.of(write(out), DocumentType.MANIFEST, null)
                    : Translation.refused(DocumentType.MANIFEST, problems);
        }

        /** DeclarationOfficeID, else the customs office a location names after its slash, else the exit office's. */
        private String customsOffice() {
            String office = text(declaration, "DeclarationOfficeID");
            if (office != null) {
                return office;
            }
            List<String> ids = new ArrayList<>();
            ids.add(text(declaration, "UnloadingLocation/ID"));
            ids.add(text(declaration, "LoadingLocation/ID"));
            ids.add(text(declaration, "BorderTransportMeans/UnloadingLocation/ID"));
            ids.add(text(declaration, "BorderTransportMeans/LoadingLocation/ID"));
            for (Element consignment : children(declaration, "Consignment")) {
                ids.add(text(consignment, "UnloadingLocation/ID"));
                ids.add(text(consignment, "LoadingLocation/ID"));
            }
            ids.add(text(declaration, "ExitCustomsOffice/ID"));
            for (String id : ids) {
                Optional<String> named = CnManifestXml.Place.of(id).map(CnManifestXml.Place::customsOffice);
                if (named.isPresent()) {
                    return named.get();
                }
            }
            problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_MISSING, "/Manifest/Declaration", "The manifest names no "
                    + "customs office: neither DeclarationOfficeID nor a location or exit office written <place>/<4-digit office>."));
            return null;
        }

        private BorderTransportMeans means() {
            Element means = child(declaration, "BorderTransportMeans");
            BorderTransportMeans m = new BorderTransportMeans();
            m.setTypeCode(text(means, "TypeCode"));
            m.setJourneyID(text(means, "JourneyID"));
            m.setName(text(means, "Name"));
            String id = text(means, "ID");
            // China writes a vessel as "UN" and its IMO number; the gateway's manifest as "IMO" and the number
            m.setID(id != null && id.matches("UN[0-9]{7}") ? "IMO" + id.substring(2) : id);
            m.setFirstArrivalLocationID(locode(text(means, "FirstArrivalLocationID"), means, "FirstArrivalLocationID"));
            m.setArrivalDateTime(dateTime17(text(means, "ArrivalDateTime")));
            m.setDepartureDateTime(dateTime17(text(means, "DepartureDateTime")));
            return m;
        }

        private LoadingLocation loading(Element consignment) {
            Element at = place(consignment, "LoadingLocation");
            String place = locode(text(at, "ID"), at, "ID");
            if (place == null) {
                return null;
            }
            LoadingLocation l = new LoadingLocation();
            l.setID(place);
            l.setLoadingDateTime(dateTime17(firstText(at, "LoadingDate", "LoadingDateTime")));
            return l;
        }

        private UnloadingLocation unloading(Element consignment) {
            Element at = place(consignment, "UnloadingLocation");
            String place = locode(text(at, "ID"), at, "ID");
            if (place == null) {
                return null;
            }
            UnloadingLocation u = new UnloadingLocation();
            u.setID(place);
            u.setArrivalDateTime(dateTime17(firstText(at, "ArrivalDate", "ArrivalDateTime")));
            return u;
        }

        /** A place as the bill names it, else the declaration, else (tally reports) the means of transport. */
        private Element place(Element consignment, String name) {
            Element[] candidates = {child(consignment, name), child(declaration, name), at(declaration, "BorderTransportMeans/" + name)};
            for (Element e : candidates) {
                if (e != null) {
                    return e;
                }
            }
            return null;
        }

        private Consignment consignment(Element consignment) {
            Consignment c = new Consignment();
            TransportDocument bill = new TransportDocument();
            bill.setID(text(consignment, "TransportContractDocument/ID"));
            c.setTransportContractDocument(bill);
            String house = text(consignment, "AssociatedTransportDocument/ID");
            if (house != null && !"N/A".equalsIgnoreCase(house)) {
                TransportDocument h = new TransportDocument();
                h.setID(house);
                c.setAssociatedTransportDocument(h);
            }
            String packages = firstText(consignment, "ConsignmentPackaging/QuantityQuantity", "TotalPackageQuantity");
            if (packages != null) {
                ConsignmentPackaging p = new ConsignmentPackaging();
                p.setQuantityQuantity(new BigDecimal(packages).intValueExact());
                c.setConsignmentPackaging(p);
            }
            String gross = firstText(consignment, "TotalGrossMassMeasure", "GovernmentAgencyGoodsItem/GoodsMeasure/GrossMassMeasure");
            c.setTotalGrossMassMeasure(gross == null ? null : new BigDecimal(gross));
            c.setConsignee(party(child(consignment, "Consignee")));
            c.setConsignor(party(child(consignment, "Consignor")));
            int position = 0;
            for (Element item : children(consignment, "ConsignmentItem")) {
                c.getConsignmentItem().add(item(item, ++position));
            }
            for (Element equipment : children(consignment, "TransportEquipment")) {
                c.getTransportEquipment().add(equipment(equipment));
            }
            return c;
        }

        private static Party party(Element party) {
            if (party == null || text(party, "Name") == null) {
                return null;
            }
            Party p = new Party();
            p.setName(text(party, "Name"));
            p.setID(text(party, "ID"));
            return p;
        }

        private ConsignmentItem item(Element item, int position) {
            ConsignmentItem i = new ConsignmentItem();
            String sequence = text(item, "SequenceNumeric");
            // loading manifests list items without numbers, and some writers start at 0: the position is the number then
            boolean numbered = sequence != null && new BigDecimal(sequence).signum() != 0;
            i.setSequenceNumeric(numbered ? new BigDecimal(sequence).intValueExact() : position);
            Commodity commodity = new Commodity();
            commodity.setCargoDescription(firstText(item, "Commodity/CargoDescription", "Commodity/Description"));
            String hs = firstText(item, "Commodity/TariffClassificationCode", "Commodity/Classification/ID");
            if (hs != null && hs.replaceAll("[^0-9]", "").length() >= 6) {
                Classification classification = new Classification();
                classification.setID(hs.replaceAll("[^0-9]", "").substring(0, 6));
                commodity.setClassification(classification);
            }
            i.setCommodity(commodity);
            String gross = text(item, "GoodsMeasure/GrossMassMeasure");
            if (gross != null) {
                GoodsMeasure measure = new GoodsMeasure();
                measure.setGrossMassMeasure(new BigDecimal(gross));
                i.setGoodsMeasure(measure);
            }
            String container = text(item, "EquipmentIdentification/ID");
            if (container != null) {
                EquipmentIdentification e = new EquipmentIdentification();
                e.setID(container);
                i.setEquipmentIdentification(e);
            }
            return i;
        }

        private TransportEquipment equipment(Element equipment) {
            TransportEquipment t = new TransportEquipment();
            EquipmentIdentification id = new EquipmentIdentification();
            id.setID(firstText(equipment, "EquipmentIdentification/ID", "ID"));
            t.setEquipmentIdentification(id);
            t.setCharacteristicCode(text(equipment, "CharacteristicCode"));
            t.setFullnessCode(text(equipment, "FullnessCode"));
            for (Element seal : children(equipment, "SealID")) {
                String number = seal.getTextContent().trim();
                if (!number.isEmpty()) {
                    t.getSealID().add(number);
                }
            }
            return t;
        }

        /** The UN/LOCODE of a China location id ({@code CNQZH/7205}), or a violation when the place is none. */
        private String locode(String id, Element where, String field) {
            Optional<CnManifestXml.Place> place = CnManifestXml.Place.of(id);
            if (place.isEmpty() || place.get().locode() == null) {
                return null;
            }
            String locode = place.get().locode();
            if (!locode.matches("[A-Z]{2}[A-Z2-9]{3}")) {
                problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_UNMAPPABLE, pathOf(where) + "/" + field, "Location '" + id
                        + "' is not written as a UN/LOCODE (five characters, e.g. CNQZH or CNQZH/7205), which the gateway needs."));
                return null;
            }
            return locode;
        }
    }

    /** Customs' answer (Response) into the gateway's manifest receipt, found by its bill among the manifests delivered. */
    private static final class ResponseMapping {
        private final Element head;
        private final Element response;

        ResponseMapping(Element manifest, Element head) {
            this.head = head;
            this.response = child(manifest, "Response");
        }

        Translation translate() {
            Element answer = child(response, "ResponseType") != null || child(response, "AdditionalInformation") != null ? response
                    : firstWith(children(response, "Consignment"), children(response, "TransportEquipment"));
            // the water responses answer in ResponseType, the road ones in AdditionalInformation/StatementCode
            String code = firstText(answer, "ResponseType/Code", "AdditionalInformation/StatementCode");
            String bill = firstText(response, "Consignment/TransportContractDocument/ID",
                    "TransportEquipment/TransportContractDocument/ID");
            List<Violation> problems = new ArrayList<>();
            ResponseCode responseCode = null;
            try {
                responseCode = code == null ? null : ResponseCode.fromValue(code.length() == 1 ? "0" + code : code);
            } catch (IllegalArgumentException e) {
                // "0" is the client's "call succeeded", no customs decision
            }
            if (responseCode == null) {
                problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_UNMAPPABLE, "/Manifest/Response/ResponseType/Code",
                        "Response code " + code + " is no customs decision (01, 02, 03, 11, 12, 13)."));
            }
            if (bill == null) {
                problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_MISSING, "/Manifest/Response/Consignment",
                        "The response names no bill (Consignment/TransportContractDocument/ID), by which the gateway finds the manifest."));
            }
            if (!problems.isEmpty()) {
                return Translation.refused(DocumentType.MANIFEST_RECEIPT, problems);
            }
            ManifestReceipt receipt = new ManifestReceipt();
            receipt.setReceiptID(text(head, "MessageID"));
            receipt.setTransportContractDocumentID(bill);
            receipt.setResponseCode(responseCode);
            receipt.setResponseText(firstText(answer, "ResponseType/Text", "AdditionalInformation/StatementDescription"));
            receipt.setIssueDateTime(dateTime17(text(head, "SendTime")));
            return Translation.of(write(receipt), DocumentType.MANIFEST_RECEIPT, null);
        }

        private static Element firstWith(List<Element> consignments, List<Element> equipment) {
            for (List<Element> list : List.of(consignments, equipment)) {
                for (Element e : list) {
                    if (child(e, "ResponseType") != null || at(e, "AdditionalInformation/StatementCode") != null) {
                        return e;
                    }
                }
            }
            return null;
        }
    }

    private static Head head(Element head, MessageType type, List<Violation> problems) {
        Head h = new Head();
        h.setMessageID(text(head, "MessageID"));
        String function = text(head, "FunctionCode");
        try {
            h.setFunctionCode(FunctionCode.fromValue(function));
        } catch (IllegalArgumentException e) {
            problems.add(Violation.of(CnManifestCodes.CN_MANIFEST_VALUE_UNMAPPABLE, "/Manifest/Head/FunctionCode", "Function code "
                    + function + " is not one a manifest is sent with (9 original, 2 addition, 3 deletion, 5 replacement)."));
        }
        h.setMessageType(type);
        h.setSenderID(text(head, "SenderID"));
        h.setReceiverID(text(head, "ReceiverID"));
        h.setSendTime(dateTime17(text(head, "SendTime")));
        h.setVersion(text(head, "Version"));
        return h;
    }
}
