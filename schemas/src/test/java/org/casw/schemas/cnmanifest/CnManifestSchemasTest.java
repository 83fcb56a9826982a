package org.casw.schemas.cnmanifest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CN-MANIFEST schemas (China's real manifest messages, translated at the edge): every published sample validates
 * against the wrapper of its namespace, every invalid one is refused naming the offending element, and content
 * comes in any order with empty elements for absent values.
 */
class CnManifestSchemasTest {

    private static final Path SAMPLES = Path.of("src", "test", "resources", "samples", "cn-manifest");
    private static final String NAMESPACE_PREFIX = "urn:Declaration:datamodel:standard:CN:";
    private static final Pattern ROOT_NAMESPACE = Pattern.compile("<Manifest\\b[^>]*?\\sxmlns=\"([^\"]*)\"");
    private static final List<String> WRAPPERS = List.of("MT1101", "MT2101", "MT3101", "MT4101", "MT5101", "MT5102",
            "MT1401", "MT2401", "MT9999", "MTRES4", "unqualified");

    /** The element each invalid sample must be refused for. */
    private static final Map<String, String> OFFENDING = Map.of(
            "unknown-element.xml", "VesselFlag",
            "bad-send-time.xml", "SendTime",
            "response-unknown-code.xml", "Code",
            "declaration-and-response.xml", "Response");

    static Stream<Path> validSamples() throws IOException {
        return samples("valid");
    }

    static Stream<Path> invalidSamples() throws IOException {
        return samples("invalid");
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validSampleValidatesAgainstTheWrapperOfItsNamespace(Path sample) throws Exception {
        byte[] payload = Files.readAllBytes(sample);

        assertThat(errors(wrapperFor(payload), payload)).as(sample.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidSamples")
    void invalidSampleIsRefusedNamingTheOffendingElement(Path sample) throws Exception {
        byte[] payload = Files.readAllBytes(sample);
        String offending = OFFENDING.get(sample.getFileName().toString());

        List<String> errors = errors(wrapperFor(payload), payload);

        assertThat(offending).as("expected offending element of " + sample).isNotNull();
        assertThat(errors).as(sample.toString()).isNotEmpty();
        assertThat(String.join("\n", errors)).as(sample.toString()).containsPattern("(\\{[^}]*:|')" + offending + "[}']");
    }

    @Test
    void everyInvalidSampleIsNamedInTheTest() throws IOException {
        assertThat(invalidSamples().map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(OFFENDING.keySet());
    }

    @Test
    void everyWrapperCompilesAndGivesTheManifestItsNamespace() throws Exception {
        for (String wrapper : WRAPPERS) {
            String namespace = wrapper.equals("unqualified") ? "" : NAMESPACE_PREFIX + wrapper + ":1";
            String head = "<Head><MessageID>CN_X_1p0_7205_20261119142512345</MessageID><FunctionCode>9</FunctionCode>"
                    + "<MessageType>MT2101</MessageType><SenderID>7205</SenderID><ReceiverID>EPORT</ReceiverID>"
                    + "<SendTime>20261119142512345</SendTime><Version>1.0</Version></Head>";
            String minimal = "<Manifest xmlns=\"" + namespace + "\">" + head + "<Declaration/></Manifest>";
            String elsewhere = "<Manifest xmlns=\"urn:elsewhere\">" + head + "<Declaration/></Manifest>";

            Schema schema = schema(wrapper);

            assertThat(errors(schema, minimal.getBytes(StandardCharsets.UTF_8))).as(wrapper).isEmpty();
            assertThat(errors(schema, elsewhere.getBytes(StandardCharsets.UTF_8))).as(wrapper + " in another namespace").isNotEmpty();
        }
    }

    /** Water and road sources order a consignment's children differently and disagree on optional ones: any order passes. */
    @Test
    void consignmentChildrenInAnyOrderValidate() throws Exception {
        Document document = parse(Files.readAllBytes(SAMPLES.resolve("valid/mt2101-export-pre-stowage.xml")));
        Element consignment = (Element) document.getElementsByTagNameNS("*", "Consignment").item(0);
        List<String> before = childNames(consignment);
        List<Node> children = new ArrayList<>();
        for (Node child = consignment.getFirstChild(); child != null; child = child.getNextSibling()) {
            children.add(child);
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            consignment.appendChild(children.get(i)); // reversed
        }
        Element head = (Element) document.getElementsByTagNameNS("*", "Head").item(0);
        head.appendChild(head.getFirstChild().getNextSibling()); // MessageID last

        assertThat(childNames(consignment)).isNotEqualTo(before).containsExactlyInAnyOrderElementsOf(before);
        assertThat(errors(schema("MT2101"), serialize(document))).isEmpty();
    }

    /** Builders write empty elements for absent values; any optional leaf may be empty, a value must still be well formed. */
    @ParameterizedTest
    @ValueSource(strings = {"<GrossVolumeMeasure>98.4</GrossVolumeMeasure>", "<LoadingDate>20261123120000</LoadingDate>",
        "<ValueAmount CurrencyTypeCode=\"USD\">486200</ValueAmount>", "<CharacteristicCode>22G1</CharacteristicCode>",
        "<SequenceNumeric>1</SequenceNumeric>", "<TypeCode>1</TypeCode>"})
    void anEmptyOptionalElementValidatesAndAMalformedValueDoesNot(String element) throws Exception {
        String sample = Files.readString(SAMPLES.resolve("valid/mt2101-export-pre-stowage.xml"));
        assertThat(sample).contains(element);
        String name = element.substring(1, element.indexOf(element.contains(" ") ? ' ' : '>'));
        String open = element.substring(0, element.indexOf('>') + 1);

        String empty = sample.replace(element, open + "</" + name + ">");
        String selfClosed = sample.replace(element, open.replace(">", "/>"));
        String malformed = sample.replace(element, open + "1.2.3-x" + "</" + name + ">");

        assertThat(errors(schema("MT2101"), empty.getBytes(StandardCharsets.UTF_8))).as(empty).isEmpty();
        assertThat(errors(schema("MT2101"), selfClosed.getBytes(StandardCharsets.UTF_8))).isEmpty();
        if (!name.equals("CharacteristicCode")) {
            assertThat(String.join("\n", errors(schema("MT2101"), malformed.getBytes(StandardCharsets.UTF_8)))).contains("'" + name + "'");
        }
    }

    @Test
    void dateTimesAreEightFourteenOrSeventeenDigitsWithAnOptionalOffset() throws Exception {
        String sample = Files.readString(SAMPLES.resolve("valid/mt2101-export-pre-stowage.xml"));
        for (String value : List.of("20261123", "20261123120000", "20261123120000000", "20261123120000+0800")) {
            String changed = sample.replace("<LoadingDate>20261123120000</LoadingDate>", "<LoadingDate>" + value + "</LoadingDate>");
            assertThat(errors(schema("MT2101"), changed.getBytes(StandardCharsets.UTF_8))).as(value).isEmpty();
        }
        for (String value : List.of("2026112312", "2026-11-23", "20261123120000Z")) {
            String changed = sample.replace("<LoadingDate>20261123120000</LoadingDate>", "<LoadingDate>" + value + "</LoadingDate>");
            assertThat(errors(schema("MT2101"), changed.getBytes(StandardCharsets.UTF_8))).as(value).isNotEmpty();
        }
    }

    @Test
    void anEmptyHeadElementIsRefused() throws Exception {
        String sample = Files.readString(SAMPLES.resolve("valid/mt2101-export-pre-stowage.xml"))
                .replace("<ReceiverID>EPORT</ReceiverID>", "<ReceiverID></ReceiverID>");

        assertThat(String.join("\n", errors(schema("MT2101"), sample.getBytes(StandardCharsets.UTF_8)))).contains("'ReceiverID'");
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() throws Exception {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE Manifest [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<Manifest xmlns=\"" + NAMESPACE_PREFIX + "MT2101:1\"><Head><MessageID>&x;</MessageID></Head></Manifest>";

        assertThat(String.join("\n", errors(schema("MT2101"), doctype.getBytes(StandardCharsets.UTF_8)))).contains("DOCTYPE");
    }

    /** A real-shaped water sample carries its native counterpart's business content, so their translations compare. */
    @ParameterizedTest
    @CsvSource({"mt1101-import-sea.xml, mt1101-import-sea-laem-chabang-qinzhou.xml",
        "mt2101-export-pre-stowage.xml, mt2101-export-pre-stowage-qinzhou-haiphong.xml",
        "mt3101-arrival-report.xml, mt3101-arrival-report-port-klang-qinzhou.xml",
        "mt4101-loading-manifest.xml, mt4101-loading-manifest-qinzhou-singapore.xml",
        "mt5101-tally-report.xml, mt5101-tally-report-haiphong-qinzhou.xml"})
    void waterSampleCarriesTheNativeSamplesBusinessContent(String real, String nativeSample) throws Exception {
        Document cn = parse(Files.readAllBytes(SAMPLES.resolve("valid").resolve(real)));
        Document own = parse(Files.readAllBytes(SAMPLES.resolve(Path.of("..", "manifest", "valid", nativeSample))));

        assertThat(texts(cn, "BorderTransportMeans", "JourneyID")).isEqualTo(texts(own, "BorderTransportMeans", "JourneyID"));
        assertThat(texts(cn, "BorderTransportMeans", "Name")).isEqualTo(texts(own, "BorderTransportMeans", "Name"));
        assertThat(texts(cn, "BorderTransportMeans", "ID")).singleElement().asString().startsWith("UN")
                .isEqualTo(texts(own, "BorderTransportMeans", "ID").get(0).replace("IMO", "UN"));
        assertThat(texts(cn, "TransportContractDocument", "ID")).isEqualTo(texts(own, "TransportContractDocument", "ID"));
        assertThat(texts(cn, "AssociatedTransportDocument", "ID")).isEqualTo(texts(own, "AssociatedTransportDocument", "ID"));
        assertThat(Set.copyOf(texts(cn, "EquipmentIdentification", "ID")))
                .isEqualTo(Set.copyOf(texts(own, "EquipmentIdentification", "ID")));
        assertThat(texts(cn, "Commodity", "TariffClassificationCode")).isEqualTo(texts(own, "Classification", "ID"));
        assertThat(numbers(cn, "Consignment", "TotalGrossMassMeasure")).isEqualTo(numbers(own, "Consignment", "TotalGrossMassMeasure"));
        assertThat(numbers(cn, "GoodsMeasure", "GrossMassMeasure")).isEqualTo(numbers(own, "GoodsMeasure", "GrossMassMeasure"));
        assertThat(numbers(cn, "ConsignmentPackaging", "QuantityQuantity"))
                .isEqualTo(numbers(own, "ConsignmentPackaging", "QuantityQuantity"));
        assertThat(Set.copyOf(texts(cn, "TransportEquipment", "SealID"))).isEqualTo(Set.copyOf(texts(own, "TransportEquipment", "SealID")));
    }

    /** The non-empty texts of every {@code child} directly under a {@code parent}, in document order. */
    private static List<String> texts(Document document, String parent, String child) {
        List<String> texts = new ArrayList<>();
        var parents = document.getElementsByTagNameNS("*", parent);
        for (int i = 0; i < parents.getLength(); i++) {
            for (Node node = parents.item(i).getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element e && e.getLocalName().equals(child) && !e.getTextContent().isBlank()) {
                    texts.add(e.getTextContent().trim());
                }
            }
        }
        return texts;
    }

    private static List<BigDecimal> numbers(Document document, String parent, String child) {
        return texts(document, parent, child).stream().map(t -> new BigDecimal(t).stripTrailingZeros()).toList();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static Schema wrapperFor(byte[] payload) throws Exception {
        Matcher namespace = ROOT_NAMESPACE.matcher(new String(payload, StandardCharsets.UTF_8));
        if (!namespace.find() || namespace.group(1).isEmpty()) {
            return schema("unqualified");
        }
        String uri = namespace.group(1);
        assertThat(uri).startsWith(NAMESPACE_PREFIX).endsWith(":1");
        return schema(uri.substring(NAMESPACE_PREFIX.length(), uri.length() - 2));
    }

    /** Compiles a wrapper from the class path: no DTD, includes only from file: or jar: (the class path). */
    private static Schema schema(String wrapper) throws Exception {
        URL xsd = CnManifestSchemasTest.class.getClassLoader().getResource("cn-manifest/" + wrapper + ".xsd");
        assertThat(xsd).as("cn-manifest/" + wrapper + ".xsd on the class path").isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar:file");
        return factory.newSchema(xsd);
    }

    /** Every validation error, or the parse error of a document that is not well formed or declares a DOCTYPE. */
    private static List<String> errors(Schema schema, byte[] payload) throws Exception {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getMessage());
            }
        });
        SAXParserFactory parsers = SAXParserFactory.newInstance();
        parsers.setNamespaceAware(true);
        parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        XMLReader reader = parsers.newSAXParser().getXMLReader();
        try {
            validator.validate(new SAXSource(reader, new InputSource(new ByteArrayInputStream(payload))));
        } catch (SAXParseException e) {
            if (errors.isEmpty() || !errors.get(errors.size() - 1).equals(e.getMessage())) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private static Document parse(byte[] payload) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(payload));
    }

    private static byte[] serialize(Document document) throws Exception {
        StringWriter out = new StringWriter();
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private static Stream<Path> samples(String validity) throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES.resolve(validity))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }
}
