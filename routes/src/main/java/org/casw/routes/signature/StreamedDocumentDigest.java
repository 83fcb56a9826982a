package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.stax.ext.stax.XMLSecEvent;
import org.apache.xml.security.stax.ext.stax.XMLSecEventFactory;
import org.apache.xml.security.stax.ext.stax.XMLSecStartElement;
import org.apache.xml.security.stax.impl.transformer.canonicalizer.Canonicalizer20010315_ExclOmitCommentsTransformer;
import org.apache.xml.security.stax.impl.transformer.canonicalizer.Canonicalizer20010315_OmitCommentsTransformer;
import org.apache.xml.security.stax.impl.transformer.canonicalizer.CanonicalizerBase;
import org.w3c.dom.Document;

/**
 * The digest a whole-document enveloped reference ({@code URI=""}, enveloped-signature then C14N) has over an
 * unsigned document, computed in one StAX pass through Santuario's streaming canonicalizers: no DOM, so a
 * 20 MB manifest costs a few buffers instead of a ~10x DOM. Also reads what the signature needs from the root
 * element (its name, namespace declarations and attributes, which inclusive C14N of SignedInfo inherits) and the
 * document's encoding.
 */
final class StreamedDocumentDigest {

    /** The root element as the signature's canonical SignedInfo sees it. */
    record Root(String namespaceUri, String qualifiedName, List<String[]> namespaces, List<String[]> attributes) {
    }

    /** What one pass found. */
    @SuppressWarnings("ArrayRecordComponent") // the digest bytes, read once and never compared
    record Result(byte[] digest, Root root, Charset charset, boolean signed) {
    }

    private static final XMLInputFactory INPUTS = newInputFactory();

    private StreamedDocumentDigest() {
    }

    /**
     * Reads the document once. With {@code signed} set the digest is meaningless: the caller refuses a document
     * that already carries a ds:Signature, as the DOM path does.
     *
     * @throws IllegalArgumentException if it is not well-formed or has a DOCTYPE
     */
    static Result of(byte[] xml, String canonicalization, String digestUri, Document anyDocument) throws XMLSecurityException {
        CanonicalizerBase c14n = switch (canonicalization) {
            case SigningProfile.Uris.C14N_INCLUSIVE -> new Canonicalizer20010315_OmitCommentsTransformer();
            case SigningProfile.Uris.C14N_EXCLUSIVE -> new Canonicalizer20010315_ExclOmitCommentsTransformer();
            default -> throw new IllegalArgumentException("no streaming canonicalizer for " + canonicalization);
        };
        MessageDigestAlgorithm digest = MessageDigestAlgorithm.getInstance(anyDocument, digestUri);
        c14n.setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        });
        Root root = null;
        boolean signed = false;
        XMLStreamReader reader = null;
        try {
            reader = INPUTS.createXMLStreamReader(new ByteArrayInputStream(xml));
            XMLSecStartElement parent = null;
            while (true) {
                int type = reader.getEventType();
                if (type == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("cannot sign a document that is not well-formed XML without DOCTYPE: "
                            + "DOCTYPE is disallowed");
                }
                XMLSecEvent event = XMLSecEventFactory.allocate(reader, parent);
                if (type == XMLStreamConstants.START_ELEMENT) {
                    QName name = reader.getName();
                    if (root == null) {
                        root = root(reader);
                    }
                    if (XmlSigner.DS.equals(name.getNamespaceURI()) && "Signature".equals(name.getLocalPart())) {
                        signed = true;
                    }
                    parent = (XMLSecStartElement) event;
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    parent = parent.getParentXMLSecStartElement();
                }
                c14n.transform(event);
                if (!reader.hasNext()) {
                    break;
                }
                reader.next();
            }
            c14n.doFinal();
            return new Result(digest.digest(), root, charset(reader), signed);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("cannot sign a document that is not well-formed XML without DOCTYPE: "
                    + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open: the input is a byte array
                }
            }
        }
    }

    private static Root root(XMLStreamReader reader) {
        List<String[]> namespaces = new ArrayList<>();
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            namespaces.add(new String[] {reader.getNamespacePrefix(i) == null ? "" : reader.getNamespacePrefix(i),
                    reader.getNamespaceURI(i) == null ? "" : reader.getNamespaceURI(i)});
        }
        List<String[]> attributes = new ArrayList<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            QName a = reader.getAttributeName(i);
            String qualified = a.getPrefix() == null || a.getPrefix().isEmpty() ? a.getLocalPart() : a.getPrefix() + ":" + a.getLocalPart();
            attributes.add(new String[] {a.getNamespaceURI() == null || a.getNamespaceURI().isEmpty() ? null : a.getNamespaceURI(),
                    qualified, reader.getAttributeValue(i)});
        }
        QName name = reader.getName();
        String qualified = name.getPrefix() == null || name.getPrefix().isEmpty() ? name.getLocalPart() : name.getPrefix() + ":"
                + name.getLocalPart();
        return new Root(name.getNamespaceURI() == null || name.getNamespaceURI().isEmpty() ? null : name.getNamespaceURI(), qualified,
                namespaces, attributes);
    }

    /** The encoding the reader decoded (BOM or declaration), as the DOM path's Document.getInputEncoding. */
    private static Charset charset(XMLStreamReader reader) {
        for (String name : new String[] {reader.getEncoding(), reader.getCharacterEncodingScheme()}) {
            if (name != null) {
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    // try the next; an encoding Java cannot name again is written as UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The JDK's StAX parser, namespace-aware, with no DTD processing and no external entities. */
    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        return factory;
    }
}
