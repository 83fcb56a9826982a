package org.casw.routes.transform.asean;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one indented XML document in a single default namespace with StAX, for translations:
 * streaming is several times faster than marshalling a JAXB tree, and the indentation keeps golden
 * files readable. Values that are null are left out, so optional elements need no if around them.
 */
public final class XmlWriter {

    private static final XMLOutputFactory STAX = XMLOutputFactory.newFactory();
    private static final String INDENT = "  ";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private final XMLStreamWriter xml;
    private final String namespace;
    private int depth;

    /** Starts a document whose root element is in {@code namespace}. Call {@link #open} for the root next. */
    public XmlWriter(String namespace) {
        // the declaration is written by hand so that every StAX implementation gives the same bytes
        out.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
        try {
            xml = STAX.createXMLStreamWriter(out, "UTF-8");
            xml.setDefaultNamespace(namespace);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("No StAX writer", e);
        }
        this.namespace = namespace;
    }

    public XmlWriter open(String name) {
        return open(name, null, null);
    }

    /** Opens an element with one attribute (left out when its value is null). */
    public XmlWriter open(String name, String attribute, String value) {
        try {
            if (depth > 0) {
                newLine();
            }
            xml.writeStartElement(namespace, name);
            if (depth == 0) {
                xml.writeDefaultNamespace(namespace);
            }
            if (attribute != null && value != null) {
                xml.writeAttribute(attribute, value);
            }
            depth++;
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlWriter close() {
        try {
            depth--;
            newLine();
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element with no content, e.g. a box with no tick. */
    public XmlWriter empty(String name) {
        try {
            newLine();
            xml.writeEmptyElement(namespace, name);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlWriter leaf(String name, Object value) {
        return leaf(name, value, null, null);
    }

    /** An element with text and one attribute; nothing at all when the value is null. */
    public XmlWriter leaf(String name, Object value, String attribute, String attributeValue) {
        if (value == null) {
            return this;
        }
        try {
            newLine();
            xml.writeStartElement(namespace, name);
            if (attribute != null && attributeValue != null) {
                xml.writeAttribute(attribute, attributeValue);
            }
            xml.writeCharacters(text(value));
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] bytes() {
        try {
            xml.flush();
            xml.close();
            out.write('\n');
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private void newLine() throws XMLStreamException {
        xml.writeCharacters("\n" + INDENT.repeat(depth));
    }
}
