package org.casw.routes.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** Reads a payload once, securely: well-formedness, root element, document type and message id. */
public class XmlInspector {

    public Inspection inspect(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Inspection.malformed(Violation.of(ViolationCodes.PAYLOAD_EMPTY, null, "The message body is empty."));
        }
        Reader handler = new Reader();
        try (SecureXml.Lease lease = SecureXml.lease()) {
            XMLReader reader = lease.reader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.parse(new InputSource(new ByteArrayInputStream(payload)));
        } catch (SAXParseException e) {
            boolean doctype = SecureXml.isDoctypeRefusal(e);
            return Inspection.malformed(new Violation(
                    doctype ? ViolationCodes.XML_DOCTYPE_FORBIDDEN : ViolationCodes.XML_MALFORMED,
                    handler.currentPath(),
                    doctype ? "DOCTYPE declarations are not accepted (they enable XXE and entity-expansion attacks)."
                            : "Payload is not well-formed XML: " + e.getMessage(),
                    positive(e.getLineNumber()), positive(e.getColumnNumber())));
        } catch (SAXException e) {
            return Inspection.malformed(Violation.of(ViolationCodes.XML_MALFORMED, handler.currentPath(),
                    "Payload is not well-formed XML: " + e.getMessage()));
        } catch (IOException e) {
            throw new IllegalStateException("Reading an in-memory payload failed", e);
        }
        Optional<DocumentType> type = DocumentType.identify(handler.root);
        String messageId = type.flatMap(t -> t.rootNamed(handler.root)).map(handler::messageId).orElse(null);
        return new Inspection(handler.root, type, messageId, List.of());
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }

    /** Tracks the element path and keeps the text of elements up to three levels below the root. */
    private static final class Reader extends DefaultHandler {
        private final List<String> path = new ArrayList<>();
        private final List<String[]> values = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private QName root;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (root == null) {
                root = new QName(uri, localName);
            }
            path.add(localName);
            text.setLength(0);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (path.size() <= 4 && text.length() < 256) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (path.size() >= 2 && path.size() <= 4 && !text.isEmpty()) {
                values.add(new String[] {String.join("/", path.subList(1, path.size())), text.toString().trim()});
            }
            text.setLength(0);
            path.remove(path.size() - 1);
        }

        String valueAt(List<String> below) {
            String key = String.join("/", below);
            return values.stream().filter(v -> v[0].equals(key)).map(v -> v[1])
                    .filter(v -> !v.isEmpty()).findFirst().orElse(null);
        }

        /** The sender's message id: the value at the root's id path, or the values at its id paths joined by ':'. */
        String messageId(DocumentType.Root root) {
            List<String> parts = new ArrayList<>();
            for (List<String> path : root.messageIdParts()) {
                String value = valueAt(path);
                if (value == null && parts.isEmpty()) {
                    return null; // without its first part there is no id, and the document is not de-duplicated
                }
                parts.add(value == null ? "" : value);
            }
            return String.join(":", parts);
        }

        String currentPath() {
            return path.isEmpty() ? null : "/" + String.join("/", path);
        }
    }
}
