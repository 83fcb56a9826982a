package org.casw.routes.transform.multimodal;

import java.io.ByteArrayOutputStream;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.schemas.through.ThroughDocument;

/** Writes a through document as UTF-8 XML. Built once: the JAXB context is expensive and thread-safe. */
public class ThroughDocumentWriter {

    private final JAXBContext context;

    public ThroughDocumentWriter() {
        try {
            context = JAXBContext.newInstance(ThroughDocument.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The through-document model cannot be loaded", e);
        }
    }

    public byte[] write(ThroughDocument document) {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(document, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("A through document could not be written: " + e.getMessage(), e);
        }
    }
}
