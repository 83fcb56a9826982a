package org.casw.gateway.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.cluster.ClusterDuty;
import org.casw.gateway.cluster.ClusterNode;
import org.casw.gateway.config.GatewayProperties;
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
import org.springframework.stereotype.Component;

/**
 * Finishes what a stopped or killed gateway node left half-way: messages stored but not yet validated are run
 * through intake again, validated ones are prepared for their receiver and queued again. Re-queueing is safe: the broker drops a
 * copy whose duplicate id it has seen, and delivery skips what is already delivered. A split aggregate
 * declaration's parts are ordinary validated messages here; an aggregate whose latest customs receipts were
 * stored but not yet answered (the gateway stopped in between) gets its aggregate receipt.
 *
 * <p>It runs on the node leading the cluster, at once when that node starts leading and then every ten seconds. A
 * message counts as stranded when it was last touched before this node started and no other node is alive (a
 * restart: nothing can still be working on it), or, while other nodes are alive, when it was last touched longer ago
 * than {@code gateway.cluster.stranded-after}: an intake takes well under a second, so only a dead node's message
 * stays in flight that long.
 */
@Component
public class StrandedMessageRecovery implements ClusterDuty {

    private static final Logger log = LoggerFactory.getLogger(StrandedMessageRecovery.class);

    private final JdbcMessageLedger ledger;
    private final ProducerTemplate producer;
    private final AggregateLedger aggregateLedger;
    private final AggregateDeclarations aggregates;
    private final ClusterNode node;
    private final Duration strandedAfter;

    public StrandedMessageRecovery(JdbcMessageLedger ledger, ProducerTemplate producer, AggregateLedger aggregateLedger,
            AggregateDeclarations aggregates, ClusterNode node, GatewayProperties properties) {
        this.ledger = ledger;
        this.producer = producer;
        this.aggregateLedger = aggregateLedger;
        this.aggregates = aggregates;
        this.node = node;
        this.strandedAfter = properties.cluster().strandedAfter();
    }

    @Override
    public String name() {
        return "stranded-message-recovery";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void perform() {
        Instant cutoff = Instant.now().minus(strandedAfter);
        if (!node.othersAlive() && node.startedAt().isAfter(cutoff)) {
            cutoff = node.startedAt();
        }
        resumeTouchedBefore(cutoff);
    }

    /** Finishes every message in flight that was last touched before the instant. */
    public void resumeTouchedBefore(Instant cutoff) {
        List<String> received = ledger.stranded(MessageStatus.RECEIVED, cutoff);
        List<String> validated = new ArrayList<>(ledger.stranded(MessageStatus.VALIDATED, cutoff));
        validated.addAll(ledger.stranded(MessageStatus.SIGNED, cutoff));
        answerAggregates();
        if (received.isEmpty() && validated.isEmpty()) {
            return;
        }
        log.info("Resuming {} received and {} validated message(s) left in flight by a stopped node", received.size(), validated.size());
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
