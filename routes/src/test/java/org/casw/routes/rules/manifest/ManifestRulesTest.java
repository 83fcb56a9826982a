package org.casw.routes.rules.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.rules.manifest.ManifestTestSupport.MANIFESTS;
import static org.casw.routes.rules.manifest.ManifestTestSupport.bytes;
import static org.casw.routes.rules.manifest.ManifestTestSupport.check;
import static org.casw.routes.rules.manifest.ManifestTestSupport.schemaErrors;
import static org.casw.routes.rules.manifest.ManifestTestSupport.text;
import static org.casw.routes.rules.manifest.ManifestTestSupport.xmlFiles;

/** The manifest rules: valid samples pass, each rule sample fails with exactly its own code and path. */
class ManifestRulesTest {

    private static final Path VALID = MANIFESTS.resolve("valid");
    private static final Path INVALID = MANIFESTS.resolve("invalid");
    private static final Path MT1101 = VALID.resolve("mt1101-import-sea-laem-chabang-qinzhou.xml");
    private static final Path MT3101 = VALID.resolve("mt3101-arrival-report-port-klang-qinzhou.xml");
    private static final Path MT1401 = VALID.resolve("mt1401-rail-import-vientiane-chongqing.xml");
    private static final Path MT2401 = VALID.resolve("mt2401-rail-export-chongqing-vientiane.xml");

    /** The offending element each rule sample must point at, as the schema validator would write it. */
    private static final Map<String, String> EXPECTED_PATHS = Map.of(
            ManifestRules.CONTAINER_CHECK_DIGIT, "/Manifest/Declaration/Consignment[2]/TransportEquipment/EquipmentIdentification/ID",
            ManifestRules.CONTAINER_DUPLICATE, "/Manifest/Declaration/Consignment[2]/TransportEquipment[2]/EquipmentIdentification/ID",
            ManifestRules.HS_CODE_UNKNOWN, "/Manifest/Declaration/Consignment[2]/ConsignmentItem[2]/Commodity/Classification/ID",
            ManifestRules.LOCATION_UNKNOWN, "/Manifest/Declaration/LoadingLocation/ID",
            ManifestRules.LOCATION_FUNCTION, "/Manifest/Declaration/UnloadingLocation/ID",
            ManifestRules.VESSEL_IMO_CHECK_DIGIT, "/Manifest/Declaration/BorderTransportMeans/ID",
            ManifestRules.SEND_TIME_IN_FUTURE, "/Manifest/Head/SendTime",
            ManifestRules.GROSS_MASS_INCONSISTENT, "/Manifest/Declaration/Consignment[2]/TotalGrossMassMeasure",
            ManifestRules.ITEM_CONTAINER_NOT_LISTED, "/Manifest/Declaration/Consignment[2]/ConsignmentItem[2]/EquipmentIdentification/ID");

    private final ManifestRules rules = new ManifestRules(CodeLists.shared(), SampleEra.CLOCK);

    static Stream<Path> validSamples() {
        return xmlFiles(VALID).stream();
    }

    static Stream<String> ruleCodes() {
        return ManifestRules.CODES.stream();
    }

    static String sampleName(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', '-') + ".xml";
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validSamplePassesTheSchemaAndEveryRule(Path sample) {
        byte[] payload = bytes(sample);

        assertThat(schemaErrors(payload)).as(sample.toString()).isEmpty();
        assertThat(check(rules, payload)).as(sample.toString()).isEmpty();
    }

    @Test
    void thereIsOneValidSamplePerMessageType() {
        Set<String> types = validSamples().map(p -> ManifestTestSupport.manifest(bytes(p)).getHead().getMessageType().value())
                .collect(Collectors.toSet());

        assertThat(types).containsExactlyInAnyOrder("MT1101", "MT2101", "MT3101", "MT4101", "MT5101", "MT1401", "MT2401");
    }

    @ParameterizedTest
    @MethodSource("ruleCodes")
    void ruleSampleIsSchemaValidAndFailsWithExactlyItsCodeAtTheOffendingElement(String code) {
        byte[] payload = bytes(INVALID.resolve(sampleName(code)));

        assertThat(schemaErrors(payload)).isEmpty();
        List<Violation> violations = check(rules, payload);
        assertThat(violations).extracting(Violation::code).containsExactly(code);
        assertThat(violations.get(0).path()).isEqualTo(EXPECTED_PATHS.get(code));
        assertThat(violations.get(0).message()).isNotBlank();
    }

    @Test
    void everyInvalidSampleIsEitherARuleSampleOrSchemaInvalid() {
        Set<String> ruleSamples = ruleCodes().map(ManifestRulesTest::sampleName).collect(Collectors.toSet());
        List<Path> others = xmlFiles(INVALID).stream().filter(p -> !ruleSamples.contains(p.getFileName().toString())).toList();

        assertThat(others).isNotEmpty();
        assertThat(others).allSatisfy(p -> assertThat(schemaErrors(bytes(p))).as(p.toString()).isNotEmpty());
    }

    @Test
    void violationMessagesNameTheOffendingValue() {
        assertThat(check(rules, bytes(INVALID.resolve("container-check-digit.xml"))).get(0).message())
                .contains("ZEPU0037256").contains("should be 5");
        assertThat(check(rules, bytes(INVALID.resolve("vessel-imo-check-digit.xml"))).get(0).message()).contains("IMO9321484");
        assertThat(check(rules, bytes(INVALID.resolve("location-function.xml"))).get(0).message())
                .contains("CNNNG").contains("not a port");
        assertThat(check(rules, bytes(INVALID.resolve("gross-mass-inconsistent.xml"))).get(0).message())
                .contains("21460").contains("20000").contains("PILQZH2611002");
    }

    @Test
    void mixedConsignmentContainerMayCarryGoodsOfSeveralBills() {
        // MT3101 lists EGHU9077310 under two bills, both with FullnessCode 7.
        assertThat(check(rules, bytes(MT3101))).isEmpty();
    }

    @Test
    void containerUnderSeveralBillsIsADuplicateUnlessEveryListingIsMixed() {
        String oneListingFull = text(MT3101).replaceFirst("<FullnessCode>7</FullnessCode>", "<FullnessCode>8</FullnessCode>");

        assertThat(check(rules, utf8(oneListingFull))).extracting(Violation::code, Violation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ManifestRules.CONTAINER_DUPLICATE,
                        "/Manifest/Declaration/Consignment[3]/TransportEquipment/EquipmentIdentification/ID"));
    }

    @Test
    void containerListedTwiceInOneConsignmentIsADuplicateEvenWhenMixed() {
        String equipment = """
                      <TransportEquipment>
                        <EquipmentIdentification>
                          <ID>EGHU9077310</ID>
                        </EquipmentIdentification>
                        <CharacteristicCode>45G1</CharacteristicCode>
                        <FullnessCode>7</FullnessCode>
                      </TransportEquipment>
                    </Consignment>
                  </Declaration>""";
        String twice = text(MT3101).replace("    </Consignment>\n  </Declaration>", equipment.stripTrailing());

        assertThat(schemaErrors(utf8(twice))).isEmpty();
        assertThat(check(rules, utf8(twice))).extracting(Violation::path)
                .containsExactly("/Manifest/Declaration/Consignment[3]/TransportEquipment[2]/EquipmentIdentification/ID");
    }

    @Test
    void sendTimeThatIsNotARealDateIsRefused() {
        String november31 = text(MT1101).replace("<SendTime>20261120083000000</SendTime>", "<SendTime>20261131083000000</SendTime>");

        List<Violation> violations = check(rules, utf8(november31));

        assertThat(violations).extracting(Violation::code).containsExactly(ManifestRules.SEND_TIME_IN_FUTURE);
        assertThat(violations.get(0).message()).contains("not a real date");
    }

    @Test
    void sendTimeUpToOneDayAheadOfChinaTimeIsAccepted() {
        // 2026-11-20 08:30 China time is 2026-11-20 00:30 UTC.
        Clock dayBefore = Clock.fixed(LocalDateTime.of(2026, 11, 19, 0, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Clock justOverADayBefore = Clock.fixed(LocalDateTime.of(2026, 11, 19, 0, 29).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

        assertThat(check(new ManifestRules(CodeLists.shared(), dayBefore), bytes(MT1101))).isEmpty();
        assertThat(check(new ManifestRules(CodeLists.shared(), justOverADayBefore), bytes(MT1101)))
                .extracting(Violation::code).containsExactly(ManifestRules.SEND_TIME_IN_FUTURE);
    }

    @Test
    void grossMassWithinOnePercentOfTheTotalIsAccepted() {
        // Items of the second bill weigh 21460 kg: 1% over 21250 is 21462.5, 1% over 21240 is 21452.4.
        String withinTolerance = text(MT1101).replace("<TotalGrossMassMeasure>21460</TotalGrossMassMeasure>",
                "<TotalGrossMassMeasure>21250</TotalGrossMassMeasure>");
        String overTolerance = text(MT1101).replace("<TotalGrossMassMeasure>21460</TotalGrossMassMeasure>",
                "<TotalGrossMassMeasure>21240</TotalGrossMassMeasure>");

        assertThat(check(rules, utf8(withinTolerance))).isEmpty();
        assertThat(check(rules, utf8(overTolerance))).extracting(Violation::code)
                .containsExactly(ManifestRules.GROSS_MASS_INCONSISTENT);
    }

    @Test
    void railManifestNeedsARailTerminalAndSkipsTheImoCheck() {
        // MT1401 carries a train number where a sea manifest would carry an IMO number: no IMO violation.
        String loadedAtSeaPort = text(MT1401).replace("<ID>LATHG</ID>", "<ID>VNHPH</ID>");

        List<Violation> violations = check(rules, utf8(loadedAtSeaPort));

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(org.assertj.core.groups.Tuple.tuple(
                ManifestRules.LOCATION_FUNCTION, "/Manifest/Declaration/LoadingLocation/ID"));
        assertThat(violations.get(0).message()).contains("rail terminal");
    }

    @Test
    void landManifestAcceptsABorderCrossing() {
        // Dongxing (CNDOX, function 1-3----B) is a border crossing, not a rail terminal.
        String toBorderCrossing = text(MT2401).replace("<ID>LAVTE</ID>", "<ID>CNDOX</ID>");

        assertThat(check(rules, utf8(toBorderCrossing))).isEmpty();
    }

    @Test
    void seaManifestRefusesARailOnlyLocation() {
        // Chengdu Railway Station (CNCDZ, function -2------) has no port.
        String toRailStation = text(MT1101).replace("<ID>THLCH</ID>", "<ID>CNCDZ</ID>");

        assertThat(check(rules, utf8(toRailStation))).extracting(Violation::code)
                .containsExactly(ManifestRules.LOCATION_FUNCTION);
    }

    @Test
    void unknownFirstArrivalLocationIsReported() {
        String unknown = text(MT1101).replace("<FirstArrivalLocationID>CNQZH</FirstArrivalLocationID>",
                "<FirstArrivalLocationID>CNQZX</FirstArrivalLocationID>");

        assertThat(check(rules, utf8(unknown))).extracting(Violation::code, Violation::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ManifestRules.LOCATION_UNKNOWN,
                        "/Manifest/Declaration/BorderTransportMeans/FirstArrivalLocationID"));
    }

    @Test
    void unlistedItemContainerWithABadCheckDigitReportsBoth() {
        String bad = text(MT1101).replaceFirst(
                "(<GrossMassMeasure>1300</GrossMassMeasure>\\s*</GoodsMeasure>\\s*<EquipmentIdentification>\\s*<ID>)ZEPU0037255",
                "$1TEMU8302451");

        assertThat(check(rules, utf8(bad))).extracting(Violation::code).containsExactlyInAnyOrder(
                ManifestRules.ITEM_CONTAINER_NOT_LISTED, ManifestRules.CONTAINER_CHECK_DIGIT);
    }

    @Test
    void everyViolationOfAManifestIsReportedNotJustTheFirst() {
        String many = text(MT1101).replace("IMO9321483", "IMO9321484").replace("<ID>081060</ID>", "<ID>854140</ID>")
                .replace("ZEPU0037255", "ZEPU0037256");

        assertThat(check(rules, utf8(many))).extracting(Violation::code).containsExactlyInAnyOrder(
                ManifestRules.VESSEL_IMO_CHECK_DIGIT, ManifestRules.HS_CODE_UNKNOWN, ManifestRules.CONTAINER_CHECK_DIGIT);
    }

    @Test
    void documentClassIsTheManifestRoot() {
        assertThat(rules.documentClass()).isEqualTo(org.casw.schemas.manifest.Manifest.class);
    }

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
