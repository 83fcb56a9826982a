package org.casw.routes.transform.edifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.manifest.ManifestRules;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.ConsignmentItem;
import org.casw.schemas.manifest.Contact;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.PackingGroupCode;
import org.casw.schemas.manifest.TemperatureUnitCode;
import org.casw.schemas.manifest.TransportEquipment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertGolden;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertValidNative;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/** CUSCAR (D.96B) to the native manifest and back: samples, round trips, golden files, what cannot be expressed. */
class CuscarTranslatorTest {

    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-20T00:30:00Z"), ZoneOffset.UTC);
    private static final Path MANIFESTS = SAMPLES.resolve("manifest/valid");
    private static final Path MT1101 = MANIFESTS.resolve("mt1101-import-sea-laem-chabang-qinzhou.xml");
    private static final Path MT2101 = MANIFESTS.resolve("mt2101-export-pre-stowage-qinzhou-haiphong.xml");
    private static final Path CUSCAR = EDIFACT_SAMPLES.resolve("cuscar-mt1101-laem-chabang-qinzhou.edi");
    /** A carrier's cargo report with contacts, two reefers, dangerous goods, CST tariff codes and seals. */
    private static final Path REEFER_DG_CUSCAR = EDIFACT_SAMPLES.resolve("cuscar-mt1101-port-klang-qinzhou.edi");

    private final CuscarTranslator reader = new CuscarTranslator();
    private final CuscarWriter writer = new CuscarWriter(PREPARED, ControlReferences.counting(0));

    @Test
    void theCuscarSampleBecomesTheMt1101SampleManifest() {
        Translation translation = reader.toNative(bytes(CUSCAR));

        assertThat(translation.violations()).isEmpty();
        assertThat(translation.type()).isEqualTo(DocumentType.MANIFEST);
        assertThat(translation.contentType()).isEqualTo("application/xml");
        assertValidNative(DocumentType.MANIFEST, translation.payload());
        assertThat(manifest(translation.payload())).usingRecursiveComparison().isEqualTo(manifest(bytes(MT1101)));
    }

    @Test
    void theMt1101ManifestIsWrittenAsTheGoldenCuscar() {
        Translation translation = writer.fromNative(DocumentType.MANIFEST, bytes(MT1101));

        assertThat(translation.violations()).isEmpty();
        assertThat(translation.contentType()).isEqualTo("application/EDIFACT");
        assertGolden("cuscar-mt1101-laem-chabang-qinzhou.edi", translation.payload());
        assertThat(text(translation.payload())).startsWith("UNA:+.? '\nUNB+UNOC:3+PABV-QZH-AGENT:ZZZ+CN-CUSTOMS-7205:ZZZ+261120:0830+1'")
                .contains("UNH+1+CUSCAR:D:96B:UN:1.0'", "BGM+85+PABV-MT1101-20261120-0001+9'", "TDT+20+0342N+1+++++9321483:146:11:KOTA CAHAYA'",
                        "EQD+CN+CSQU3054383+45R1+++8'", "SEL+TH2611734+CA'", "RFF+BH:BKKQZH26110087'", "SGP+ZEPU0037255'");
    }

    @Test
    void anMt1101SurvivesTheRoundTripFieldByField() {
        byte[] cuscar = writer.fromNative(DocumentType.MANIFEST, bytes(MT1101)).payload();
        Translation back = reader.toNative(cuscar);

        assertThat(back.violations()).isEmpty();
        assertThat(manifest(back.payload())).usingRecursiveComparison().isEqualTo(manifest(bytes(MT1101)));
    }

    @Test
    void anMt2101RoundTripsExceptTheMillisecondsDtmCannotCarry() {
        // the sample's seals (11 characters) do not fit SEL 9308 an..10; shorten them for the round trip
        byte[] xml = new String(bytes(MT2101), StandardCharsets.UTF_8).replace("OOLCN77120", "OOCN77120").getBytes(StandardCharsets.UTF_8);
        Translation cuscar = writer.fromNative(DocumentType.MANIFEST, xml);
        assertThat(cuscar.violations()).isEmpty();
        assertThat(text(cuscar.payload())).contains("BGM+785+OOLU-MT2101-20261119-0007+9'", "DTM+137:20261119142512:204'");
        assertGolden("cuscar-mt2101-qinzhou-haiphong.edi", cuscar.payload());

        Translation back = reader.toNative(cuscar.payload());

        assertThat(back.violations()).isEmpty();
        assertValidNative(DocumentType.MANIFEST, back.payload());
        Manifest expected = manifest(xml);
        expected.getHead().setSendTime("20261119142512000");
        assertThat(manifest(back.payload())).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void aSealLongerThanSel9308IsAViolationNamingTheNativeElement() {
        Translation translation = writer.fromNative(DocumentType.MANIFEST, bytes(MT2101));

        assertThat(translation.ok()).isFalse();
        assertThat(translation.violations()).extracting(Violation::code).containsOnly(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE);
        assertThat(translation.violations()).extracting(Violation::path).containsExactly(
                "/Manifest/Declaration/Consignment[1]/TransportEquipment[1]/SealID[1]",
                "/Manifest/Declaration/Consignment[1]/TransportEquipment[2]/SealID[1]");
        assertThat(translation.violations().get(0).message()).contains("OOLCN771204", "SEL 9308", "an..10");
    }

    @Test
    void aManifestTypeWithoutCuscarCounterpartIsRefused() {
        Translation translation = writer.fromNative(DocumentType.MANIFEST, bytes(MANIFESTS.resolve("mt3101-arrival-report-port-klang-qinzhou.xml")));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/Manifest/Head/MessageType");
            assertThat(v.message()).contains("MT3101");
        });
    }

    @Test
    void namesWithEdifactDelimitersAreEscapedAndComeBack() {
        String xml = new String(bytes(MT1101), StandardCharsets.UTF_8)
                .replace("Chanthaburi Fresh Fruit Co., Ltd.", "Chanthaburi Fruit+Veg: O'Neil?s Co.");
        byte[] cuscar = writer.fromNative(DocumentType.MANIFEST, xml.getBytes(StandardCharsets.UTF_8)).payload();

        assertThat(text(cuscar)).contains("NAD+CZ+++Chanthaburi Fruit?+Veg?: O?'Neil??s Co.'");
        Manifest back = manifest(reader.toNative(cuscar).payload());
        assertThat(back.getDeclaration().getConsignment().get(0).getConsignor().getName()).isEqualTo("Chanthaburi Fruit+Veg: O'Neil?s Co.");
    }

    @Test
    void aCarriersCuscarKeepsContactsReeferTemperaturesDangerousGoodsTariffCodesAndSeals() {
        Translation translation = reader.toNative(bytes(REEFER_DG_CUSCAR));

        assertThat(translation.violations()).isEmpty();
        assertValidNative(DocumentType.MANIFEST, translation.payload());
        assertGolden("cuscar-mt1101-port-klang-qinzhou.xml", translation.payload());
        Declaration declaration = manifest(translation.payload()).getDeclaration();
        assertThat(declaration.getCarrier().getID()).isEqualTo("BGLU");
        assertThat(declaration.getCarrier().getContact()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("DOCUMENTATION DESK QINZHOU");
            assertThat(c.getTelephone()).isEqualTo("+86 777 2880 5120"); // released '+' (?+) read back
            assertThat(c.getEmail()).isEqualTo("docs.qzh@bglu.example");
        });
        assertThat(declaration.getBorderTransportMeans().getID()).isEqualTo("IMO9467823");
        assertThat(declaration.getBorderTransportMeans().getJourneyID()).isEqualTo("0519N");
        assertThat(declaration.getLoadingLocation().getID()).isEqualTo("MYPKG");

        List<Consignment> bills = declaration.getConsignment();
        assertThat(bills).extracting(b -> b.getTransportContractDocument().getID())
                .containsExactly("BGLUPKG2612001", "BGLUPKG2612002", "BGLUPKG2612003");
        assertThat(bills.get(2).getAssociatedTransportDocument().getID()).isEqualTo("KULQZH26120311");
        assertThat(bills).flatExtracting(Consignment::getTransportEquipment).extracting(
                        e -> e.getEquipmentIdentification().getID(), TransportEquipment::getCharacteristicCode, TransportEquipment::getFullnessCode,
                        TransportEquipment::getSealID, e -> e.getSetTemperature() == null ? null
                                : e.getSetTemperature().getValue().toPlainString() + " " + e.getSetTemperature().getUnitCode().value())
                .containsExactly(
                        tuple("SZLU9218336", "45R1", "8", List.of("MY2612041"), "-18 CEL"),
                        tuple("TEMU9604178", "45R1", "8", List.of("MY2612042"), "7 CEL"),
                        tuple("BMOU4022653", "22G1", "8", List.of("MY2612043", "QZ0031877"), null));
        assertThat(bills.get(0).getConsignee().getContact()).singleElement()
                .satisfies(c -> assertThat(c).extracting(Contact::getName, Contact::getTelephone, Contact::getEmail)
                        .containsExactly("LI WEI", "+86 777 3680 2211", null));
        assertThat(bills.get(2).getConsignee().getContact()).singleElement()
                .satisfies(c -> assertThat(c.getEmail()).isEqualTo("wang.fang@qhcoatings.example"));
        assertThat(bills).flatExtracting(Consignment::getConsignmentItem)
                .extracting(i -> i.getCommodity().getClassification().getID())
                .containsExactly("081190", "080430", "320890", "401519");
        ConsignmentItem paint = bills.get(2).getConsignmentItem().get(0);
        assertThat(paint.getDangerousGoods()).singleElement().satisfies(dg -> {
            assertThat(dg.getRegulationCode()).isEqualTo("IMD");
            assertThat(dg.getHazardClassID()).isEqualTo("3");
            assertThat(dg.getUNDGID()).isEqualTo("1263");
            assertThat(dg.getPackingGroupCode()).isEqualTo(PackingGroupCode.III);
            assertThat(dg.getFlashpointTemperature().getValue()).isEqualByComparingTo("30");
            assertThat(dg.getFlashpointTemperature().getUnitCode()).isEqualTo(TemperatureUnitCode.CEL);
        });
        assertThat(bills.get(2).getConsignmentItem().get(1).getDangerousGoods()).isEmpty();
    }

    @Test
    void contactsReeferTemperaturesDangerousGoodsAndTariffCodesSurviveTheRoundTrip() throws IOException {
        byte[] xml = reader.toNative(bytes(REEFER_DG_CUSCAR)).payload();

        Translation cuscar = writer.fromNative(DocumentType.MANIFEST, xml);

        assertThat(cuscar.violations()).isEmpty();
        assertGolden("cuscar-mt1101-port-klang-qinzhou-written.edi", cuscar.payload());
        assertThat(text(cuscar.payload())).contains("NAD+CA+BGLU'\nCTA+IC+:DOCUMENTATION DESK QINZHOU'\nCOM+?+86 777 2880 5120:TE'\n",
                "SEL+MY2612041+CA'\nTMP+2+-018:CEL'\n", "TMP+2+007:CEL'", "SGP+BMOU4022653'\nDGS+IMD+3+1263+030:CEL+3'\nCST++320890'\n",
                "CST++081190'").doesNotContain("PIA");
        assertThat(GeneratedEdifactDirectoryTest.errors(text(cuscar.payload()), EdifactDirectory.D96B.schema("CUSCAR"))).isEmpty();
        Translation back = reader.toNative(cuscar.payload());
        assertThat(back.violations()).isEmpty();
        assertThat(manifest(back.payload())).usingRecursiveComparison().isEqualTo(manifest(xml));
    }

    @Test
    void segmentsTheDirectoryAllowsButTheManifestDoesNotKeepAreReadPastNotRefused() {
        // on-carriage of bill 1 by sea-rail train (SG9 TDT/LOC), equipment dimensions (DIM) and a goods item's
        // handling (HAN): valid D.96B, no place in the manifest, and they must not disturb what is mapped
        String cuscar = new String(bytes(CUSCAR), StandardCharsets.ISO_8859_1)
                .replace("NAD+CN+91450700", "TDT+30+X8083+2'\nLOC+8+CNCKG:139:6'\nNAD+CN+91450700")
                .replace("SEL+TH2611802+CA'", "DIM+5+CMT:20'\nSEL+TH2611802+CA'")
                .replace("GID+2'", "GID+2'\nHAN+:::KEEP DRY'")
                .replace("UNT+46+1'", "UNT+50+1'");

        Translation translation = reader.toNative(cuscar.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        assertThat(manifest(translation.payload())).usingRecursiveComparison().isEqualTo(manifest(bytes(MT1101)));
    }

    @Test
    void theHsCodeIsTheFirstTariffNumberInCstWhateverItsQualifiers() {
        String cuscar = new String(bytes(CUSCAR), StandardCharsets.ISO_8859_1)
                .replace("CST++400122'", "CST++A:117:ZZZ+100+4001.22.90:HS:ZZZ'");

        Translation translation = reader.toNative(cuscar.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        assertThat(manifest(translation.payload()).getDeclaration().getConsignment().get(1).getConsignmentItem().get(0)
                .getCommodity().getClassification().getID()).isEqualTo("400122");
    }

    @Test
    void theHsCodeInPiaIsRefusedBecauseD96bCuscarHasNoPiaInItsGoodsItem() {
        // the gateway wrote PIA+5 here before issue 17; D.96B (and D.95B, D.00B) CUSCAR has only CST for it
        String cuscar = new String(bytes(CUSCAR), StandardCharsets.ISO_8859_1).replace("CST++400122'", "PIA+5+400122:HS'");

        Translation translation = reader.toNative(cuscar.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED);
            assertThat(v.path()).isEqualTo("CUSCAR/PIA[1]");
        });
    }

    @Test
    void aGoodsItemWithoutCstHasNoClassificationAndIsWrittenWithoutOne() {
        String cuscar = new String(bytes(CUSCAR), StandardCharsets.ISO_8859_1).replace("CST++110814'\n", "").replace("UNT+46+1'", "UNT+45+1'");

        Translation translation = reader.toNative(cuscar.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        Manifest manifest = manifest(translation.payload());
        assertThat(manifest.getDeclaration().getConsignment().get(1).getConsignmentItem().get(1).getCommodity().getClassification()).isNull();
        String written = text(writer.fromNative(DocumentType.MANIFEST, translation.payload()).payload());
        assertThat(written.split("CST\\+", -1)).hasSize(3);
    }

    @Test
    void aWrongContainerCheckDigitStillTranslatesAndIsRefusedByTheManifestRules() {
        String cuscar = new String(bytes(CUSCAR), StandardCharsets.ISO_8859_1).replace("CSQU3054383", "CSQU3054384");

        Translation translation = reader.toNative(cuscar.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        assertThat(EdifactTestSupport.rules(DocumentType.MANIFEST, translation.payload())).extracting(Violation::code)
                .contains(ManifestRules.CONTAINER_CHECK_DIGIT);
    }

    @Test
    void aTemperatureOrRegulationCodeTheCuscarCannotCarryIsAViolationNamingTheNativeElement() {
        String xml = new String(reader.toNative(bytes(REEFER_DG_CUSCAR)).payload(), StandardCharsets.UTF_8)
                .replace(">-18</SetTemperature>", ">-18.25</SetTemperature>")
                .replace("<RegulationCode>IMD</RegulationCode>", "<RegulationCode>IMO</RegulationCode>");

        Translation translation = writer.fromNative(DocumentType.MANIFEST, xml.getBytes(StandardCharsets.UTF_8));

        assertThat(translation.violations()).extracting(Violation::path).containsExactly(
                "/Manifest/Declaration/Consignment[1]/TransportEquipment[1]/SetTemperature",
                "/Manifest/Declaration/Consignment[3]/ConsignmentItem[1]/DangerousGoods[1]/RegulationCode");
        assertThat(translation.violations().get(0).message()).contains("-18.25", "TMP C239/6246", "n3");
        assertThat(translation.violations().get(1).message()).contains("'IMO'", "DGS 8273", "IMD");
    }

    @Test
    void tenSealsOnAContainerAreMoreThanCuscarsEquipmentGroupTakes() {
        // the dry box has 2 seals; 8 more make the 10 the native manifest allows
        String eightMore = String.join("", Collections.nCopies(8, "<SealID>QZ0031878</SealID>"));
        String xml = new String(reader.toNative(bytes(REEFER_DG_CUSCAR)).payload(), StandardCharsets.UTF_8)
                .replace("<SealID>QZ0031877</SealID>", "<SealID>QZ0031877</SealID>" + eightMore);

        Translation translation = writer.fromNative(DocumentType.MANIFEST, xml.getBytes(StandardCharsets.UTF_8));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/Manifest/Declaration/Consignment[3]/TransportEquipment[1]/SealID");
            assertThat(v.message()).contains("10 seals", "at most 9 SEL");
        });
    }

    @Test
    void recognisesOnlyCuscar() {
        assertThat(reader.recognises(bytes(CUSCAR))).isTrue();
        assertThat(reader.recognises(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")))).isFalse();
        assertThat(reader.recognises(bytes(MT1101))).isFalse();
        assertThat(reader.recognises(new byte[0])).isFalse();
        assertThat(reader.recognises(null)).isFalse();
    }

    private static Manifest manifest(byte[] xml) {
        return (Manifest) read(DocumentType.MANIFEST, xml);
    }
}
