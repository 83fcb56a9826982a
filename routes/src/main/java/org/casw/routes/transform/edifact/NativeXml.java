package org.casw.routes.transform.edifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.sax.SAXSource;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.routes.document.SecureXml;
import org.casw.schemas.declaration.DecReceipt;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;
import org.xml.sax.InputSource;

/** The native XML side of the EDIFACT translators: the JAXB models they build and read, context built once. */
final class NativeXml {

    private static final JAXBContext CONTEXT;
    /** One context per written root, so that the output declares only its own namespace. */
    private static final Map<Class<?>, JAXBContext> WRITERS = new ConcurrentHashMap<>();

    static {
        try {
            CONTEXT = JAXBContext.newInstance(Manifest.class, ManifestReceipt.class, ContainerEvents.class, DecReceipt.class,
                    org.casw.schemas.declaration.DecImportResponse.class, org.casw.schemas.decresult.DecData.class,
                    org.casw.schemas.decresult.ObjectFactory.class, org.casw.schemas.interchange.InterchangeReport.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeXml() {
    }

    static byte[] write(Object document) {
        try {
            JAXBContext context = WRITERS.computeIfAbsent(document.getClass(), type -> {
                try {
                    return JAXBContext.newInstance(type);
                } catch (JAXBException e) {
                    throw new IllegalStateException(e);
                }
            });
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            marshaller.marshal(document, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("The native document cannot be written", e);
        }
    }

    /** Reads a native document (DOCTYPEs refused, as everywhere in the gateway). */
    static Object read(byte[] xml) throws JAXBException {
        Object result = CONTEXT.createUnmarshaller().unmarshal(
                new SAXSource(SecureXml.newReader(), new InputSource(new ByteArrayInputStream(xml))));
        return result instanceof JAXBElement<?> e ? e.getValue() : result;
    }
}
