package org.casw.routes.transform.multimodal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.through.Container;
import org.casw.schemas.through.Event;
import org.casw.schemas.through.ThroughDocument;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sea and rail manifests of the same containers merge into one through document, or say why they cannot. */
class SeaRailMergerTest {

    private static final Path SAMPLES = Samples.DIR;
    private static final Path GOLDEN = Path.of("src", "test", "resources", "multimodal", "through-durian-laem-chabang-qinzhou-chongqing.xml");
    private static final String SEA = text(SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml"));
    private static final String RAIL = text(SAMPLES.resolve("manifest/valid/mt1401-rail-sea-rail-qinzhou-chongqing.xml"));
    private static final List<ContainerEvents> EVENTS = List.of(
            events("qinzhou-rail-sea-rail-durian-to-chongqing.xml"), events("qinzhou-port-sea-rail-durian-discharge.xml"));

    private final SeaRailMerger merger = new SeaRailMerger();
    private final ThroughDocumentWriter writer = new ThroughDocumentWriter();

    @Test
    void theDurianReeferBySeaAndRailGivesTheGoldenThroughDocument() throws Exception {
        ThroughMerge merge = merger.merge(sea(SEA), rail(RAIL), EVENTS);

        assertThat(merge.violations()).isEmpty();
        byte[] xml = writer.write(merge.document());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SAMPLES.resolve("../../../main/resources/xsd/through-document.xsd").toFile())
                .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, xml);
        }
        assertThat(new String(xml, StandardCharsets.UTF_8)).isEqualToNormalizingNewlines(text(GOLDEN));
    }

    @Test
    void legsAreInTravelOrderWhicheverWayTheyAreGiven() {
        ThroughDocument document = merger.merge(rail(RAIL), sea(SEA), EVENTS).document();

        assertThat(document.getThroughDocumentNo()).isEqualTo("TD-PILQZH2611001-QZCQ2611210031");
        assertThat(document.getLegs().getLeg()).extracting(l -> l.getMode().value(), l -> l.getFrom(), l -> l.getTo())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SEA", "THLCH", "CNQZH"),
                        org.assertj.core.groups.Tuple.tuple("RAIL", "CNQZH", "CNCQI"));
        assertThat(document.getLegs().getLeg().get(0).getSourceManifest().getMessageID()).isEqualTo("PABV-MT1101-20261120-0001");
        assertThat(document.getLegs().getLeg().get(1).getSourceManifest().getTrackingID()).isEqualTo("SW-RAIL");
    }

    @Test
    void theTimelineHoldsBothLegsInTimeOrderAndNoOtherTripOrContainer() {
        Container reefer = merger.merge(sea(SEA), rail(RAIL), EVENTS).document().getContainers().getContainer().get(0);

        assertThat(reefer.getEvents().getEvent()).extracting(Event::getEventType)
                .containsExactly("DISCHARGE", "GATE_OUT", "GATE_IN", "RAIL_DEPARTURE", "RAIL_ARRIVAL");
        assertThat(reefer.getEvents().getEvent()).extracting(e -> e.getLeg() == null ? 0 : e.getLeg().intValue())
                .containsExactly(1, 2, 0, 2, 2);
        assertThat(reefer.getSeal()).extracting(s -> s.getLeg().intValue() + ":" + s.getValue())
                .containsExactly("1:TH2611734", "2:TH2611734", "2:CNQZ0088123");
    }

    @Test
    void aRailLegWithAContainerTheShipDidNotCarryIsReportedOnBothSides() {
        String rail = RAIL.replace("CSQU3054383", "TGHU6123458");

        List<Violation> violations = merger.merge(sea(SEA), rail(rail), EVENTS).violations();

        assertThat(violations).extracting(Violation::code).containsOnly(SeaRailMerger.THROUGH_CONTAINER_UNMATCHED);
        assertThat(violations).extracting(Violation::path).containsExactly(
                "/Manifest/Declaration/Consignment/TransportEquipment/EquipmentIdentification/ID",
                "/Manifest/Declaration/Consignment/TransportEquipment/EquipmentIdentification/ID");
        assertThat(violations.get(0).message()).contains("CSQU3054383", "sea manifest PABV-MT1101-20261120-0001", "QZCQ2611210031");
        assertThat(violations.get(1).message()).contains("TGHU6123458", "rail manifest QZRAIL-MT1401-20261121-0007");
    }

    @Test
    void theSecondConsignmentOfTheSeaManifestIsPathedByPosition() {
        String rail = RAIL.replace("CSQU3054383", "ZEPU0037255");

        List<Violation> second = merger.merge(new ManifestLeg("SW-SEA", manifest(SEA), 1), rail(rail), EVENTS).violations();
        List<Violation> first = merger.merge(new ManifestLeg("SW-SEA", manifest(SEA), 0), rail(rail), EVENTS).violations();

        // the rubber container matches; its consignee (Beibu Gulf Rubber) is not the rail leg's
        assertThat(second).extracting(Violation::code).containsExactly(SeaRailMerger.THROUGH_PARTY_MISMATCH);
        assertThat(second.get(0).message()).contains("/Manifest/Declaration/Consignment[2]/Consignee/Name", "Guangxi Beibu Gulf Rubber");
        assertThat(first).extracting(Violation::code).containsOnly(SeaRailMerger.THROUGH_CONTAINER_UNMATCHED);
    }

    @Test
    void aRailLegLeavingFromAnotherPlaceDoesNotConnect() {
        String rail = RAIL.replace("<ID>CNQZH</ID>", "<ID>CNNNG</ID>");

        List<Violation> violations = merger.merge(sea(SEA), rail(rail), EVENTS).violations();

        assertThat(violations).extracting(Violation::code).containsExactly(SeaRailMerger.THROUGH_LEGS_NOT_CONNECTED);
        assertThat(violations.get(0).path()).isEqualTo("/Manifest/Declaration/LoadingLocation/ID");
        assertThat(violations.get(0).message()).contains("CNNNG", "CNQZH");
    }

    @Test
    void aTrainLeavingBeforeTheShipArrivesDoesNotConnect() {
        String rail = RAIL.replace("<DepartureDateTime>20261121103000000</DepartureDateTime>",
                "<DepartureDateTime>20261121053000000</DepartureDateTime>");

        List<Violation> violations = merger.merge(sea(SEA), rail(rail), EVENTS).violations();

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(org.assertj.core.groups.Tuple.tuple(
                SeaRailMerger.THROUGH_LEGS_NOT_CONNECTED, "/Manifest/Declaration/BorderTransportMeans/DepartureDateTime"));
    }

    @Test
    void anotherConsigneeOnTheRailLegIsAPartyMismatch() {
        String rail = RAIL.replace("<ID>91450700MA5L3QR71R</ID>", "<ID>91500000MA60ABCD1X</ID>");

        List<Violation> violations = merger.merge(sea(SEA), rail(rail), EVENTS).violations();

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(org.assertj.core.groups.Tuple.tuple(
                SeaRailMerger.THROUGH_PARTY_MISMATCH, "/Manifest/Declaration/Consignment/Consignee/ID"));
        assertThat(violations.get(0).message()).contains("91500000MA60ABCD1X", "91450700MA5L3QR71R");
    }

    @Test
    void consigneesWithoutIdsAgreeByNameRegardlessOfPunctuation() {
        String sea = SEA.replace("<ID>91450700MA5L3QR71R</ID>", "");
        String rail = RAIL.replace("<ID>91450700MA5L3QR71R</ID>", "").replace("Qinzhou Demo Import &amp; Export Co., Ltd.",
                "QINZHOU DEMO IMPORT &amp; EXPORT CO LTD");

        assertThat(merger.merge(sea(sea), rail(rail), EVENTS).violations()).isEmpty();
        assertThat(merger.merge(sea(sea), rail(rail.replace("QINZHOU", "NANNING")), EVENTS).violations())
                .extracting(Violation::code, Violation::path).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        SeaRailMerger.THROUGH_PARTY_MISMATCH, "/Manifest/Declaration/Consignment/Consignee/Name"));
    }

    @Test
    void railThenSeaIsAnExportThroughMovement() {
        String undated = "<(ArrivalDateTime|DepartureDateTime|LoadingDateTime)>[0-9]+</\\1>";
        String sea = SEA.replace("<ID>THLCH</ID>", "<ID>XXXXX</ID>").replace("<ID>CNQZH</ID>", "<ID>THLCH</ID>")
                .replace("<ID>XXXXX</ID>", "<ID>CNQZH</ID>").replaceAll(undated, "");
        String rail = RAIL.replace("<ID>CNQZH</ID>", "<ID>XXXXX</ID>").replace("<ID>CNCQI</ID>", "<ID>CNQZH</ID>")
                .replace("<ID>XXXXX</ID>", "<ID>CNCQI</ID>").replaceAll(undated, "");

        ThroughDocument document = merger.merge(sea(sea), rail(rail), List.of()).document();

        assertThat(document.getLegs().getLeg()).extracting(l -> l.getMode().value()).containsExactly("RAIL", "SEA");
        assertThat(document.getThroughDocumentNo()).isEqualTo("TD-QZCQ2611210031-PILQZH2611001");
    }

    @Test
    void twoSeaLegsAreNotASeaRailMovement() {
        assertThatThrownBy(() -> merger.merge(sea(SEA), sea(SEA), EVENTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLegIsFoundByBillOrByContainer() {
        assertThat(ManifestLeg.ofBill("t", manifest(SEA), "PILQZH2611002")).get().extracting(ManifestLeg::consignment).isEqualTo(1);
        assertThat(ManifestLeg.ofContainer("t", manifest(SEA), "ZEPU0037255")).get().extracting(ManifestLeg::billNo).isEqualTo("PILQZH2611002");
        assertThat(ManifestLeg.ofContainer("t", manifest(SEA), "TGHU6123458")).isEmpty();
    }

    private static ManifestLeg sea(String xml) {
        return ManifestLeg.ofContainer("SW-SEA", manifest(xml), "CSQU3054383").orElseGet(() -> new ManifestLeg("SW-SEA", manifest(xml), 0));
    }

    private static ManifestLeg rail(String xml) {
        return new ManifestLeg("SW-RAIL", manifest(xml), 0);
    }

    private static Manifest manifest(String xml) {
        byte[] payload = xml.getBytes(StandardCharsets.UTF_8);
        assertThat(TestDocuments.schemaErrors(DocumentType.MANIFEST, payload)).isEmpty();
        return (Manifest) TestDocuments.read(DocumentType.MANIFEST, payload);
    }

    private static ContainerEvents events(String sample) {
        return (ContainerEvents) TestDocuments.read(DocumentType.CONTAINER_EVENT,
                text(SAMPLES.resolve("container-event/valid").resolve(sample)).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
