package org.casw.routes.intake;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.routes.validation.Violation;
import org.casw.schemas.receipt.GatewayReceipt;
import org.casw.schemas.receipt.Lane;
import org.casw.schemas.receipt.MessageAnswer;
import org.casw.schemas.receipt.Violations;

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
        receipt.setStatus(status(result));
        if (result.lane() != null) {
            receipt.setLane(Lane.valueOf(result.lane()));
        }
        receipt.setIssuedAt(datatypes.newXMLGregorianCalendar(OffsetDateTime.now(ZoneOffset.UTC).toString()));
        receipt.setViolations(violations(result.violations()));
        if (!result.messages().isEmpty()) {
            GatewayReceipt.Messages messages = new GatewayReceipt.Messages();
            for (IntakeResult.Message m : result.messages()) {
                IntakeResult r = m.result();
                MessageAnswer answer = new MessageAnswer();
                answer.setReference(m.reference());
                answer.setTrackingId(r.trackingId());
                answer.setMessageId(r.messageId());
                answer.setDocumentType(r.documentType());
                answer.setStatus(status(r));
                answer.setLane(r.lane() == null ? null : Lane.valueOf(r.lane()));
                answer.setViolations(violations(r.violations()));
                messages.getMessage().add(answer);
            }
            receipt.setMessages(messages);
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

    /** The ledger status, or the outcome when nothing was stored (over the party's limits). */
    private static String status(IntakeResult result) {
        return result.status() == null ? result.outcome().name() : result.status().name();
    }

    private static Violations violations(List<Violation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        Violations list = new Violations();
        for (Violation v : violations) {
            org.casw.schemas.receipt.Violation x = new org.casw.schemas.receipt.Violation();
            x.setCode(v.code());
            x.setPath(v.path());
            x.setMessage(v.message());
            x.setLine(v.line());
            x.setColumn(v.column());
            list.getViolation().add(x);
        }
        return list;
    }
}
