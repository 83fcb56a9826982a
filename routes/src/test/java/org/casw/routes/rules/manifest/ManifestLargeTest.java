package org.casw.routes.rules.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.manifest.Manifest;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.rules.manifest.ManifestTestSupport.largeManifest;
import static org.casw.routes.rules.manifest.ManifestTestSupport.manifest;
import static org.casw.routes.rules.manifest.ManifestTestSupport.schemaErrors;

/** A manifest of 10,000 containers is read, checked and keyed without quadratic work. */
class ManifestLargeTest {

    @Test
    void tenThousandContainerManifestIsSchemaValidAndPassesTheRules() {
        byte[] payload = largeManifest(500, 20).getBytes(StandardCharsets.UTF_8);

        assertThat(schemaErrors(payload)).isEmpty();
        Manifest manifest = manifest(payload);
        assertThat(manifest.getDeclaration().getConsignment()).hasSize(500);

        RuleViolations violations = new RuleViolations();
        new ManifestRules(CodeLists.shared(), SampleEra.CLOCK).check(manifest, violations);

        assertThat(violations.list()).isEmpty();
    }

    /** The whole gateway check (schema, JAXB model, rules, keys) in a JVM limited to 256 MB of heap. */
    @Test
    void tenThousandContainerManifestValidatesWithin256MegabytesOfHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifest-10000-containers.xml");
        Files.writeString(file, largeManifest(500, 20));

        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SmallHeapValidation.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("OK MANIFEST containers=10000");
    }

    @Test
    void oneConsignmentOfTenThousandContainersPassesTheRules() {
        Manifest manifest = manifest(largeManifest(1, 10_000).getBytes(StandardCharsets.UTF_8));
        RuleViolations violations = new RuleViolations();

        new ManifestRules(CodeLists.shared(), SampleEra.CLOCK).check(manifest, violations);

        assertThat(violations.list()).isEmpty();
    }

    @Test
    void tenThousandContainerManifestYieldsEveryContainerAsAKey() {
        Manifest manifest = manifest(largeManifest(500, 20).getBytes(StandardCharsets.UTF_8));

        BusinessKeys keys = ManifestKeys.keysOf(manifest);

        assertThat(keys.all()).filteredOn(k -> k.kind() == BusinessKeys.Kind.CONTAINER_NO).hasSize(10_000);
        assertThat(keys.all()).filteredOn(k -> k.kind() == BusinessKeys.Kind.BILL_NO).hasSize(500);
    }

    @Test
    void duplicateAmongTenThousandContainersIsFoundOnce() {
        String xml = largeManifest(500, 20);
        String first = ManifestTestSupport.container("CSQU", 100000);
        String last = ManifestTestSupport.container("CSQU", 109999);
        // List the first consignment's first container again in place of the last consignment's last one.
        int at = xml.lastIndexOf("<TransportEquipment><EquipmentIdentification><ID>" + last);
        String duplicated = xml.substring(0, at) + xml.substring(at).replaceFirst(last, first);
        RuleViolations violations = new RuleViolations();

        new ManifestRules(CodeLists.shared(), SampleEra.CLOCK).check(manifest(duplicated.getBytes(StandardCharsets.UTF_8)), violations);

        assertThat(violations.list()).extracting(v -> v.code() + " " + v.path()).containsExactlyInAnyOrder(
                "CONTAINER_DUPLICATE /Manifest/Declaration/Consignment[500]/TransportEquipment[20]/EquipmentIdentification/ID",
                "ITEM_CONTAINER_NOT_LISTED /Manifest/Declaration/Consignment[500]/ConsignmentItem[20]/EquipmentIdentification/ID");
    }
}
