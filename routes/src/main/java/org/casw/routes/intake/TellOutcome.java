package org.casw.routes.intake;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.ledger.MessageEvents;
import org.casw.routes.ledger.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the gateway's observers (its metrics) how a document's intake ended, once its answer is settled: accepted, or
 * refused with the code its answer leads with. Answers given before the document was taken in (over the limits, a resend,
 * a reused message id) are not arrivals and are not told.
 */
final class TellOutcome implements Processor {

    private static final Logger log = LoggerFactory.getLogger(TellOutcome.class);

    private final MessageEvents events;

    TellOutcome(MessageEvents events) {
        this.events = events;
    }

    @Override
    public void process(Exchange exchange) {
        Intake intake = Intake.of(exchange);
        IntakeResult result = intake.result;
        if (result == null) {
            return;
        }
        Submission submission = intake.submission;
        String type = intake.type == null ? null : intake.type.name();
        log.debug("Answered {} from {} over {}: {} ({})", result.trackingId(), submission.sender(), submission.channel(),
                result.outcome(), result.status());
        if (result.outcome() == IntakeResult.Outcome.ACCEPTED) {
            events.accepted(submission.sender(), submission.channel(), type, result.status(),
                    Duration.ofMillis(exchange.getClock().elapsed()));
        } else if (result.status() == MessageStatus.REJECTED) {
            events.refused(submission.sender(), submission.channel(), type,
                    result.violations().isEmpty() ? null : result.violations().get(0).code());
        }
    }
}
