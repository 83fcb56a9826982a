package org.casw.routes.rules.origin;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.casw.routes.document.SecureXml;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Test support: the certificate-of-origin samples, their schema compiled on its own, and a JAXB reader. */
final class OriginSamples {

    static final Path SAMPLES = Path.of("..", "schemas", "src", "test", "resources", "samples");
    static final Path CERTIFICATES = SAMPLES.resolve("certificate-of-origin");
    static final Path UTILIZATIONS = SAMPLES.resolve("certificate-utilization");

    /** The tests' "now": 2026-11-22 at noon in China, after every valid sample's issue date. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC);

    private static final Schema SCHEMA = compile();
    private static final JAXBContext JAXB = context();

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
        List<String> errors = new ArrayList<>();
        Validator validator = SCHEMA.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        try {
            validator.validate(new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(payload))));
        } catch (SAXException e) {
            errors.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    static Object read(byte[] payload) {
        try {
            return JAXB.createUnmarshaller().unmarshal(
                    new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(payload))));
        } catch (JAXBException e) {
            throw new IllegalArgumentException(e);
        }
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

    private static Schema compile() {
        URL xsd = OriginSamples.class.getClassLoader().getResource("xsd/certificate-of-origin.xsd");
        if (xsd == null) {
            throw new IllegalStateException("xsd/certificate-of-origin.xsd is not on the test class path");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("certificate-of-origin.xsd does not compile: " + e.getMessage(), e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(CertificateOfOrigin.class, CertificateUtilization.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
