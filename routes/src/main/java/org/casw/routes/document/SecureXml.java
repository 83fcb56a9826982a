package org.casw.routes.document;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
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
            SAXParserFactory f = SAXParserFactory.newInstance();
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
