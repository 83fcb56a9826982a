package org.casw.routes.transform.cnmanifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * China's manifest messages (CN-MANIFEST) as carriers', agents' and terminals' software writes them: read into the
 * gateway's manifest with the same business content as the native samples, written back for customs, and
 * delivered as received to a party that speaks the format.
 */
class CnManifestTranslationTest {

    private static final Path CN = Samples.path("cn-manifest");
    private static final Path NATIVE = Samples.path("manifest", "valid");

    private final CnManifestReader reader = new CnManifestReader();
    private final CnManifestWriter writer = new CnManifestWriter();
    private final DocumentValidator documents = new DocumentValidator(null, SampleEra.CLOCK);
    private final DocumentReader nativeReader = new DocumentReader();

    static Stream<String> waterPairs() {
        return Stream.of("mt1101-import-sea.xml=mt1101-import-sea-laem-chabang-qinzhou.xml",
                "mt2101-export-pre-stowage.xml=mt2101-export-pre-stowage-qinzhou-haiphong.xml",
                "mt3101-arrival-report.xml=mt3101-arrival-report-port-klang-qinzhou.xml",
                "mt4101-loading-manifest.xml=mt4101-loading-manifest-qinzhou-singapore.xml",
                "mt5101-tally-report.xml=mt5101-tally-report-haiphong-qinzhou.xml");
    }

    static Stream<Path> declarations() throws IOException {
        try (Stream<Path> files = Files.list(CN.resolve("valid"))) {
            return files.filter(p -> !p.getFileName().toString().startsWith("response")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("declarations")
    void everyRealShapedManifestIsReadIntoAValidManifestThatBreaksNoRule(Path sample) throws IOException {
        byte[] payload = Files.readAllBytes(sample);

        Translation translation = reader.toNative(payload);

        assertThat(reader.recognises(payload)).isTrue();
        assertThat(translation.violations()).as(sample.getFileName().toString()).isEmpty();
        assertThat(translation.type()).isEqualTo(DocumentType.MANIFEST);
        assertThat(documents.validate(translation.payload()).violations()).as(new String(translation.payload(), StandardCharsets.UTF_8))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("waterPairs")
    void aWaterManifestCarriesWhatItsNativeCounterpartCarries(String pair) throws IOException {
        String[] names = pair.split("=");

        byte[] translated = reader.toNative(Files.readAllBytes(CN.resolve("valid").resolve(names[0]))).payload();
        Set<String> expected = businessKeys(Files.readAllBytes(NATIVE.resolve(names[1])));

        // China's arrival and tally reports name where the goods arrive, not where they were loaded
        assertThat(businessKeys(translated)).filteredOn(k -> !k.startsWith("LOCATION"))
                .containsExactlyInAnyOrderElementsOf(expected.stream().filter(k -> !k.startsWith("LOCATION")).toList());
        assertThat(businessKeys(translated)).filteredOn(k -> k.startsWith("LOCATION")).isNotEmpty().isSubsetOf(expected);
    }

    @Test
    void roadManifestsReadWithoutAVesselAndTheirTripAsJourney() throws IOException {
        byte[] translated = reader.toNative(Files.readAllBytes(CN.resolve("valid/mt1401-road-import.xml"))).payload();

        Set<String> keys = businessKeys(translated);
        assertThat(keys).contains("BILL_NO LSYYG2611200031", "CONTAINER_NO TRIU8812343", "MESSAGE_TYPE MT1401")
                .noneMatch(k -> k.startsWith("VESSEL_IMO"));
        assertThat(new String(translated, StandardCharsets.UTF_8)).contains("<DeclarationOfficeID>7216</DeclarationOfficeID>",
                "<TypeCode>3</TypeCode>", "<ID>081090</ID>");
    }

    @Test
    void customsResponsesBecomeReceiptsNamingTheBill() throws IOException {
        for (String name : List.of("response-mt2101-accepted.xml", "response-mt1101-rejected.xml", "response-mt1401-road-accepted.xml",
                "response-unqualified-accepted.xml")) {
            byte[] payload = Files.readAllBytes(CN.resolve("valid").resolve(name));

            Translation translation = reader.toNative(payload);

            assertThat(translation.violations()).as(name).isEmpty();
            assertThat(translation.type()).isEqualTo(DocumentType.MANIFEST_RECEIPT);
            ManifestReceipt receipt = (ManifestReceipt) nativeReader.read(DocumentType.MANIFEST_RECEIPT, translation.payload());
            assertThat(receipt.getTransportContractDocumentID()).as(name).isNotBlank();
            assertThat(receipt.getTrackingID()).isNull();
            var facts = nativeReader.receiptFacts(DocumentType.MANIFEST_RECEIPT, receipt);
            assertThat(facts.refersToKeys()).extracting(BusinessKeys.Key::kind).containsExactly(BusinessKeys.Kind.BILL_NO);
        }
        ManifestReceipt rejected = (ManifestReceipt) nativeReader.read(DocumentType.MANIFEST_RECEIPT,
                reader.toNative(Files.readAllBytes(CN.resolve("valid/response-mt1101-rejected.xml"))).payload());
        assertThat(rejected.getResponseCode().value()).isEqualTo("03");
        assertThat(rejected.getTransportContractDocumentID()).isEqualTo("PILQZH2611002");
    }

    @Test
    void invalidMessagesAreRefusedWithThePathNotTranslated() throws IOException {
        try (Stream<Path> files = Files.list(CN.resolve("invalid"))) {
            for (Path sample : files.toList()) {
                List<Violation> violations = reader.toNative(Files.readAllBytes(sample)).violations();

                assertThat(violations).as(sample.getFileName().toString()).isNotEmpty()
                        .allSatisfy(v -> assertThat(v.path()).startsWith("/Manifest"));
            }
        }
    }

    @Test
    void aMessageTypeTheNamespaceContradictsOrTheGatewayDoesNotReadIsRefused() throws IOException {
        String mt2101 = Files.readString(CN.resolve("valid/mt2101-export-pre-stowage.xml"));

        List<Violation> mismatch = reader.toNative(mt2101.replace("<MessageType>MT2101</MessageType>", "<MessageType>MT1101</MessageType>")
                .getBytes(StandardCharsets.UTF_8)).violations();
        List<Violation> unknown = reader.toNative(mt2101.replace("CN:MT2101:1", "CN:MT8401:1").getBytes(StandardCharsets.UTF_8))
                .violations();

        assertThat(mismatch).extracting(Violation::code).containsExactly(CnManifestCodes.CN_MANIFEST_TYPE_MISMATCH);
        assertThat(unknown).extracting(Violation::code).containsExactly(CnManifestCodes.CN_MANIFEST_TYPE_UNSUPPORTED);
    }

    @ParameterizedTest
    @MethodSource("waterPairs")
    void aNativeManifestIsWrittenAsChinasMessageAndReadBackWithTheSameContent(String pair) throws IOException {
        byte[] nativeManifest = Files.readAllBytes(NATIVE.resolve(pair.split("=")[1]));

        Translation written = writer.fromNative(DocumentType.MANIFEST, nativeManifest);

        assertThat(written.violations()).isEmpty();
        assertThat(reader.recognises(written.payload())).isTrue();
        assertThat(businessKeys(reader.toNative(written.payload()).payload())).isEqualTo(businessKeys(nativeManifest));
    }

    @Test
    void landManifestsAreWrittenInTheRoadShapeAndReceiptsAsCustomsResponses() throws IOException {
        byte[] rail = Files.readAllBytes(NATIVE.resolve("mt1401-rail-import-vientiane-chongqing.xml"));
        byte[] receipt = Samples.sample("manifest-receipt", "valid", "mt1101-accepted.xml").getBytes(StandardCharsets.UTF_8);

        Translation land = writer.fromNative(DocumentType.MANIFEST, rail);
        Translation response = writer.fromNative(DocumentType.MANIFEST_RECEIPT, receipt);

        assertThat(land.violations()).isEmpty();
        assertThat(new String(land.payload(), StandardCharsets.UTF_8)).contains("urn:Declaration:datamodel:standard:CN:MT1401:1",
                "<TransportContractDocument>", "<GovernmentAgencyGoodsItem>");
        assertThat(businessKeys(reader.toNative(land.payload()).payload())).containsAll(
                businessKeys(rail).stream().filter(k -> k.startsWith("BILL_NO") || k.startsWith("CONTAINER_NO")).toList());
        assertThat(response.violations()).isEmpty();
        assertThat(reader.toNative(response.payload()).type()).isEqualTo(DocumentType.MANIFEST_RECEIPT);
    }

    @Test
    void whatArrivedInTheFormatIsDeliveredAsItArrivedAndNothingElse() throws IOException {
        assertThat(writer.deliversAsReceived(Files.readAllBytes(CN.resolve("valid/mt2101-export-pre-stowage.xml")))).isTrue();
        assertThat(writer.deliversAsReceived(Files.readAllBytes(NATIVE.resolve("mt2101-export-pre-stowage-qinzhou-haiphong.xml"))))
                .isFalse();
        assertThat(writer.deliversAsReceived("UNA:+.? 'UNB+UNOC:3+A+B'".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    /** The manifest's business keys as "KIND value", e.g. "BILL_NO PILQZH2611001". */
    private Set<String> businessKeys(byte[] nativeManifest) {
        Object manifest = nativeReader.read(DocumentType.MANIFEST, nativeManifest);
        Set<String> keys = new TreeSet<>();
        nativeReader.keysOf(DocumentType.MANIFEST, manifest).all().forEach(k -> keys.add(k.kind() + " " + k.value()));
        return keys;
    }
}
