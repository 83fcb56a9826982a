package org.casw.gateway.api;

import org.apache.camel.ProducerTemplate;
import org.casw.gateway.cluster.ClusterEvents;
import org.casw.gateway.cluster.PartnerSuspensionSync;
import org.casw.gateway.observability.GatewayMetrics;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.IntakeSteps;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator does to keep traffic flowing, from the API or the console alike: retry a failed delivery,
 * suspend and resume a partner. Each is recorded under the operator's name; retries are also counted
 * ({@link GatewayMetrics#OPERATOR_RETRIES}).
 */
@Component
public class OperatorActions {

    /** What became of a retry. */
    public enum Retry { RETRIED, NOT_FOUND, NOT_FAILED }

    private final PartnerSuspensions suspensions;
    private final PartnerSuspensionSync sync;
    private final ClusterEvents events;
    private final MessageLedger ledger;
    private final ProducerTemplate producer;
    private final MeterRegistry meters;

    public OperatorActions(PartnerSuspensions suspensions, PartnerSuspensionSync sync, ClusterEvents events, MessageLedger ledger,
            ProducerTemplate producer, ObjectProvider<MeterRegistry> meters) {
        this.suspensions = suspensions;
        this.sync = sync;
        this.events = events;
        this.ledger = ledger;
        this.producer = producer;
        this.meters = meters.getIfAvailable();
    }

    /** Puts a FAILED message back on its receiver's queue for a fresh round of delivery attempts. */
    public Retry retry(String trackingId, String operator) {
        MessageView message = ledger.find(trackingId).orElse(null);
        if (message == null) {
            return Retry.NOT_FOUND;
        }
        if (!ledger.retry(trackingId, "retried by " + operator)) {
            return Retry.NOT_FAILED;
        }
        if (meters != null) {
            meters.counter(GatewayMetrics.OPERATOR_RETRIES, GatewayMetrics.PARTY, String.valueOf(message.receiver())).increment();
        }
        // a fresh duplicate id: the broker has seen the tracking id and would drop the retry
        String duplicateId = trackingId + ":retry:" + System.currentTimeMillis();
        MessageView retried = ledger.find(trackingId).orElseThrow();
        if (retried.status() == MessageStatus.VALIDATED) {
            // it never reached the queue (e.g. not translatable then): prepared again for its receiver first
            ledger.dispatches(retried.copyOf() == null ? trackingId : retried.copyOf()).stream()
                    .filter(d -> d.trackingId().equals(trackingId))
                    .forEach(d -> producer.send(IntakeRoute.DISPATCH, exchange -> {
                        exchange.getMessage().setBody(d);
                        exchange.setProperty(IntakeSteps.DUPLICATE_ID, duplicateId);
                    }));
        } else {
            producer.send(IntakeRoute.ENQUEUE, exchange -> {
                exchange.setProperty(IntakeSteps.TRACKING_ID, trackingId);
                exchange.setProperty(IntakeSteps.RECEIVER, message.receiver());
                exchange.setProperty(IntakeSteps.GROUP_ID, trackingId);
                exchange.setProperty(IntakeSteps.DUPLICATE_ID, duplicateId);
            });
        }
        return Retry.RETRIED;
    }

    /**
     * Pauses delivery to the partner: its documents wait in its durable queue, also across restarts, on every node
     * (this one at once, the others when told or at their next heartbeat).
     */
    public void suspend(String partyId, String operator) throws Exception {
        suspensions.suspend(partyId, operator);
        sync.reconcile();
        events.suspended(partyId);
    }

    public void resume(String partyId) throws Exception {
        suspensions.resume(partyId);
        sync.resumed(partyId);
        events.resumed(partyId);
    }
}
