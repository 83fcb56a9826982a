package org.casw.routes.document;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one place XML parsers are made. DOCTYPEs are refused outright: trade documents never need
 * one, and refusing it stops XXE, entity-expansion bombs and external fetches in a single rule.
 */
public final class SecureXml {

    /** Message the parser gives for a DOCTYPE, so the refusal can be reported with its own code. */
    static final String DOCTYPE_MARKER = "DOCTYPE is disallowed";

    private static final SAXParserFactory FACTORY = newFactory();

    private SecureXml() {
    }

    /** A parser each thread hands back after a parse: building one (scanners, symbol table) costs more than a 5 KB parse. */
    private static final ThreadLocal<SAXParser> IDLE = new ThreadLocal<>();

    /**
     * A secure reader for one parse, from this thread's idle parser when it has one (reset to the factory's
     * secure configuration first). Close the lease when the parse is over; a reader still in use by an outer
     * parse is never handed out, so nested parses get a fresh parser.
     */
    public static Lease lease() {
        SAXParser parser = IDLE.get();
        try {
            if (parser != null) {
                IDLE.remove();
                parser.reset();
            } else {
                parser = FACTORY.newSAXParser();
            }
            return new Lease(parser, parser.getXMLReader());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    /** One parse's reader; closing it makes the parser this thread's idle one again. */
    public static final class Lease implements AutoCloseable {
        private final SAXParser parser;
        private final XMLReader reader;

        private Lease(SAXParser parser, XMLReader reader) {
            this.parser = parser;
            this.reader = reader;
        }

        public XMLReader reader() {
            return reader;
        }

        @Override
        public void close() {
            IDLE.set(parser);
        }
    }

    public static XMLReader newReader() {
        try {
            return FACTORY.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    public static boolean isDoctypeRefusal(SAXException e) {
        return e.getMessage() != null && e.getMessage().contains(DOCTYPE_MARKER);
    }

    private static SAXParserFactory newFactory() {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance(); // the JDK's, whatever the class path brings
            f.setNamespaceAware(true);
            f.setXIncludeAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }
}
