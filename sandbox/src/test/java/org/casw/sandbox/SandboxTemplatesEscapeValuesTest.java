package org.casw.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.schemas.declaration.DecMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value a sandbox puts into its XML templates, from a request (certificate and AEO requests, gate-out) or
 * from a delivered document (declaration, manifest, container events), stays text: with {@code <}, {@code &},
 * quotes or {@code ]]>} in it, the document still parses, holds no injected element, and carries the value as given.
 */
class SandboxTemplatesEscapeValuesTest {

    private static final String HOSTILE = "A&B \"q\" 'a' ]]> </Name><Injected>x</Injected><Name>";

    @Test
    void aFormEKeepsEveryRequestValueAsText() throws Exception {
        CertificateRequest request = new CertificateRequest(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE,
                HOSTILE, null, HOSTILE, HOSTILE, HOSTILE, 3, HOSTILE, null, null, HOSTILE, null, HOSTILE, HOSTILE, HOSTILE);

        Document formE = parse(SandboxWindow.formE("E26-SG-" + HOSTILE, "SG", request));

        assertNothingInjected(formE);
        for (String element : List.of("CertificateNo", "Name", "Address", "ID", "VesselOrFlight", "PortOfLoading", "PortOfDischarge",
                "Marks", "PackageKind", "Description", "HsCode", "OriginCriterion", "QuantityUnit", "InvoiceNo")) {
            NodeList found = formE.getElementsByTagNameNS("*", element);
            List<String> texts = IntStream.range(0, found.getLength()).mapToObj(i -> found.item(i).getTextContent()).toList();
            assertThat(texts).as(element).anyMatch(text -> text.endsWith(HOSTILE));
        }
        assertThat(formE.getElementsByTagNameNS("*", "FobValue").item(0).getAttributes().getNamedItem("currency").getNodeValue())
                .isEqualTo(HOSTILE);
    }

    @Test
    void anAeoNoticeKeepsEveryRequestValueAsText() throws Exception {
        Document notice = parse(SandboxWindow.aeoNotice("SG-AEO-1", "SG", HOSTILE, LocalDate.of(2026, 12, 7),
                List.of(new AeoNoticeRequest.Enterprise(HOSTILE, HOSTILE, HOSTILE, HOSTILE, null, null))));

        assertNothingInjected(notice);
        for (String element : List.of("Programme", "Identifier", "Name", "AuthorisationNo", "Status")) {
            assertThat(notice.getElementsByTagNameNS("*", element).item(0).getTextContent()).as(element).isEqualTo(HOSTILE);
        }
    }

    @Test
    void customsReceiptsKeepValuesFromTheDeliveredDocumentAsText() throws Exception {
        Document importResponse = parse(SandboxCustoms.importResponse(HOSTILE, HOSTILE));
        Document declarationReceipt = parse(SandboxCustoms.decResult(HOSTILE, HOSTILE, HOSTILE, HOSTILE, "L", HOSTILE));
        Document manifestReceipt = parse(SandboxCustoms.manifestResponse(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE));

        assertNothingInjected(importResponse);
        assertNothingInjected(declarationReceipt);
        assertNothingInjected(manifestReceipt);
        for (String element : List.of("ClientSeqNo", "SeqNo")) {
            assertThat(importResponse.getElementsByTagNameNS("*", element).item(0).getTextContent()).as(element).isEqualTo(HOSTILE);
        }
        for (String element : List.of("CUS_CIQ_NO", "ENTRY_ID", "CUSTOM_MASTER", "I_E_DATE", "NOTE")) {
            assertThat(declarationReceipt.getElementsByTagName(element).item(0).getTextContent()).as(element).isEqualTo(HOSTILE);
        }
        assertThat(manifestReceipt.getElementsByTagNameNS("*", "MessageID").item(0).getTextContent()).isEqualTo("CUS-RSP-" + HOSTILE);
        for (String element : List.of("MessageType", "JourneyID", "ID")) {
            assertThat(manifestReceipt.getElementsByTagNameNS("*", element).item(0).getTextContent()).as(element).isEqualTo(HOSTILE);
        }
    }

    @Test
    void aUtilizationNoticeKeepsTheDeclarationsValuesAsText() throws Exception {
        DecMessage declaration = (DecMessage) new DocumentReader().read(DocumentType.DECLARATION,
                Samples.sample("declaration", "valid", "import-durian-form-e.xml").getBytes(StandardCharsets.UTF_8));
        declaration.getDecHead().setCustomMaster(HOSTILE);
        DecMessages.ecoRelations(declaration).forEach(link -> link.setEcoCertNo(HOSTILE));
        declaration.getDecLists().getDecList().forEach(item -> item.setGUnit(HOSTILE));

        Map<String, String> notices = SandboxCustoms.utilizationNotices(declaration, "ENTRY-" + HOSTILE);

        assertThat(notices).containsOnlyKeys(HOSTILE);
        Document notice = parse(notices.get(HOSTILE));
        assertNothingInjected(notice);
        assertThat(notice.getElementsByTagNameNS("*", "CertificateNo").item(0).getTextContent()).isEqualTo(HOSTILE);
        assertThat(notice.getElementsByTagNameNS("*", "DeclarationEntryId").item(0).getTextContent()).isEqualTo("ENTRY-" + HOSTILE);
        assertThat(notice.getElementsByTagNameNS("*", "QuantityUnit").item(0).getTextContent()).isEqualTo(HOSTILE);
    }

    @Test
    void containerEventsKeepTheirValuesAsText() throws Exception {
        String event = SandboxJmsParty.containerEvent(HOSTILE, "GATE_OUT", HOSTILE, HOSTILE, HOSTILE, HOSTILE,
                SandboxJmsParty.transportMeans("RAIL", HOSTILE, HOSTILE), List.of(HOSTILE), List.of(HOSTILE));

        Document events = parse(SandboxJmsParty.containerEvents(HOSTILE, HOSTILE, event));

        assertNothingInjected(events);
        for (String element : List.of("BatchId", "Reporter", "EventId", "ContainerNumber", "SizeType", "FacilityCode", "Id", "JourneyId",
                "BillNo", "SealNo")) {
            assertThat(events.getElementsByTagNameNS("*", element).item(0).getTextContent()).as(element).isEqualTo(HOSTILE);
        }
    }

    @Test
    void charactersXmlCannotCarryBecomeReplacementCharacters() throws Exception {
        Document receipt = parse(SandboxCustoms.importResponse("A\u0000B\u001FC", "E20260000000000001"));

        assertThat(receipt.getElementsByTagNameNS("*", "ClientSeqNo").item(0).getTextContent()).isEqualTo("A\uFFFDB\uFFFDC");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNothingInjected(Document document) {
        assertThat(document.getElementsByTagNameNS("*", "Injected").getLength()).isZero();
    }
}
