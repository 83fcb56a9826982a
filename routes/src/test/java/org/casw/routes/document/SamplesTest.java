package org.casw.routes.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every published sample behaves as its folder says: valid ones pass inspection and schema, invalid ones do not. */
class SamplesTest {

    private static final Path SAMPLES = Samples.DIR;
    /**
     * Partner and edge formats are no native document type; their own tests check their samples (transform.asean;
     * CN-MANIFEST: schemas' CnManifestSchemasTest and the translator's tests).
     */
    private static final java.util.Set<String> PARTNER_FORMATS = java.util.Set.of("acdd", "asw-eco", "cn-manifest");

    private final XmlInspector inspector = new XmlInspector();
    private final SchemaValidator validator = new SchemaValidator();
    private final DocumentReader reader = new DocumentReader();
    private final DocumentValidator documents = new DocumentValidator(null, SampleEra.CLOCK);
    private static final java.util.Set<String> RULE_CODES = new BusinessRules(null, new DocumentReader(), SampleEra.CLOCK).codes();

    static Stream<Path> validSamples() throws IOException {
        return samples("valid");
    }

    static Stream<Path> invalidSamples() throws IOException {
        return samples("invalid");
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validSampleIsIdentifiedValidAndReadable(Path sample) throws IOException {
        byte[] payload = Files.readAllBytes(sample);
        Inspection inspection = inspector.inspect(payload);

        assertThat(inspection.wellFormed()).isTrue();
        assertThat(inspection.type()).isPresent();
        assertThat(inspection.messageId()).isNotBlank();
        assertThat(validator.validate(inspection.type().get(), payload)).isEmpty();
        assertThat(reader.keysOf(inspection.type().get(), reader.read(inspection.type().get(), payload)).all()).isNotEmpty();
    }

    /** The intake validates and reads in one pass: what it reads must be what a reading of its own gives. */
    @ParameterizedTest
    @MethodSource("validSamples")
    void validSampleReadWhileValidatingIsTheDocumentAPlainReadGives(Path sample) throws IOException {
        byte[] payload = Files.readAllBytes(sample);
        DocumentType type = inspector.inspect(payload).type().orElseThrow();

        DocumentValidator.Checked checked = documents.check(type, payload);

        assertThat(checked.violations()).isEmpty();
        assertThat(checked.read().document()).usingRecursiveComparison().isEqualTo(reader.read(type, payload));
        assertThat(checked.read().keys().all()).isEqualTo(reader.keysOf(type, reader.read(type, payload)).all());
    }

    /** A schema-invalid sample gets the same violations from the one-pass check as from validation alone. */
    @ParameterizedTest
    @MethodSource("invalidSamples")
    void invalidSampleGetsTheSameSchemaViolationsWhenReadWhileValidating(Path sample) throws IOException {
        byte[] payload = Files.readAllBytes(sample);
        var type = inspector.inspect(payload).type();
        org.junit.jupiter.api.Assumptions.assumeTrue(type.isPresent(), "not a native document type");

        assertThat(documents.check(type.get(), payload).violations()).isEqualTo(validator.validate(type.get(), payload));
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validSampleBreaksNoBusinessRule(Path sample) throws IOException {
        assertThat(documents.validate(Files.readAllBytes(sample)).violations()).isEmpty();
    }

    /** A sample named after a rule code (hs-code-unknown.xml) fails with exactly that code; any other is refused. */
    @ParameterizedTest
    @MethodSource("invalidSamples")
    void invalidSampleIsRefusedAndRuleSamplesWithExactlyTheirCode(Path sample) throws IOException {
        List<Violation> violations = documents.validate(Files.readAllBytes(sample)).violations();
        String named = sample.getFileName().toString().replace(".xml", "").toUpperCase().replace('-', '_');

        assertThat(violations).as(sample + " must be refused").isNotEmpty();
        if (RULE_CODES.contains(named)) {
            assertThat(violations).extracting(Violation::code).containsOnly(named);
        }
    }

    @Test
    void everyRuleCodeHasAnInvalidSampleNamedAfterIt() throws IOException {
        List<String> named = invalidSamples().map(p -> p.getFileName().toString().replace(".xml", "").toUpperCase().replace('-', '_')).toList();

        assertThat(named).containsAll(RULE_CODES);
    }

    @Test
    void doctypeIsRefusedWithItsOwnCode() throws IOException {
        Inspection inspection = inspector.inspect(Files.readAllBytes(SAMPLES.resolve("declaration/invalid/xxe-external-entity.xml")));

        assertThat(inspection.violations()).extracting(Violation::code).containsExactly("XML_DOCTYPE_FORBIDDEN");
    }

    @Test
    void schemaViolationsCarryPathLineAndColumn() throws IOException {
        byte[] payload = Files.readAllBytes(SAMPLES.resolve("declaration/invalid/missing-agent-and-bad-commodity-code.xml"));

        List<Violation> violations = validator.validate(DocumentType.DECLARATION, payload);

        assertThat(violations).extracting(Violation::path).contains("/DecMessage/DecLists/DecList/CodeTS");
        assertThat(violations).filteredOn(v -> "/DecMessage/DecHead".equals(v.path())).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("AgentCodeScc").hasSizeLessThan(300));
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.line()).isPositive();
            assertThat(v.column()).isPositive();
        });
    }

    @Test
    void siblingPositionsAppearInPaths() throws IOException {
        String twoItems = Files.readString(SAMPLES.resolve("declaration/valid/export-rail-two-containers.xml"))
                .replace("<CodeTS>8482102000</CodeTS>", "<CodeTS>848210</CodeTS>");

        List<Violation> violations = validator.validate(DocumentType.DECLARATION, twoItems.getBytes());

        assertThat(violations).extracting(Violation::path).contains("/DecMessage/DecLists/DecList[2]/CodeTS");
    }

    private static Stream<Path> samples(String validity) throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return files.filter(p -> p.getParent().getFileName().toString().equals(validity))
                    .filter(p -> !PARTNER_FORMATS.contains(SAMPLES.relativize(p).getName(0).toString()))
                    .filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }
}
