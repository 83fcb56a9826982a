package org.casw.routes.document;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.transform.sax.SAXSource;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import org.casw.routes.family.DocumentFamilies;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.declaration.DecImportResponse;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.DecModMessage;
import org.casw.schemas.declaration.DecModification;
import org.casw.schemas.declaration.DecReceipt;
import org.casw.schemas.decresult.DecData;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads a schema-valid document into its JAXB model and pulls out its business keys.
 * The JAXB context is built once: it is expensive and thread-safe.
 */
public class DocumentReader {

    private final JAXBContext models;

    public DocumentReader() {
        try {
            models = JAXBContext.newInstance(DecMessage.class, DecReceipt.class, DecImportResponse.class, DecData.class,
                    org.casw.schemas.decresult.ObjectFactory.class, DecModification.class, DecModMessage.class, Manifest.class,
                    ManifestReceipt.class, CertificateOfOrigin.class, CertificateUtilization.class, ContainerEvents.class,
                    AggregateDeclaration.class, AggregateReceipt.class, AeoStatusNotice.class,
                    org.casw.schemas.interchange.InterchangeReport.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The document models cannot be loaded", e);
        }
    }

    public Object read(DocumentType type, byte[] payload) {
        try (SecureXml.Lease lease = SecureXml.lease()) {
            EmptyElementsAsAbsent filter = new EmptyElementsAsAbsent();
            filter.setParent(lease.reader());
            Object result = models.createUnmarshaller().unmarshal(
                    new SAXSource(filter, new InputSource(new ByteArrayInputStream(payload))));
            return result instanceof JAXBElement<?> e ? e.getValue() : result;
        } catch (JAXBException e) {
            throw new IllegalArgumentException("A schema-valid " + type + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * A handler that builds the document from parse events, for a validating pass that reads as it goes
     * ({@link SchemaValidator#validate(DocumentType, byte[], org.xml.sax.ContentHandler)}). It never stops the
     * parse: the schema reports what is wrong, and a document with violations is not read. Empty elements reach
     * the schema as written and the model as absent.
     */
    public Reading handler() {
        try {
            Unmarshaller unmarshaller = models.createUnmarshaller();
            unmarshaller.setEventHandler(event -> true);
            return new Reading(unmarshaller.getUnmarshallerHandler());
        } catch (JAXBException e) {
            throw new IllegalStateException("The document models cannot be loaded", e);
        }
    }

    /** The parse events a document is built from, and (once parsed) the document. */
    public static final class Reading extends XMLFilterImpl {
        private final UnmarshallerHandler model;

        Reading(UnmarshallerHandler model) {
            this.model = model;
            EmptyElementsAsAbsent absent = new EmptyElementsAsAbsent();
            absent.setContentHandler(model);
            setContentHandler(absent);
        }
    }

    /** What a {@link #handler()} built from a schema-valid document. */
    public Object result(DocumentType type, Reading reading) {
        try {
            Object result = reading.model.getResult();
            return result instanceof JAXBElement<?> e ? e.getValue() : result;
        } catch (JAXBException | IllegalStateException e) {
            throw new IllegalArgumentException("A schema-valid " + type + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The document's business keys, as its family reads them. */
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return DocumentFamilies.of(type).keysOf(type, document);
    }

    /**
     * What a receipt says about the message it answers: which one (by tracking id, or else by the first of
     * {@code refersToKeys} the message was delivered with), the receiver's code, its meaning, whether it refuses the
     * message, and keys the message gains (e.g. the entry id customs gave it).
     */
    public record ReceiptFacts(String refersTo, String refersToPath, List<BusinessKeys.Key> refersToKeys, String code,
            String meaning, boolean refusal, String note, BusinessKeys extraKeys) {

        /** A receipt naming the tracking id of the message it answers. */
        public ReceiptFacts(String refersTo, String refersToPath, String code, String meaning, boolean refusal, String note,
                BusinessKeys extraKeys) {
            this(refersTo, refersToPath, List.of(), code, meaning, refusal, note, extraKeys);
        }
    }

    /** What a receipt says, as its family reads it. */
    public ReceiptFacts receiptFacts(DocumentType type, Object document) {
        return DocumentFamilies.of(type).receiptFacts(type, document);
    }
}
