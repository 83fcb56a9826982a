package org.casw.routes.transform.asean;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.document.SecureXml;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.xml.sax.InputSource;

/**
 * One partner XML format: its root elements, its XSD and its JAXB model. Recognises a payload by a
 * StAX peek at the root element (no DTD is read), and reads partner input only after it passed the
 * format's XSD, so every problem comes back as violations with path, line and column, never as an
 * exception. Thread-safe; build once per format.
 */
public final class PartnerXml {

    /** The outcome of reading partner input: the JAXB document, or why there is none. */
    public record Read<T>(T document, List<Violation> violations) {

        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /** What a peek at the start of a payload saw. */
    private record Peek(QName root, Violation problem) {
    }

    private static final XMLInputFactory STAX = newStaxFactory();

    private final String format;
    private final Set<QName> roots;
    private final Schema schema;
    private final JAXBContext model;

    public PartnerXml(String format, Set<QName> roots, String schemaResource, Class<?>... modelClasses) {
        this.format = format;
        this.roots = Set.copyOf(roots);
        this.schema = SchemaValidator.compile(schemaResource);
        try {
            this.model = JAXBContext.newInstance(modelClasses);
        } catch (JAXBException e) {
            throw new IllegalStateException("The " + format + " model cannot be loaded", e);
        }
    }

    /** Whether the payload's root element is one of this format's. Reads only up to the root; never throws. */
    public boolean recognises(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return false;
        }
        Peek peek = peek(payload);
        return peek.problem() == null && roots.contains(peek.root());
    }

    /** Checks the payload is XML of this format and valid against its XSD, then reads it into the model. */
    public <T> Read<T> read(byte[] payload, Class<T> expected) {
        if (payload == null || payload.length == 0) {
            return refused(Violation.of(ViolationCodes.PAYLOAD_EMPTY, null, "The message body is empty."));
        }
        Peek peek = peek(payload);
        if (peek.problem() != null) {
            return refused(peek.problem());
        }
        if (!roots.contains(peek.root())) {
            return refused(Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE, "/" + peek.root().getLocalPart(),
                    "Root element '" + peek.root().getLocalPart() + "' in namespace '" + peek.root().getNamespaceURI()
                            + "' is not a document of format " + format + " (expected " + describe(roots) + ")."));
        }
        List<Violation> schemaViolations = SchemaValidator.validate(schema, payload);
        if (!schemaViolations.isEmpty()) {
            return new Read<>(null, schemaViolations);
        }
        try {
            Object result = model.createUnmarshaller().unmarshal(
                    new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(payload))));
            Object document = result instanceof JAXBElement<?> e ? e.getValue() : result;
            if (!expected.isInstance(document)) {
                return refused(Violation.of(ViolationCodes.UNKNOWN_DOCUMENT_TYPE, "/" + peek.root().getLocalPart(),
                        "A " + peek.root().getLocalPart() + " is not what this " + format + " translator reads."));
            }
            return new Read<>(expected.cast(document), List.of());
        } catch (JAXBException e) {
            // schema-valid input that JAXB cannot bind is our defect, but the sender still gets an answer
            return refused(Violation.of(ViolationCodes.SCHEMA_VIOLATION, "/" + peek.root().getLocalPart(),
                    "The " + format + " document could not be read: " + e.getMessage()));
        }
    }

    /** The root element of an XML payload, read by a StAX peek that stops there (no DTD read); null if there is none. */
    public static QName rootOf(byte[] payload) {
        Peek peek = peek(payload);
        return peek.problem() == null ? peek.root() : null;
    }

    private static <T> Read<T> refused(Violation violation) {
        return new Read<>(null, List.of(violation));
    }

    private static Peek peek(byte[] payload) {
        XMLStreamReader reader = null;
        try {
            reader = STAX.createXMLStreamReader(new ByteArrayInputStream(payload));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    Location at = reader.getLocation();
                    return new Peek(null, new Violation(ViolationCodes.XML_DOCTYPE_FORBIDDEN, null,
                            "DOCTYPE declarations are not accepted (they enable XXE and entity-expansion attacks).",
                            positive(at.getLineNumber()), positive(at.getColumnNumber())));
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return new Peek(reader.getName(), null);
                }
            }
            return new Peek(null, Violation.of(ViolationCodes.XML_MALFORMED, null, "Payload has no root element."));
        } catch (XMLStreamException | RuntimeException e) {
            Location at = e instanceof XMLStreamException x ? x.getLocation() : null;
            return new Peek(null,
                    new Violation(ViolationCodes.XML_MALFORMED, null, "Payload is not well-formed XML: " + firstLine(e.getMessage()),
                    at == null ? null : positive(at.getLineNumber()), at == null ? null : positive(at.getColumnNumber())));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // an in-memory reader holds nothing worth reporting
                }
            }
        }
    }

    /** Woodstox appends the location to its message; it is reported as line and column instead. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }

    private static String describe(Set<QName> roots) {
        List<String> names = new ArrayList<>();
        roots.forEach(r -> names.add(r.getLocalPart() + " in " + r.getNamespaceURI()));
        names.sort(null);
        return String.join(" or ", names);
    }

    private static XMLInputFactory newStaxFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's, whatever the class path brings
        // a DOCTYPE is reported as an event and refused; nothing it names is ever read or expanded
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }
}
