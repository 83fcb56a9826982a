package org.casw.routes.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecCopPromises;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.DecRoyaltyFee;
import org.casw.schemas.declaration.DecSign;
import org.casw.schemas.declaration.DecTpAccess;
import org.casw.schemas.declaration.DecUsers;
import org.casw.schemas.declaration.EcoRelation;
import org.casw.schemas.declaration.EdocRealation;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Declarations shaped as real declaration software writes them (the writer-*.xml samples: .NET XmlSerializer, the
 * single window's interface table order, the CargoWise XSLT, a Go marshaller, an early-2018 client) pass the schema
 * and the rules, and read as the values they carry. The shape tests keep the samples from drifting into the
 * gateway's own order.
 */
class RealWriterShapesTest {

    private static final String DEC = "http://www.chinaport.gov.cn/dec";
    private static final String IMPORTER = "91450700MA5L3QR71R";

    private final SchemaValidator schemas = new SchemaValidator();
    private final DocumentReader reader = new DocumentReader();
    private final BusinessRules rules = new BusinessRules(null, reader, SampleEra.CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {"writer-xmlserializer-2024.xml", "writer-interface-table-order.xml", "writer-cargowise-xslt.xml",
        "writer-go-marshaller.xml"})
    void declarationAsARealWriterShapesItPassesSchemaAndRules(String file) throws IOException {
        byte[] payload = valid(file);

        assertThat(schemas.validate(DocumentType.DECLARATION, payload)).isEmpty();
        assertThat(rules.check(DocumentType.DECLARATION, reader.read(DocumentType.DECLARATION, payload))).isEmpty();
        assertThat(reader.keysOf(DocumentType.DECLARATION, reader.read(DocumentType.DECLARATION, payload))
                .first(BusinessKeys.Kind.DECLARANT)).isEqualTo(IMPORTER);
    }

    @Test
    void xmlSerializerDeclarationWithByteOrderMarkAndOmittedNullsReadsAsItsValues() throws IOException {
        byte[] payload = valid("writer-xmlserializer-2024.xml");
        assertThat(payload).startsWith(0xEF, 0xBB, 0xBF);

        DecMessage declaration = declaration(payload);

        assertThat(declaration.getDecHead().getApprNo()).as("<ApprNo /> is absent").isNull();
        assertThat(declaration.getDecHead().getFeeRate()).isNull();
        assertThat(declaration.getDecHead().getTrafName()).as("omitted by the writer").isNull();
        assertThat(declaration.getDecHead().getGrossWet()).isEqualByComparingTo("19850.5");
        assertThat(declaration.getDecHead().getTradeCoScc()).isEqualTo(IMPORTER);
        DecSign sign = DecMessages.sign(declaration);
        assertThat(sign.getClientSeqNo()).isEqualTo("QZDCDO202611210000041");
        assertThat(sign.getOperType()).isEqualTo("G");
        assertThat(sign.getSign()).isNull();
        assertThat(sign.getSignDate()).isNull();
        assertThat(DecMessages.voyageNo(declaration)).isEqualTo("0342N");
        assertThat(DecMessages.containers(declaration)).isEmpty();
        assertThat(DecMessages.first(declaration, DecUsers.class)).hasValueSatisfying(u -> assertThat(u.getDecUser()).isEmpty());
        assertThat(DecMessages.items(declaration).get(0).getDecGoodsLimits()).isNull();
        assertThat(DecMessages.all(declaration, EdocRealation.class)).extracting(EdocRealation::getEdocCode, EdocRealation::getSignTime)
                .containsExactly(tuple("00000004", "20261120 04:15:27"),
                        tuple("00000002", "20261120 04:15:31"),
                        tuple("00000001", "20261120 04:15:36"));
        assertThat(DecMessages.ecoRelations(declaration)).isEmpty();
    }

    @Test
    void interfaceTableOrderDeclarationReadsItsInspectionFieldsFurtherBlocksAndCertificateClaim() throws IOException {
        DecMessage declaration = declaration(valid("writer-interface-table-order.xml"));

        assertThat(declaration.getDecHead().getType()).as("<Type/> is absent").isNull();
        assertThat(declaration.getDecHead().getEdiRemark()).isNull();
        DecSign sign = DecMessages.sign(declaration);
        assertThat(sign.getClientSeqNo()).isEqualTo("QZDEMO-20261121-0042");
        assertThat(sign.getSignDate()).isEqualTo("2026112109300000");
        DecList item = DecMessages.items(declaration).get(0);
        assertThat(item.getCiqCode()).isEqualTo("999");
        assertThat(item.getPurpose()).isEqualTo("12");
        assertThat(item.getGoodsAttr()).isEqualTo("19");
        assertThat(item.getNoDangFlag()).isEqualTo("1");
        assertThat(item.getDistrictCode()).isEqualTo("45079");
        assertThat(item.getClassMark()).isNull();
        assertThat(item.getContrItem()).isNull();
        assertThat(item.getFactor()).isNull();
        assertThat(item.getExgNo()).isNull();
        assertThat(item.getDecGoodsLimits().getDecGoodsLimit()).singleElement()
                .satisfies(l -> assertThat(l.getLicWrtofQtyUnit()).isEqualTo("035"));
        assertThat(DecMessages.containers(declaration)).extracting(Container::getContainerId, Container::getGoodsContaWt)
                .containsExactly(tuple("CSQU3054383", "23701"));
        assertThat(DecMessages.voyageNo(declaration)).isEqualTo("0342N");
        assertThat(DecMessages.first(declaration, DecRoyaltyFee.class)).hasValueSatisfying(fee -> {
            assertThat(fee.getPayTime()).isEqualTo("2026-12-31");
            assertThat(fee.getPricePreDeterminNo()).isNull();
        });
        assertThat(DecMessages.ecoRelations(declaration)).extracting(EcoRelation::getEcoCertNo, EcoRelation::getDecGNo)
                .containsExactly(tuple("E26-TH-0001187", 1));
        assertThat(reader.keysOf(DocumentType.DECLARATION, declaration).all())
                .contains(new BusinessKeys.Key(BusinessKeys.Kind.CERTIFICATE_NO, "E26-TH-0001187"),
                        new BusinessKeys.Key(BusinessKeys.Kind.CLIENT_SEQ_NO, "QZDEMO-20261121-0042"));
    }

    @Test
    void cargowiseDeclarationWithPrefixedElementsReadsLikeAnUnprefixedOne() throws IOException {
        DecMessage declaration = declaration(valid("writer-cargowise-xslt.xml"));

        assertThat(declaration.getDecHead().getType()).as("two spaces are no type").isNull();
        assertThat(declaration.getDecHead().getEdiId()).isEqualTo("1");
        assertThat(declaration.getDecHead().getOverseasConsignorCode()).isEqualTo("NO");
        assertThat(declaration.getDecHead().getSeqNo()).isNull();
        assertThat(DecMessages.sign(declaration).getClientSeqNo()).isEqualTo("QZDEMO-20261121-0043");
        assertThat(DecMessages.items(declaration)).extracting(DecList::getGNo).containsExactly(1, 2);
        assertThat(DecMessages.items(declaration)).extracting(DecList::getRcepOrigPlaceCode).containsOnly("THA");
        assertThat(DecMessages.containers(declaration)).extracting(Container::getGoodsNo).containsExactly("1,2");
        assertThat(DecMessages.first(declaration, DecCopPromises.class)).hasValueSatisfying(
                p -> assertThat(p.getDecCopPromise()).singleElement()
                        .satisfies(c -> assertThat(c.getDeclaratioMaterialCode()).isEqualTo("101040")));
        assertThat(DecMessages.first(declaration, DecTpAccess.class)).hasValueSatisfying(t -> assertThat(t.getTransitionSite()).isNull());
        assertThat(DecMessages.ecoRelations(declaration)).hasSize(1);
        assertThat(DecMessages.all(declaration, EdocRealation.class)).singleElement()
                .satisfies(e -> assertThat(e.getGNoStr()).isEqualTo("1,2"));
    }

    @Test
    void goDeclarationReadsItsCdataAndEscapedText() throws IOException {
        DecMessage declaration = declaration(valid("writer-go-marshaller.xml"));

        assertThat(declaration.getDecHead().getNoteS()).isEqualTo("Monthong durians, cold chain 3-5 C <keep upright>");
        assertThat(DecMessages.items(declaration).get(0).getGModel()).isEqualTo("0|0|Monthong|grade A|fresh|18 kg cartons");
        assertThat(DecMessages.items(declaration).get(0).getGoodsSpec()).isEqualTo("grade 'A', 4-6 kg per fruit");
        assertThat(declaration.getDecHead().getApprNo()).as("<ApprNo></ApprNo> is absent").isNull();
        assertThat(DecMessages.sign(declaration).getClientSeqNo()).isEqualTo("QZDEMO-20261121-0044");
        assertThat(DecMessages.containers(declaration)).extracting(Container::getContainerId).containsExactly("CSQU3054383");
        assertThat(DecMessages.licences(declaration)).singleElement()
                .satisfies(l -> assertThat(l.getCertCode()).isEqualTo("E26-TH-0001187"));
    }

    @Test
    void early2018DeclarationWithNumericCodesPassesTheSchemaAndIsRefusedForExactlyItsCodes() throws IOException {
        byte[] payload = Files.readAllBytes(Samples.path("declaration", "invalid", "writer-2018-numeric-codes.xml"));

        assertThat(schemas.validate(DocumentType.DECLARATION, payload)).isEmpty();
        DecMessage declaration = declaration(payload);
        List<Violation> violations = rules.check(DocumentType.DECLARATION, declaration);

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactlyInAnyOrder(
                tuple("COUNTRY_UNKNOWN", "/DecMessage/DecHead/TradeCountry"),
                tuple("COUNTRY_UNKNOWN", "/DecMessage/DecLists/DecList/OriginCountry"),
                tuple("CURRENCY_UNKNOWN", "/DecMessage/DecLists/DecList/TradeCurr"),
                tuple("COUNTRY_UNKNOWN", "/DecMessage/DecLists/DecList/DestinationCountry"));
        assertThat(declaration.getDecHead().getTradeCoScc()).isNull();
        assertThat(declaration.getDecHead().getTradeCodeScc()).isEqualTo(IMPORTER);
        assertThat(declaration.getDecHead().getDistrictCode()).isEqualTo("45079");
        assertThat(declaration.getDecHead().getInRatio()).isNull();
        assertThat(reader.keysOf(DocumentType.DECLARATION, declaration).first(BusinessKeys.Kind.TRADE_CO))
                .as("TradeCodeScc is read as the trading company").isEqualTo(IMPORTER);
        assertThat(DecMessages.sign(declaration).getClientSeqNo()).isEqualTo("202611211651490045");
    }

    @Test
    void interfaceTableSampleKeepsItsAlphabeticalHeadAndTableOrders() throws Exception {
        byte[] payload = valid("writer-interface-table-order.xml");
        Element root = dom(payload);
        List<String> wireOrder = children(child(dom(valid("writer-cargowise-xslt.xml")), "DecHead"));

        List<String> head = children(child(root, "DecHead"));
        assertThat(head.subList(0, 9)).containsExactly("AgentCode", "AgentName", "ApprNo", "BillNo", "ContrNo", "CopCode", "CopName",
                "CustomMaster", "CutMode");
        List<String> original = head.subList(0, head.indexOf("WrapType") + 1);
        assertThat(original).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER).contains("SeqNo", "PreEntryId", "Type", "IEFlag");
        assertThat(head.subList(head.indexOf("WrapType") + 1, head.indexOf("WrapType") + 7))
                .containsExactly("ChkSurety", "BillType", "CopCodeScc", "TradeCoScc", "AgentCodeScc", "OwnerCodeScc");
        assertThat(head.indexOf("EdiRemark")).isLessThan(head.indexOf("EdiRemark2"));
        assertThat(head).as("the same fields as the wire order, in another order").containsExactlyInAnyOrderElementsOf(wireOrder)
                .isNotEqualTo(wireOrder);
        assertThat(children(child(root, "DecSign"))).startsWith("ClientSeqNo", "CopCode", "ICCode", "OperType", "OperName", "Sign",
                "SignDate", "HostId", "Certificate");
        assertThat(children(child(root, "DecFreeTxt"))).isSortedAccordingTo(String::compareTo).hasSize(7);
        assertThat(children(child(root, "EcoRelation"))).containsExactly("CertType", "DecGNo", "EcoCertNo", "EcoGNo");
        assertThat(new String(payload, StandardCharsets.UTF_8)).as("every empty element is written <X/>")
                .contains("<ApprNo/>", "<DecGoodsLimits>").doesNotContainPattern("<(\\w+)></\\1>").doesNotContain(" />");
        assertThat(children(root)).contains("DecRequestCerts", "DecCopLimits", "DecCopPromises", "DecOtherPacks", "DecRoyaltyFee",
                "EdocRealation", "EcoRelation");
    }

    @Test
    void cargowiseSampleKeepsItsPrefixAndPutsPromisesAfterTheSign() throws Exception {
        byte[] payload = valid("writer-cargowise-xslt.xml");
        Element root = dom(payload);

        assertThat(root.getPrefix()).isEqualTo("ns0");
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("<ns0:Type>  </ns0:Type>")
                .contains("<ns0:ApprNo></ns0:ApprNo>").doesNotContain("/>");
        assertThat(allElements(root)).allSatisfy(e -> assertThat(e.getPrefix()).isEqualTo("ns0"));
        assertThat(children(root)).containsExactly("DecHead", "DecLists", "DecContainers", "DecLicenseDocus", "DecRequestCerts",
                "DecOtherPacks", "DecCopLimits", "DecUsers", "DecFreeTxt", "DecSign", "DecCopPromises", "DecTpAccess", "EdocRealation",
                "EcoRelation");
        assertThat(children(child(root, "DecHead"))).hasSize(91).startsWith("SeqNo", "IEFlag", "Type", "AgentCode");
    }

    @Test
    void xmlSerializerSampleOmitsNullsAndGoSampleKeepsItsStructOrder() throws Exception {
        byte[] xmlSerializer = valid("writer-xmlserializer-2024.xml");
        Element root = dom(xmlSerializer);
        String text = new String(xmlSerializer, StandardCharsets.UTF_8);

        assertThat(root.hasAttribute("version")).isFalse();
        assertThat(text).contains("xmlns:xsd=", "xmlns:xsi=", "<ApprNo />", "<DecContainers />", "<DecGoodsLimits />");
        List<String> head = children(child(root, "DecHead"));
        assertThat(head).hasSize(56).startsWith("IEFlag", "Type", "AgentCode").doesNotContain("SeqNo", "FeeCurr", "EntryId", "DDate")
                .endsWith("TradeCiqCode", "OwnerCiqCode", "DeclCiqCode");
        assertThat(children(child(root, "DecFreeTxt"))).containsExactly("VoyNo");
        assertThat(children(root)).endsWith("DecSign", "EdocRealation", "EdocRealation", "EdocRealation");

        byte[] go = valid("writer-go-marshaller.xml");
        Element goRoot = dom(go);
        assertThat(goRoot.getAttribute("version")).isEqualTo("3.1");
        assertThat(new String(go, StandardCharsets.UTF_8)).contains("<NoteS><![CDATA[", "<GModel><![CDATA[", "&#39;");
        assertThat(children(goRoot)).containsExactly("DecHead", "DecLists", "DecLicenseDocus", "DecContainers", "DecSign", "DecFreeTxt",
                "DecRequestCerts", "DecOtherPacks", "DecCopLimits", "DecUsers", "DecCopPromises");
        List<String> goHead = children(child(goRoot, "DecHead"));
        assertThat(goHead.indexOf("EdiRemark")).isEqualTo(goHead.indexOf("EdiRemark2") - 1);
    }

    private static byte[] valid(String file) throws IOException {
        return Files.readAllBytes(Samples.path("declaration", "valid", file));
    }

    private DecMessage declaration(byte[] payload) {
        return (DecMessage) reader.read(DocumentType.DECLARATION, payload);
    }

    private static Element dom(byte[] payload) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(payload)).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        return (Element) parent.getElementsByTagNameNS(DEC, name).item(0);
    }

    private static List<String> children(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private static List<Element> allElements(Element root) {
        List<Element> all = new ArrayList<>();
        var list = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        return all;
    }
}
