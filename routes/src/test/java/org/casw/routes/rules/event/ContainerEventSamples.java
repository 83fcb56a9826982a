package org.casw.routes.rules.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.schemas.event.ContainerEvents;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;

/** Test support: the container event samples, their schema compiled on its own, and a JAXB reader. */
final class ContainerEventSamples {

    static final Path DIR = Samples.path("container-event");

    /** The tests' "now": the samples' era, after every valid sample, long before the future-dated one. */
    static final Clock CLOCK = SampleEra.CLOCK;


    private ContainerEventSamples() {
    }

    static Stream<Path> valid() {
        return list("valid");
    }

    static Stream<Path> invalid() {
        return list("invalid");
    }

    static Path sample(String validity, String name) {
        return DIR.resolve(validity).resolve(name);
    }

    static byte[] bytes(Path sample) {
        try {
            return Files.readAllBytes(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Schema errors as "line:column message"; empty when the payload is schema-valid. */
    static List<String> schemaErrors(byte[] payload) {
        return TestDocuments.schemaErrors(DocumentType.CONTAINER_EVENT, payload);
    }

    static ContainerEvents read(byte[] payload) {
        return (ContainerEvents) TestDocuments.read(DocumentType.CONTAINER_EVENT, payload);
    }

    static ContainerEvents read(Path sample) {
        return read(bytes(sample));
    }

    private static Stream<Path> list(String validity) {
        try (Stream<Path> files = Files.list(DIR.resolve(validity))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
