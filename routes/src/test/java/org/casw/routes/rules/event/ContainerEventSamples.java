package org.casw.routes.rules.event;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
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
import org.casw.schemas.event.ContainerEvents;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Test support: the container event samples, their schema compiled on its own, and a JAXB reader. */
final class ContainerEventSamples {

    static final Path DIR = Path.of("..", "schemas", "src", "test", "resources", "samples", "container-event");

    /** The tests' "now": after every valid sample, long before the future-dated one. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);

    private static final Schema SCHEMA = compile();
    private static final JAXBContext JAXB = context();

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

    static ContainerEvents read(byte[] payload) {
        try {
            Object root = JAXB.createUnmarshaller().unmarshal(
                    new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(payload))));
            return (ContainerEvents) root;
        } catch (JAXBException e) {
            throw new IllegalArgumentException(e);
        }
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

    private static Schema compile() {
        URL xsd = ContainerEventSamples.class.getClassLoader().getResource("xsd/container-event.xsd");
        if (xsd == null) {
            throw new IllegalStateException("xsd/container-event.xsd is not on the test class path");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("container-event.xsd does not compile: " + e.getMessage(), e);
        }
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ContainerEvents.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
