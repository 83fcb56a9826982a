package org.casw.routes.transform.asean;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import org.casw.routes.document.SchemaValidator;
import org.casw.routes.document.SecureXml;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One partner XML format: its root elements, its XSD and its JAXB model. Recognises a payload by a
 * peek at the root element (no DTD is read), and reads partner input only after it passed the
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

    /** The root element of an XML payload, read by a peek that stops there (no DTD read); null if there is none. */
    public static QName rootOf(byte[] payload) {
        Peek peek = peek(payload);
        return peek.problem() == null ? peek.root() : null;
    }

    private static <T> Read<T> refused(Violation violation) {
        return new Read<>(null, List.of(violation));
    }

    /**
     * Reads up to the root element's start tag with this thread's pooled SAX parser (DOCTYPEs refused, nothing they
     * name read) and stops there. A StAX reader made per peek allocated a tenth of all the intake's memory: every
     * submission is peeked once per format its sender's agreement names, before it is translated or inspected.
     */
    private static Peek peek(byte[] payload) {
        try (SecureXml.Lease lease = SecureXml.lease()) {
            XMLReader reader = lease.reader();
            reader.setContentHandler(STOP_AT_ROOT);
            reader.setErrorHandler(STOP_AT_ROOT);
            reader.parse(new InputSource(new ByteArrayInputStream(payload)));
            return new Peek(null, Violation.of(ViolationCodes.XML_MALFORMED, null, "Payload has no root element."));
        } catch (RootReached reached) {
            return new Peek(reached.root, null);
        } catch (SAXParseException e) {
            if (SecureXml.isDoctypeRefusal(e)) {
                return new Peek(null, new Violation(ViolationCodes.XML_DOCTYPE_FORBIDDEN, null,
                        "DOCTYPE declarations are not accepted (they enable XXE and entity-expansion attacks).",
                        positive(e.getLineNumber()), positive(e.getColumnNumber())));
            }
            return new Peek(null, new Violation(ViolationCodes.XML_MALFORMED, null,
                    "Payload is not well-formed XML: " + firstLine(e.getMessage()), positive(e.getLineNumber()),
                    positive(e.getColumnNumber())));
        } catch (SAXException | IOException | RuntimeException e) {
            return new Peek(null, Violation.of(ViolationCodes.XML_MALFORMED, null, "Payload is not well-formed XML: "
                    + firstLine(e.getMessage())));
        }
    }

    /** Ends a peek at the root element; stateless, so one serves every thread. */
    private static final DefaultHandler STOP_AT_ROOT = new DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            throw new RootReached(new QName(uri, localName));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** The root's start tag was read: the parse stops here, without the cost of a stack trace. */
    private static final class RootReached extends SAXException {
        private static final long serialVersionUID = 1L;
        private final transient QName root;

        RootReached(QName root) {
            this.root = root;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Parsers may append the location to their message; it is reported as line and column instead. */
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
}
