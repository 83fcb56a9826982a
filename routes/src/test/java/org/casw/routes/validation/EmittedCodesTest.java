package org.casw.routes.validation;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.asean.acdd.AcddResponseTranslator;
import org.casw.routes.transform.asean.eco.AswEcoInboundTranslator;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code the domain core can give has a title. Two independent looks: every code constant in the compiled
 * routes classes (a public static final String whose value is its own name, the convention every code holder
 * follows), and every code the published invalid samples actually produce when validated or translated.
 */
class EmittedCodesTest {

    /** Constants that follow the code convention but are values (an AEO status, the gateway's own party), not codes. */
    private static final Set<String> NOT_CODES = Set.of("org.casw.routes.aeo.AeoStatus.VALID",
            "org.casw.routes.aggregate.AggregateLedger.GATEWAY");

    /** Partner formats: their samples are no native document and go through their translator first. */
    private static final Map<String, InboundTranslator> PARTNER_FORMATS = Map.of(
            "acdd", new AcddResponseTranslator(),
            "asw-eco", new AswEcoInboundTranslator(),
            "cn-manifest", new CnManifestReader());

    private final CodeCatalogue catalogue = CodeCatalogue.standard();

    @Test
    void everyCodeConstantOfTheDomainCoreIsInTheCatalogue() throws Exception {
        Map<String, String> constants = codeConstants();

        assertThat(constants).as("code constants found").containsKeys("org.casw.routes.validation.ViolationCodes.SCHEMA_VIOLATION",
                "org.casw.routes.signature.SignatureCodes.UNTRUSTED_SIGNER",
                "org.casw.routes.rules.declaration.ModificationRules$Target.CANCELLATION_AFTER_RELEASE");
        assertThat(constants).allSatisfy((constant, code) -> assertThat(catalogue.knows(code))
                .as("%s is in codes/titles.properties and codes/titles_zh_CN.properties", constant).isTrue());
    }

    @Test
    void everyCodeThePublishedInvalidSamplesProduceIsInTheCatalogue() throws IOException {
        DocumentValidator documents = new DocumentValidator(null, SampleEra.CLOCK);
        Map<String, String> produced = new TreeMap<>();
        for (Path sample : invalidSamples()) {
            byte[] payload = Files.readAllBytes(sample);
            String family = Samples.DIR.relativize(sample).getName(0).toString();
            InboundTranslator partner = PARTNER_FORMATS.get(family);
            List<Violation> violations = partner == null ? documents.validate(payload).violations()
                    : partner.toNative(payload).violations();
            assertThat(violations).as(sample + " is refused").isNotEmpty();
            violations.forEach(v -> produced.putIfAbsent(v.code(), sample.toString()));
        }

        assertThat(produced).hasSizeGreaterThan(50);
        assertThat(produced).allSatisfy((code, sample) -> assertThat(catalogue.knows(code))
                .as("%s (given for %s) is in the catalogue", code, sample).isTrue());
    }

    /** Constant name (class.FIELD) to code, for every class compiled from routes/src/main/java. */
    private static Map<String, String> codeConstants() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path classes = Path.of(ViolationCodes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).as("the routes module's compiled classes").isDirectory();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info")).sorted().toList();
        }
        Map<String, String> constants = new TreeMap<>();
        for (String name : names) {
            for (Field field : Class.forName(name, false, EmittedCodesTest.class.getClassLoader()).getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                        && field.getType() == String.class && field.getName().matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")
                        && field.getName().equals(field.get(null))) {
                    String constant = name + "." + field.getName();
                    if (!NOT_CODES.contains(constant)) {
                        constants.put(constant, field.getName());
                    }
                }
            }
        }
        return constants;
    }

    private static List<Path> invalidSamples() throws IOException {
        try (Stream<Path> files = Files.walk(Samples.DIR)) {
            List<Path> samples = new ArrayList<>(files.filter(p -> p.getParent().getFileName().toString().equals("invalid"))
                    .filter(p -> p.toString().endsWith(".xml")).sorted().toList());
            assertThat(samples).hasSizeGreaterThan(80);
            return samples;
        }
    }
}
