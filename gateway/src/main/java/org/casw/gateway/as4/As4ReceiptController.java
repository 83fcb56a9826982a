package org.casw.gateway.as4;

import org.casw.gateway.api.Problems;
import org.casw.routes.ledger.MessageLedger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The non-repudiation evidence of an AS4 delivery: the partner gateway's signed receipt exactly as it came
 * back, for the sender of the message; its signer and the receipt's message id are in the headers.
 */
@RestController
public class As4ReceiptController {

    private final MessageLedger messages;
    private final As4Ledger ledger;

    public As4ReceiptController(MessageLedger messages, As4Ledger ledger) {
        this.messages = messages;
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/messages/{trackingId}/as4-receipt")
    public ResponseEntity<?> receipt(@PathVariable String trackingId, Authentication party) {
        boolean visible = messages.find(trackingId).filter(m -> party.getName().equals(m.sender())).isPresent();
        return ledger.sentReceipt(trackingId).filter(r -> visible)
                .<ResponseEntity<?>>map(r -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/soap+xml"))
                        .header("X-SW-AS4-Message-Id", r.ebmsMessageId())
                        .header("X-SW-AS4-Receipt-Id", r.receiptMessageId())
                        .header("X-SW-AS4-Signer", r.signerSubject())
                        .body(r.receipt()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No AS4 receipt",
                                "You have no message " + trackingId + " delivered by AS4 with a receipt.")));
    }
}
