package org.casw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The published sample documents, kept in one place: schemas/src/test/resources/samples. */
public final class Samples {

    /** The samples directory, seen from any module directory (tests run in their module's directory). */
    public static final Path DIR = Path.of("..", "schemas", "src", "test", "resources", "samples");

    private Samples() {
    }

    /** A file or directory under the samples, e.g. {@code path("declaration", "valid", "import-durian-sea.xml")}. */
    public static Path path(String first, String... more) {
        Path path = DIR.resolve(first);
        for (String segment : more) {
            path = path.resolve(segment);
        }
        return path;
    }

    /** A sample's text, e.g. {@code sample("declaration", "valid", "import-durian-sea.xml")}. */
    public static String sample(String family, String validity, String file) {
        try {
            return Files.readString(path(family, validity, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid import declaration with a fresh client sequence number, so tests do not collide. */
    public static String declaration(String clientSeqNo) {
        return sample("declaration", "valid", "import-durian-sea.xml")
                .replace("<ClientSeqNo>QZDEMO-20261121-0001</ClientSeqNo>", "<ClientSeqNo>" + clientSeqNo + "</ClientSeqNo>");
    }
}
