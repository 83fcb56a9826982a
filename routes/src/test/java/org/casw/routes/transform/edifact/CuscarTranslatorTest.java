package org.casw.routes.transform.edifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
