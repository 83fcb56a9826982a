package org.casw.routes.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Validates a payload against its document type's XML Schema and reports every violation with the
 * element path, line and column. Schemas are compiled once. A validator handler serves one parse at a time; the
 * document types' handlers are pooled (see {@link #IDLE_PER_TYPE}), others are made per call.
 */
public class SchemaValidator {

    private static final int MAX_VIOLATIONS = 100;

    /**
     * Idle validator handlers kept per document type. Making one (its validator, component manager and stacks)
     * allocated more than the 6 KB declaration it then validated; a handler starting a document resets itself
     * (JAXP), so one that finished, or stopped on an error, serves the next. Beyond this many idle, they are dropped.
     */
    static final int IDLE_PER_TYPE = 8;
    /**
     * A handler that validated a larger document is dropped: what it gathered (identity-constraint values of a
     * 10,000-container manifest) stays in it until its next document, and an idle one must not hold that.
     */
    static final int POOLED_UP_TO = 256 * 1024;

    private final Map<DocumentType, Schema> schemas = new EnumMap<>(DocumentType.class);
    private final Map<DocumentType, BlockingQueue<ValidatorHandler>> idle = new EnumMap<>(DocumentType.class);

    public SchemaValidator() {
        for (DocumentType type : DocumentType.values()) {
            schemas.put(type, compile(type.schemaResource()));
            idle.put(type, new ArrayBlockingQueue<>(IDLE_PER_TYPE));
        }
    }

    /** How many handlers for a type wait in the pool (for tests). */
    int idleHandlers(DocumentType type) {
        return idle.get(type).size();
    }

    /**
     * Compiles a bundled schema from the class path, e.g. a partner format's XSD that is no native
     * document type. The result is thread-safe: compile once, validate with {@link #validate(Schema, byte[])}.
     */
    public static Schema compile(String resource) {
        // the JDK's own implementation, whose hardening properties are set below: a library on the class path (Daffodil's
        // Xerces in tests) must not stand in for it
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            // a schema's includes and imports come from the class path beside it, read by the resolver, never by URL:
            // alike in a directory, a jar or the executable jar's nested jars, and nothing from elsewhere
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new BundledSchemas(resource));
            URL xsd = SchemaValidator.class.getClassLoader().getResource(resource);
            if (xsd == null) {
                throw new IllegalStateException("Schema " + resource + " is not on the class path");
            }
            UnorderedFields.learn(xsd);
            try (InputStream in = xsd.openStream()) {
                return factory.newSchema(new StreamSource(in, xsd.toExternalForm()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Schema " + resource + " cannot be read", e);
        } catch (SAXException e) {
            throw new IllegalStateException("A bundled XML Schema does not compile: " + e.getMessage(), e);
        }
    }

    public List<Violation> validate(DocumentType type, byte[] payload) {
        return validate(type, payload, null);
    }

    /**
     * Every violation of a payload, and the same pass feeds {@code reader} (e.g. the JAXB unmarshaller's handler):
     * one parse validates and reads. What the reader built is only meaningful when there is no violation.
     */
    public List<Violation> validate(DocumentType type, byte[] payload, ContentHandler reader) {
        BlockingQueue<ValidatorHandler> pool = idle.get(type);
        ValidatorHandler validator = pool.poll();
        if (validator == null) {
            validator = schemas.get(type).newValidatorHandler();
        }
        try {
            return validate(validator, payload, reader);
        } finally {
            if (payload.length <= POOLED_UP_TO) {
                validator.setContentHandler(null); // nothing of this parse stays reachable from the pool
                validator.setErrorHandler(null);
                pool.offer(validator);
            }
        }
    }

    /** Every violation of a payload against a compiled schema, each with path, line and column. */
    public static List<Violation> validate(Schema schema, byte[] payload) {
        return validate(schema.newValidatorHandler(), payload, null);
    }

    private static List<Violation> validate(ValidatorHandler validator, byte[] payload, ContentHandler downstream) {
        if (downstream != null) {
            validator.setContentHandler(downstream);
        }
        Collector collector = new Collector();
        PathTracker tracker = new PathTracker(collector);
        validator.setErrorHandler(collector);
        tracker.setContentHandler(validator);
        collector.tracker = tracker;
        try (SecureXml.Lease lease = SecureXml.lease()) {
            tracker.setParent(lease.reader());
            tracker.parse(new InputSource(new ByteArrayInputStream(payload)));
        } catch (TooManyViolations e) {
            // enough has been collected to tell the sender what is wrong
        } catch (SAXParseException e) {
            collector.add(ViolationCodes.XML_MALFORMED, "Payload is not well-formed XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            collector.add(ViolationCodes.XML_MALFORMED, "Payload is not well-formed XML: " + e.getMessage(), null);
        } catch (IOException e) {
            throw new IllegalStateException("Reading an in-memory payload failed", e);
        }
        return collector.violations;
    }

    /** Keeps the element path (with positions among same-named siblings) as the parse goes. */
    private static final class PathTracker extends XMLFilterImpl {
        private final Deque<String> path = new ArrayDeque<>();
        /** Sibling counts by depth, each level's map cleared and reused when its parent starts, not made per element. */
        private final List<Map<String, Integer>> siblingCounts = new ArrayList<>();

        PathTracker(ErrorHandler errors) {
            setErrorHandler(errors);
            siblingCounts.add(new HashMap<>());
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int depth = path.size();
            int position = siblingCounts.get(depth).merge(localName, 1, Integer::sum);
            path.addLast(position == 1 ? localName : localName + "[" + position + "]");
            if (siblingCounts.size() == depth + 1) {
                siblingCounts.add(new HashMap<>());
            } else {
                siblingCounts.get(depth + 1).clear(); // this element's children count afresh
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            path.removeLast();
        }

        String path() {
            return path.isEmpty() ? null : "/" + String.join("/", path);
        }
    }

    private static final class Collector implements ErrorHandler {
        private final List<Violation> violations = new ArrayList<>();
        private PathTracker tracker;

        @Override
        public void warning(SAXParseException e) {
            // warnings do not refuse a document
        }

        @Override
        public void error(SAXParseException e) {
            add(ViolationCodes.SCHEMA_VIOLATION, UnorderedFields.explain(e.getMessage()), e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e; // reported once, by validate()
        }

        void add(String code, String message, SAXParseException e) {
            Integer line = e != null && e.getLineNumber() > 0 ? e.getLineNumber() : null;
            Integer column = e != null && e.getColumnNumber() > 0 ? e.getColumnNumber() : null;
            violations.add(new Violation(code, tracker == null ? null : tracker.path(), message, line, column));
            if (violations.size() >= MAX_VIOLATIONS) {
                throw new TooManyViolations();
            }
        }
    }

    private static final class TooManyViolations extends RuntimeException {
        TooManyViolations() {
            super(null, null, false, false);
        }
    }
}
