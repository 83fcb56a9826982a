package org.casw.routes.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.validation.Schema;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One validator serves document after document (its handlers are pooled): what a document gets does not depend on
 * what came before it, be it valid, invalid, cut off half-way or with more violations than are reported.
 */
class SchemaValidatorReuseTest {

    private static final Path SAMPLES = Path.of("../schemas/src/test/resources/samples/declaration");

    @Test
    void everyDocumentGetsWhatAFreshValidatorGivesItWhateverCameBefore() throws IOException {
        byte[] valid = Files.readAllBytes(SAMPLES.resolve("valid/import-durian-form-e.xml"));
        List<byte[]> invalid;
        try (Stream<Path> files = Files.list(SAMPLES.resolve("invalid"))) {
            invalid = files.filter(p -> p.toString().endsWith(".xml")).sorted().map(SchemaValidatorReuseTest::read).toList();
        }
        byte[] cutOff = new String(valid, StandardCharsets.UTF_8).substring(0, valid.length / 2).getBytes(StandardCharsets.UTF_8);
        byte[] manyViolations = manyViolations(Files.readAllBytes(SAMPLES.resolve("valid/writer-go-marshaller.xml")));
        SchemaValidator reused = new SchemaValidator();
        // what a handler made for the one document gives
        Schema declarations = SchemaValidator.compile(DocumentType.DECLARATION.schemaResource());

        for (int round = 0; round < SchemaValidator.IDLE_PER_TYPE + 2; round++) {
            for (byte[] before : Stream.concat(invalid.stream(), Stream.of(cutOff, manyViolations)).toList()) {
                assertThat(reused.validate(DocumentType.DECLARATION, before)).isEqualTo(SchemaValidator.validate(declarations, before));
                assertThat(reused.validate(DocumentType.DECLARATION, valid)).isEmpty();
            }
        }
        assertThat(reused.validate(DocumentType.DECLARATION, cutOff)).extracting(Violation::code).containsExactly(ViolationCodes.XML_MALFORMED);
        assertThat(reused.validate(DocumentType.DECLARATION, manyViolations)).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void aHandlerThatValidatedALargeDocumentIsNotKeptIdle() throws IOException {
        byte[] valid = Files.readAllBytes(SAMPLES.resolve("valid/import-durian-form-e.xml"));
        String xml = new String(valid, StandardCharsets.UTF_8);
        int end = xml.lastIndexOf("</");
        // a comment keeps it valid and makes it larger than a pooled handler may have seen
        byte[] large = (xml.substring(0, end) + "<!--" + "x".repeat(SchemaValidator.POOLED_UP_TO) + "-->" + xml.substring(end))
                .getBytes(StandardCharsets.UTF_8);
        SchemaValidator validator = new SchemaValidator();

        assertThat(validator.validate(DocumentType.DECLARATION, valid)).isEmpty();
        assertThat(validator.idleHandlers(DocumentType.DECLARATION)).isEqualTo(1);
        assertThat(validator.validate(DocumentType.DECLARATION, large)).isEmpty();
        assertThat(validator.idleHandlers(DocumentType.DECLARATION)).isZero();
    }

    /** A valid declaration with an attribute its schema does not allow on each of its 182 plain start tags. */
    private static byte[] manyViolations(byte[] valid) {
        String xml = new String(valid, StandardCharsets.UTF_8);
        return xml.replaceAll("<(\\w+)>", "<$1 unexpected=\"x\">").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
