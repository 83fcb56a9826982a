package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.dispatch.ReceiverVersions;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.Dispatch;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.ledger.ReceiverVersion;

/**
 * Readies one receiver's message (body: a {@link Dispatch}) for {@code direct:enqueue}. Straight from the intake it was
 * prepared and stored with its routing ({@link Accept}): only its delivery order is set here. A message read back from the
 * ledger (recovery, an operator's retry, an aggregate's consignments) is prepared now, only while VALIDATED, so a repeat
 * (resend, recovery) never signs twice.
 */
final class PrepareForReceiver implements Processor {

    private final MessageLedger ledger;
    private final ReceiverVersions versions;

    PrepareForReceiver(MessageLedger ledger, ReceiverVersions versions) {
        this.ledger = ledger;
        this.versions = versions;
    }

    @Override
    public void process(Exchange exchange) {
        Dispatch dispatch = exchange.getMessage().getBody(Dispatch.class);
        String retryDuplicateId = exchange.getProperty(IntakeSteps.DUPLICATE_ID, String.class); // an operator's retry brings its own
        IntakeSteps.requestEnqueue(exchange, dispatch.trackingId(), dispatch.receiver());
        if (retryDuplicateId != null) {
            exchange.setProperty(IntakeSteps.DUPLICATE_ID, retryDuplicateId);
        }
        Intake intake = Intake.of(exchange);
        if (dispatch.prepared() && intake != null && intake.keys != null) {
            // straight from the intake: its keys are in hand, reading them back would cost a query per receiver
            exchange.setProperty(IntakeSteps.GROUP_ID, IntakeSteps.consignment(intake.keys, dispatch.trackingId()));
            return;
        }
        MessageView message = ledger.find(dispatch.trackingId()).orElseThrow();
        exchange.setProperty(IntakeSteps.GROUP_ID, IntakeSteps.consignment(message.businessKeys(), dispatch.trackingId()));
        if (dispatch.prepared() || message.status() != MessageStatus.VALIDATED) {
            return;
        }
        byte[] document = ledger.nativePayload(dispatch.trackingId()).orElseThrow();
        ReceiverVersion version = versions.prepare(dispatch.receiver(), DocumentType.valueOf(message.documentType()), document,
                () -> ledger.inboundPayload(dispatch.trackingId()).orElse(null), dispatch.senderSigned());
        ledger.prepared(dispatch.trackingId(), version);
        if (version.failure() != null) {
            exchange.setProperty(IntakeSteps.NOT_QUEUED, true);
        }
    }
}
