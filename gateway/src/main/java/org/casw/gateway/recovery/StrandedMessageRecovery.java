package org.casw.gateway.recovery;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.aggregate.AggregateDeclarations;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finishes what a stopped gateway left half-way: messages stored but not yet validated are run
 * through intake again, validated ones are prepared for their receiver and queued again. Re-queueing is safe: the broker drops a
 * copy whose duplicate id it has seen, and delivery skips what is already delivered. A split aggregate
 * declaration's parts are ordinary validated messages here; an aggregate whose latest customs receipts were
 * stored but not yet answered (the gateway stopped in between) gets its aggregate receipt.
 */
@Component
public class StrandedMessageRecovery {

    private static final Logger log = LoggerFactory.getLogger(StrandedMessageRecovery.class);

    private final JdbcMessageLedger ledger;
    private final ProducerTemplate producer;
    private final AggregateLedger aggregateLedger;
    private final AggregateDeclarations aggregates;

    public StrandedMessageRecovery(JdbcMessageLedger ledger, ProducerTemplate producer, AggregateLedger aggregateLedger,
            AggregateDeclarations aggregates) {
        this.ledger = ledger;
        this.producer = producer;
        this.aggregateLedger = aggregateLedger;
        this.aggregates = aggregates;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void resume() {
        List<String> received = ledger.stranded(MessageStatus.RECEIVED);
        List<String> validated = new ArrayList<>(ledger.stranded(MessageStatus.VALIDATED));
        validated.addAll(ledger.stranded(MessageStatus.SIGNED));
        answerAggregates();
        if (received.isEmpty() && validated.isEmpty()) {
            return;
        }
        log.info("Resuming {} received and {} validated message(s) left by the previous run", received.size(), validated.size());
        for (String trackingId : received) {
            MessageView message = ledger.find(trackingId).orElseThrow();
            if (message.messageId() == null) {
                // without a message id it could not have been valid; its sender was never answered
                ledger.rejected(trackingId, List.of(Violation.of(ViolationCodes.XML_MALFORMED, null,
                        "The gateway stopped before this payload was inspected; it carried no message id.")),
                        "interrupted before inspection");
                continue;
            }
            byte[] payload = ledger.inboundPayload(trackingId).orElseThrow();
            producer.requestBody(IntakeRoute.RESUME, new Submission(message.sender(), message.channel(), payload, message.replyTo()));
        }
        for (String trackingId : validated) {
            // prepared (signed) where it stopped before that, then queued; copies for further receivers are among them
            ledger.dispatches(trackingId).stream().filter(d -> d.trackingId().equals(trackingId))
                    .forEach(dispatch -> producer.sendBody(IntakeRoute.DISPATCH, dispatch));
        }
    }

    /** Answering is idempotent per state, so asking for every split aggregate sends only what is missing. */
    private void answerAggregates() {
        for (String aggregate : aggregateLedger.unanswered()) {
            aggregates.answer(aggregate).ifPresent(receipt -> {
                log.info("Answering aggregate declaration {} left unanswered by the previous run", aggregate);
                producer.sendBody(IntakeRoute.DISPATCH, receipt);
            });
        }
    }
}
