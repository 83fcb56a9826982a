package org.casw.routes.document;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Drops elements that carry nothing (no attribute, no child, at most whitespace) on their way to the model.
 * China's single-window software writes every field, {@code <ApprNo/>} where there is no value; the schema
 * accepts that, and the model then sees the field as absent, exactly as if it had been left out.
 */
final class EmptyElementsAsAbsent extends XMLFilterImpl {

    private static final Attributes NONE = new AttributesImpl();

    private final StringBuilder heldWhitespace = new StringBuilder();
    private String heldUri;
    private String heldLocalName;
    private String heldQName;
    private boolean holding;
    private int depth;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        release();
        depth++;
        if (depth > 1 && atts.getLength() == 0) {
            // hold it until something shows it is not empty
            holding = true;
            heldUri = uri;
            heldLocalName = localName;
            heldQName = qName;
            return;
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (holding && isWhitespace(ch, start, length)) {
            heldWhitespace.append(ch, start, length);
            return;
        }
        release();
        super.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (holding) {
            heldWhitespace.append(ch, start, length);
            return;
        }
        super.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        release();
        super.processingInstruction(target, data);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        if (holding) {
            // nothing arrived between start and end: the element is absent
            holding = false;
            heldWhitespace.setLength(0);
            return;
        }
        super.endElement(uri, localName, qName);
    }

    @Override
    public void endDocument() throws SAXException {
        release();
        super.endDocument();
    }

    private void release() throws SAXException {
        if (!holding) {
            return;
        }
        holding = false;
        super.startElement(heldUri, heldLocalName, heldQName, NONE);
        if (!heldWhitespace.isEmpty()) {
            char[] whitespace = heldWhitespace.toString().toCharArray();
            heldWhitespace.setLength(0);
            super.characters(whitespace, 0, whitespace.length);
        }
    }

    private static boolean isWhitespace(char[] ch, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (!Character.isWhitespace(ch[i])) {
                return false;
            }
        }
        return true;
    }
}
