package org.casw.routes.rules.origin;

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
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;
import org.casw.testsupport.Samples;

/** Test support: the certificate-of-origin samples, their schema compiled on its own, and a JAXB reader. */
final class OriginSamples {

    static final Path SAMPLES = Samples.DIR;
    static final Path CERTIFICATES = SAMPLES.resolve("certificate-of-origin");
    static final Path UTILIZATIONS = SAMPLES.resolve("certificate-utilization");

    /** The tests' "now": 2026-11-22 at noon in China, after every valid sample's issue date. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC);


    private OriginSamples() {
    }

    static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path sample) {
        try {
            return Files.readAllBytes(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path sample) {
        return new String(bytes(sample), StandardCharsets.UTF_8);
    }

    /** Schema errors as "line:column message"; empty when the payload is schema-valid. */
    static List<String> schemaErrors(byte[] payload) {
        return TestDocuments.schemaErrors(DocumentType.CERTIFICATE_OF_ORIGIN, payload);
    }

    static Object read(byte[] payload) {
        return TestDocuments.read(DocumentType.CERTIFICATE_OF_ORIGIN, payload);
    }

    static CertificateOfOrigin certificate(Path sample) {
        return (CertificateOfOrigin) read(bytes(sample));
    }

    static CertificateOfOrigin certificate(String xml) {
        return (CertificateOfOrigin) read(xml.getBytes(StandardCharsets.UTF_8));
    }

    static CertificateUtilization utilization(Path sample) {
        return (CertificateUtilization) read(bytes(sample));
    }

}
