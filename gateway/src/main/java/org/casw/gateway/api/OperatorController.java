package org.casw.gateway.api;

import java.util.List;
import java.util.Set;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.ledger.MessageLedger;
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
    private final MessageLedger ledger;
    private final OperatorActions actions;

    public OperatorController(PartnerDirectory partners, PartnerSuspensions suspensions, MessageLedger ledger, OperatorActions actions) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.ledger = ledger;
        this.actions = actions;
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
        actions.suspend(partyId, operator.getName());
        return ResponseEntity.ok(state(partners.find(partyId).get(), suspensions.suspended()));
    }

    @PostMapping("/api/v1/partners/{partyId}/resume")
    public ResponseEntity<?> resume(@PathVariable String partyId) throws Exception {
        if (partners.find(partyId).isEmpty()) {
            return unknownPartner(partyId);
        }
        actions.resume(partyId);
        return ResponseEntity.ok(state(partners.find(partyId).get(), suspensions.suspended()));
    }

    /** Puts a FAILED message back on its receiver's queue for a fresh round of delivery attempts. */
    @PostMapping("/api/v1/messages/{trackingId}/retry")
    public ResponseEntity<?> retry(@PathVariable String trackingId, Authentication operator) {
        return switch (actions.retry(trackingId, operator.getName())) {
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such message", "There is no message with tracking id "
                    + trackingId + ".");
            case NOT_FAILED -> problem(HttpStatus.CONFLICT, "NOT_FAILED", "Only failed messages are retried",
                    "Message " + trackingId + " is " + ledger.find(trackingId).orElseThrow().status() + ", not FAILED.");
            case RETRIED -> ResponseEntity.accepted().body(MessageJson.Message.of(ledger.find(trackingId).orElseThrow(), List.of()));
        };
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
