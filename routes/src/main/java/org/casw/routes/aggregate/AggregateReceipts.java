package org.casw.routes.aggregate;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.routes.document.DeclarationStatus;
import org.casw.routes.ledger.MessageStatus;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.aggregate.ConsignmentLane;
import org.casw.schemas.aggregate.ConsignmentStatus;
import org.casw.schemas.aggregate.OverallStatus;

/**
 * Composes the aggregated answer to an aggregate declaration from its consignments' customs statuses:
 * RELEASED when every one is released (P, K, B, I, F, or closed R), REFUSED when every one is decided and at
 * least one was refused (E, Y, D, SpE), UNDELIVERED when one never reached customs (FAILED at the gateway),
 * PROCESSING otherwise.
 */
public class AggregateReceipts {

    static final String UNDELIVERED_MEANING = "not delivered to customs: the gateway gave up after the last retry;"
            + " an operator can retry it";

    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final JAXBContext receipts;
    private final DatatypeFactory datatypes;
    private final Clock clock;

    public AggregateReceipts(Clock clock) {
        this.clock = clock;
        try {
            receipts = JAXBContext.newInstance(AggregateReceipt.class);
            datatypes = DatatypeFactory.newInstance();
        } catch (JAXBException | DatatypeConfigurationException e) {
            throw new IllegalStateException("The aggregate receipt model cannot be loaded", e);
        }
    }

    /** The overall status of the parts, each of which has a customs status or was not delivered. */
    static OverallStatus overall(List<AggregateLedger.Part> parts) {
        if (parts.stream().anyMatch(AggregateReceipts::undelivered)) {
            // told at once, not final: an operator may retry the delivery, and a later receipt supersedes this one
            return OverallStatus.UNDELIVERED;
        }
        if (parts.stream().allMatch(p -> DeclarationStatus.isRelease(p.destinationStatus()))) {
            return OverallStatus.RELEASED;
        }
        boolean decided = parts.stream().allMatch(p -> DeclarationStatus.isRelease(p.destinationStatus())
                || DeclarationStatus.isRefusal(p.destinationStatus()));
        return decided ? OverallStatus.REFUSED : OverallStatus.PROCESSING;
    }

    /** A consignment's declaration the gateway gave up delivering, before customs said anything about it. */
    static boolean undelivered(AggregateLedger.Part part) {
        return part.destinationStatus() == null && part.status() == MessageStatus.FAILED;
    }

    public AggregateLedger.Answer compose(AggregateLedger.Progress progress) {
        OverallStatus overall = overall(progress.parts());
        AggregateReceipt receipt = new AggregateReceipt();
        receipt.setReceiptId(progress.trackingId() + "-R" + progress.sequence());
        receipt.setAggregateId(progress.aggregateId());
        receipt.setTrackingId(progress.trackingId());
        receipt.setSequence(BigInteger.valueOf(progress.sequence()));
        receipt.setStatus(overall);
        // seconds always written: OffsetDateTime.toString() drops ":00", which xsd:dateTime does not allow
        receipt.setIssuedAt(datatypes.newXMLGregorianCalendar(OffsetDateTime.now(clock.withZone(ZoneOffset.ofHours(8)))
                .format(ISSUED_AT)));
        for (AggregateLedger.Part part : progress.parts()) {
            ConsignmentStatus line = new ConsignmentStatus();
            line.setConsignmentNo(BigInteger.valueOf(part.number()));
            line.setBillNo(part.billNo());
            line.setTrackingId(part.trackingId());
            line.setEntryId(part.entryId());
            line.setCustomsStatus(part.destinationStatus());
            line.setMeaning(undelivered(part) ? UNDELIVERED_MEANING : DeclarationStatus.meaningOf(part.destinationStatus()));
            line.setLane(part.lane() == null ? null : ConsignmentLane.fromValue(part.lane()));
            receipt.getConsignment().add(line);
        }
        // what the receipt tells, without its time and number: the same state is never sent twice
        String state = overall.value() + " " + progress.parts().stream()
                .map(p -> p.number() + ":" + p.trackingId() + ":" + p.entryId() + ":" + (undelivered(p) ? "FAILED" : p.destinationStatus()))
                .collect(Collectors.joining(","));
        String finalCode = overall == OverallStatus.RELEASED ? DeclarationStatus.P.code()
                : overall == OverallStatus.REFUSED ? DeclarationStatus.E.code() : null;
        return new AggregateLedger.Answer(receipt.getReceiptId(), state, overall.value(), finalCode, marshal(receipt),
                AggregateKeys.keysOf(receipt));
    }

    private byte[] marshal(AggregateReceipt receipt) {
        try {
            Marshaller marshaller = receipts.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(receipt, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("An aggregate receipt could not be written: " + e.getMessage(), e);
        }
    }
}
