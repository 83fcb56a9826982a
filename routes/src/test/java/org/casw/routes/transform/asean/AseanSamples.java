package org.casw.routes.transform.asean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.Samples;

/** Test support: the native and partner-format samples, the partner XSDs and a shared reader. */
public final class AseanSamples {

    public static final Path SAMPLES = Samples.DIR;
    public static final Path ACDD = SAMPLES.resolve("acdd");
    public static final Path ASW_ECO = SAMPLES.resolve("asw-eco");
    /** Native inputs used only by these tests (kept out of the shared samples, whose folders other tests walk). */
    public static final Path NATIVE = Path.of("src", "test", "resources", "transform", "asean");

    /** The tests' "now": 2026-11-22 at noon in China, after every valid sample's dates. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC);

    public static final DocumentReader READER = new DocumentReader();

    private static final javax.xml.validation.Schema ACDD_XSD = SchemaValidator.compile("xsd/acdd.xsd");
    private static final javax.xml.validation.Schema ECO_XSD = SchemaValidator.compile("xsd/asw-eco.xsd");

    private AseanSamples() {
    }

    public static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Golden files are compared as text with Unix line ends, whatever the checkout did to them. */
    public static String golden(Path file) {
        return text(bytes(file)).replace("\r\n", "\n");
    }

    public static List<Violation> acddSchemaViolations(byte[] payload) {
        return SchemaValidator.validate(ACDD_XSD, payload);
    }

    public static List<Violation> ecoSchemaViolations(byte[] payload) {
        return SchemaValidator.validate(ECO_XSD, payload);
    }

    /** The violation code a sample is named after: schema-violation.xml gives SCHEMA_VIOLATION. */
    public static String codeOf(Path sample) {
        return sample.getFileName().toString().replace(".xml", "").toUpperCase().replace('-', '_');
    }
}
