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

/**
 * Reads the start of a payload, securely: root element, document type and message id. It stops once the message id is
 * read: what follows is read by the schema validation, which reports a document not well-formed further on
 * ({@code XML_MALFORMED}), and the intake refuses it as malformed then. A DOCTYPE precedes the root and is refused here.
 */
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
        } catch (IdRead enough) {
            // the message id is read; the rest of the document is the validation's
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
        Optional<DocumentType> type = handler.type;
        String messageId = handler.idRoot == null ? null : handler.messageId();
        return new Inspection(handler.root, type, messageId, List.of());
    }

    private static Integer positive(int n) {
        return n > 0 ? n : null;
    }

    /**
     * Tracks the element path and keeps the text of the elements that make up the message id, which the root names
     * (up to three levels below it); nothing else is copied, as every element of the document passes here.
     */
    private static final class Reader extends DefaultHandler {
        private final List<String> path = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private QName root;
        private Optional<DocumentType> type = Optional.empty();
        private DocumentType.Root idRoot;
        private String[] idValues;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (root == null) {
                root = new QName(uri, localName);
                type = DocumentType.identify(root);
                idRoot = type.flatMap(t -> t.rootNamed(root)).orElse(null);
                idValues = idRoot == null ? null : new String[idRoot.messageIdParts().size()];
            }
            path.add(localName);
            text.setLength(0);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (idRoot != null && path.size() <= 4 && text.length() < 256) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (idRoot != null && path.size() >= 2 && path.size() <= 4 && !text.isEmpty()) {
                List<String> below = path.subList(1, path.size());
                List<List<String>> parts = idRoot.messageIdParts();
                for (int i = 0; i < parts.size(); i++) {
                    if (idValues[i] == null && parts.get(i).equals(below)) {
                        String value = text.toString().trim();
                        idValues[i] = value.isEmpty() ? null : value; // the first non-empty value at the path
                    }
                }
            }
            text.setLength(0);
            path.remove(path.size() - 1);
            if (idRoot != null && allRead()) {
                throw IdRead.INSTANCE;
            }
        }

        private boolean allRead() {
            for (String value : idValues) {
                if (value == null) {
                    return false;
                }
            }
            return idValues.length > 0;
        }

        /** The sender's message id: the value at the root's id path, or the values at its id paths joined by ':'. */
        String messageId() {
            if (idValues.length == 0 || idValues[0] == null) {
                return null; // without its first part there is no id, and the document is not de-duplicated
            }
            List<String> parts = new ArrayList<>(idValues.length);
            for (String value : idValues) {
                parts.add(value == null ? "" : value);
            }
            return String.join(":", parts);
        }

        String currentPath() {
            return path.isEmpty() ? null : "/" + String.join("/", path);
        }
    }

    /** Ends the inspection once every part of the message id is read; one instance, without a stack trace. */
    private static final class IdRead extends SAXException {
        private static final long serialVersionUID = 1L;
        static final IdRead INSTANCE = new IdRead();

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
