package org.casw.gateway.api;

import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.delivery.DeliveryRoutes;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.IntakeSteps;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What operators do to keep traffic flowing: see partners, suspend and resume them, retry failed deliveries. */
@RestController
public class OperatorController {

    /** A partner as operators see it. */
    record PartnerState(String partyId, String name, String role, String channel, boolean suspended) {
    }

    private final PartnerDirectory partners;
    private final PartnerSuspensions suspensions;
    private final CamelContext camel;
    private final MessageLedger ledger;
    private final ProducerTemplate producer;

    public OperatorController(PartnerDirectory partners, PartnerSuspensions suspensions, CamelContext camel, MessageLedger ledger,
            ProducerTemplate producer) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.camel = camel;
        this.ledger = ledger;
        this.producer = producer;
    }

    @GetMapping("/api/v1/partners")
    public List<PartnerState> partners() {
        Set<String> suspended = suspensions.suspended();
        return partners.all().stream().map(p -> state(p, suspended)).toList();
    }

    /** Pauses delivery to the partner: its documents wait in its durable queue, also across restarts. */
    @PostMapping("/api/v1/partners/{partyId}/suspend")
    public ResponseEntity<?> suspend(@PathVariable String partyId, Authentication operator) throws Exception {
        if (partners.find(partyId).isEmpty()) {
            return unknownPartner(partyId);
        }
        suspensions.suspend(partyId, operator.getName());
        camel.getRouteController().stopRoute(DeliveryRoutes.routeId(partyId));
        return ResponseEntity.ok(state(partners.find(partyId).get(), suspensions.suspended()));
    }

    @PostMapping("/api/v1/partners/{partyId}/resume")
    public ResponseEntity<?> resume(@PathVariable String partyId) throws Exception {
        if (partners.find(partyId).isEmpty()) {
            return unknownPartner(partyId);
        }
        suspensions.resume(partyId);
        camel.getRouteController().startRoute(DeliveryRoutes.routeId(partyId));
        return ResponseEntity.ok(state(partners.find(partyId).get(), suspensions.suspended()));
    }

    /** Puts a FAILED message back on its receiver's queue for a fresh round of delivery attempts. */
    @PostMapping("/api/v1/messages/{trackingId}/retry")
    public ResponseEntity<?> retry(@PathVariable String trackingId, Authentication operator) {
        MessageView message = ledger.find(trackingId).orElse(null);
        if (message == null) {
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such message", "There is no message with tracking id " + trackingId
                    + ".");
        }
        if (!ledger.retry(trackingId, "retried by " + operator.getName())) {
            return problem(HttpStatus.CONFLICT, "NOT_FAILED", "Only failed messages are retried",
                    "Message " + trackingId + " is " + message.status() + ", not FAILED.");
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
        return ResponseEntity.accepted().body(MessageJson.Message.of(ledger.find(trackingId).orElseThrow(), List.of()));
    }

    private static PartnerState state(PartnerProfile p, Set<String> suspended) {
        return new PartnerState(p.id(), p.name(), p.role().name(), p.channel().name(), p.suspended() || suspended.contains(p.id()));
    }

    private static ResponseEntity<?> unknownPartner(String partyId) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such partner", "No partner agreement names " + partyId + ".");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(status, code, title, detail));
    }
}
