package org.casw.routes.intake;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.routes.validation.Violation;
import org.casw.schemas.receipt.GatewayReceipt;
import org.casw.schemas.receipt.Lane;

/** Writes the unified gateway receipt that answers every submission, whatever the document. */
public class GatewayReceipts {

    private final JAXBContext context;
    private final DatatypeFactory datatypes;

    public GatewayReceipts() {
        try {
            context = JAXBContext.newInstance(GatewayReceipt.class);
            datatypes = DatatypeFactory.newInstance();
        } catch (JAXBException | DatatypeConfigurationException e) {
            throw new IllegalStateException("The gateway receipt model cannot be loaded", e);
        }
    }

    public byte[] write(IntakeResult result) {
        GatewayReceipt receipt = new GatewayReceipt();
        receipt.setTrackingId(result.trackingId());
        receipt.setMessageId(result.messageId());
        receipt.setDocumentType(result.documentType());
        receipt.setStatus(result.status() == null ? result.outcome().name() : result.status().name());
        if (result.lane() != null) {
            receipt.setLane(Lane.valueOf(result.lane()));
        }
        receipt.setIssuedAt(datatypes.newXMLGregorianCalendar(OffsetDateTime.now(ZoneOffset.UTC).toString()));
        if (!result.violations().isEmpty()) {
            GatewayReceipt.Violations list = new GatewayReceipt.Violations();
            for (Violation v : result.violations()) {
                org.casw.schemas.receipt.Violation x = new org.casw.schemas.receipt.Violation();
                x.setCode(v.code());
                x.setPath(v.path());
                x.setMessage(v.message());
                x.setLine(v.line());
                x.setColumn(v.column());
                list.getViolation().add(x);
            }
            receipt.setViolations(list);
        }
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(receipt, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("A gateway receipt could not be written", e);
        }
    }
}
