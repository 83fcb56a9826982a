package org.casw.routes.rules.declaration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.rules.manifest.ManifestHistory;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.DecMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** A declaration must agree with the manifest the gateway holds for its bill; without one there is nothing to check. */
class ManifestAgreementRulesTest {

    private static final Path SAMPLES = Samples.DIR;
    private static final String DECLARATION = text("declaration/valid/import-durian-sea.xml");
    private static final String SEA_MANIFEST = text("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml");

    private final HeldManifests held = new HeldManifests();
    private final ManifestAgreementRules rules = new ManifestAgreementRules(held, new DocumentReader());

    @Test
    void aDeclarationCopyingItsManifestPasses() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        assertThat(check(DECLARATION)).isEmpty();
        assertThat(held.asked).containsExactly("PILQZH2611001 " + ManifestAgreementRules.IMPORT_MANIFESTS);
    }

    @Test
    void withoutAManifestForTheBillNothingIsChecked() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        assertThat(check(DECLARATION.replace("PILQZH2611001", "PILQZH2611999").replace("<GrossWet>19850.5", "<GrossWet>1"))).isEmpty();
    }

    @Test
    void anExportDeclarationIsComparedWithTheExportManifestOnly() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        assertThat(check(DECLARATION.replace("<IEFlag>I</IEFlag>", "<IEFlag>E</IEFlag>").replace("<GrossWet>19850.5", "<GrossWet>1"))).isEmpty();
        assertThat(held.asked).containsExactly("PILQZH2611001 " + ManifestAgreementRules.EXPORT_MANIFESTS);
    }

    @Test
    void aContainerNotOnTheManifestIsReportedBothWays() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        List<Violation> violations = check(DECLARATION.replace("<ContainerId>CSQU3054383", "<ContainerId>TGHU6123458"));

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(
                tuple("MANIFEST_CONTAINER_MISMATCH", "/DecMessage/DecContainers/Container/ContainerId"),
                tuple("MANIFEST_CONTAINER_MISMATCH", "/DecMessage/DecContainers"));
        assertThat(violations.get(0).message()).contains("TGHU6123458", "only CSQU3054383",
                "/Manifest/Declaration/Consignment/TransportEquipment/EquipmentIdentification/ID", "PABV-MT1101-20261120-0001", "SW-MFT-1");
        assertThat(violations.get(1).message()).contains("CSQU3054383", "not declared");
    }

    @Test
    void grossWeightAndPackagesMustBeTheManifested() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        List<Violation> violations = check(DECLARATION.replace("<GrossWet>19850.5</GrossWet>", "<GrossWet>19900</GrossWet>")
                .replace("<PackNo>1600</PackNo>", "<PackNo>1599</PackNo>"));

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(
                tuple("MANIFEST_GROSS_WEIGHT_MISMATCH", "/DecMessage/DecHead/GrossWet"),
                tuple("MANIFEST_PACKAGES_MISMATCH", "/DecMessage/DecHead/PackNo"));
        assertThat(violations.get(0).message()).contains("19900", "19850.5", "/Manifest/Declaration/Consignment/TotalGrossMassMeasure");
        assertThat(violations.get(1).message()).contains("1599", "1600", "/Manifest/Declaration/Consignment/ConsignmentPackaging/QuantityQuantity");
    }

    @Test
    void theSameWeightWrittenDifferentlyAgrees() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        assertThat(check(DECLARATION.replace("<GrossWet>19850.5</GrossWet>", "<GrossWet>19850.500</GrossWet>"))).isEmpty();
    }

    @Test
    void theDeclaredModeVesselAndVoyageMustBeTheManifested() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        List<Violation> violations = check(DECLARATION.replace("<TrafMode>2</TrafMode>", "<TrafMode>3</TrafMode>")
                .replace("<TrafName>KOTA CAHAYA</TrafName>", "<TrafName>KOTA CANTIK</TrafName>")
                .replace("<VoyNo>0342N</VoyNo>", "<VoyNo>0343N</VoyNo>"));

        assertThat(violations).extracting(Violation::code, Violation::path).containsExactly(
                tuple("MANIFEST_TRANSPORT_MISMATCH", "/DecMessage/DecHead/TrafMode"),
                tuple("MANIFEST_TRANSPORT_MISMATCH", "/DecMessage/DecHead/TrafName"),
                tuple("MANIFEST_TRANSPORT_MISMATCH", "/DecMessage/DecFreeTxt/VoyNo"));
        assertThat(violations.get(0).message()).contains("rail", "sea");
        assertThat(violations.get(1).message()).contains("KOTA CANTIK", "IMO9321483", "KOTA CAHAYA");
        assertThat(violations.get(2).message()).contains("0343N", "0342N", "/Manifest/Declaration/BorderTransportMeans/JourneyID");
    }

    @Test
    void aVesselMayBeDeclaredByItsImoNumberWithoutPrefixAndWithoutAVoyage() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        assertThat(check(DECLARATION.replace("<TrafName>KOTA CAHAYA</TrafName>", "<TrafName>9321483</TrafName>")
                .replace("<VoyNo>0342N</VoyNo>", "<VoyNo/>"))).isEmpty();
    }

    @Test
    void aHouseBillIsFoundUnderItsMasterAndPathedByPosition() {
        held.hold("SW-MFT-1", "MT1101", SEA_MANIFEST);

        List<Violation> violations = check(DECLARATION.replace("PILQZH2611001", "BKKQZH26110087"));

        assertThat(violations).extracting(Violation::code).contains("MANIFEST_CONTAINER_MISMATCH", "MANIFEST_GROSS_WEIGHT_MISMATCH",
                "MANIFEST_PACKAGES_MISMATCH");
        assertThat(violations).filteredOn(v -> v.code().equals("MANIFEST_GROSS_WEIGHT_MISMATCH")).first()
                .extracting(Violation::message).asString().contains("21460", "/Manifest/Declaration/Consignment[2]/TotalGrossMassMeasure");
        assertThat(check(DECLARATION.replace("PILQZH2611001", "PILQZH2611001_BKKQZH26110087"))).isNotEmpty();
    }

    private List<Violation> check(String declaration) {
        byte[] payload = declaration.getBytes(StandardCharsets.UTF_8);
        assertThat(TestDocuments.schemaErrors(DocumentType.DECLARATION, payload)).isEmpty();
        RuleViolations violations = new RuleViolations();
        rules.check((DecMessage) TestDocuments.read(DocumentType.DECLARATION, payload), violations);
        return violations.list();
    }

    private static String text(String sample) {
        try {
            return Files.readString(SAMPLES.resolve(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Manifests held in memory by every bill and house bill they list, as the ledger finds them. */
    private static final class HeldManifests implements ManifestHistory {

        final Map<String, List<HeldManifest>> byBill = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        void hold(String trackingId, String type, String xml) {
            HeldManifest manifest = new HeldManifest(trackingId, type, xml.getBytes(StandardCharsets.UTF_8));
            for (String bill : xml.split("<ID>")) {
                String value = bill.substring(0, Math.max(0, bill.indexOf('<')));
                byBill.computeIfAbsent(value, b -> new ArrayList<>()).add(0, manifest);
            }
        }

        @Override
        public boolean originalManifestKnown(String transportMeansId, String journeyId) {
            return false;
        }

        @Override
        public Optional<HeldManifest> latestListingBill(String billNo, Set<String> messageTypes) {
            asked.add(billNo + " " + messageTypes);
            return byBill.getOrDefault(billNo, List.of()).stream().filter(m -> messageTypes.contains(m.messageType())).findFirst();
        }
    }
}
