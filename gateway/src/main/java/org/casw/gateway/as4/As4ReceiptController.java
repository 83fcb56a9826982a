package org.casw.gateway.as4;

import java.util.List;
import java.util.Optional;
import org.casw.gateway.api.Problems;
import org.casw.routes.delivery.Outbound;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The non-repudiation evidence of AS4 exchanges. For a delivery: the partner gateway's signed receipt exactly as it came
 * back, for the sender of the message and operators. For a message received by AS4: the receipt the gateway issued (the
 * latest, or one by its id: a resend gets a receipt of its own), for the party it was for, its sender and operators. An
 * operator can ask a partner for the receipt of a delivery it acknowledged only as a duplicate.
 */
@RestController
public class As4ReceiptController {

    private static final Logger log = LoggerFactory.getLogger(As4ReceiptController.class);

    private final MessageLedger messages;
    private final As4Ledger ledger;
    private final As4Evidence evidence;
    private final PartnerDirectory partners;
    private final As4Channel channel;

    public As4ReceiptController(MessageLedger messages, As4Ledger ledger, As4Evidence evidence, PartnerDirectory partners,
            As4Channel channel) {
        this.messages = messages;
        this.ledger = ledger;
        this.evidence = evidence;
        this.partners = partners;
        this.channel = channel;
    }

    @GetMapping("/api/v1/messages/{trackingId}/as4-receipt")
    public ResponseEntity<?> receipt(@PathVariable String trackingId, @RequestParam(required = false) String receiptId,
            Authentication party) {
        Optional<MessageView> message = messages.find(trackingId);
        boolean operator = isOperator(party);
        boolean sender = message.filter(m -> party.getName().equals(m.sender())).isPresent();
        boolean receiver = message.filter(m -> party.getName().equals(m.receiver())).isPresent();
        if (receiptId == null && (operator || sender)) {
            Optional<As4Ledger.SentReceipt> sent = ledger.sentReceipt(trackingId).filter(r -> message.isPresent());
            if (sent.isPresent()) {
                As4Ledger.SentReceipt r = sent.get();
                return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/soap+xml"))
                        .header("X-SW-AS4-Message-Id", r.ebmsMessageId())
                        .header("X-SW-AS4-Receipt-Id", r.receiptMessageId())
                        .header("X-SW-AS4-Signer", r.signerSubject())
                        .body(r.receipt());
            }
        }
        if (message.isPresent() && (operator || sender || receiver)) {
            List<As4Ledger.IssuedReceipt> issued = ledger.issuedReceipts(trackingId);
            Optional<As4Ledger.IssuedReceipt> chosen = receiptId == null ? issued.stream().reduce((first, second) -> second)
                    : issued.stream().filter(r -> r.receiptMessageId().equals(receiptId)).findFirst();
            Optional<byte[]> bytes = chosen.flatMap(r -> ledger.issuedReceipt(trackingId, r.receiptMessageId()));
            if (bytes.isPresent()) {
                As4Ledger.IssuedReceipt r = chosen.get();
                ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.parseMediaType(r.receiptMedia()))
                        .header("X-SW-AS4-Message-Id", r.ebmsMessageId())
                        .header("X-SW-AS4-Receipt-Id", r.receiptMessageId())
                        .header("X-SW-AS4-Receipts-Issued", String.valueOf(issued.size()))
                        .header("X-SW-AS4-Resend", String.valueOf(r.resend()));
                if (r.conversationId() != null) {
                    answer.header("X-SW-AS4-Conversation-Id", r.conversationId());
                }
                return answer.body(bytes.get());
            }
        }
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No AS4 receipt", "You have no message " + trackingId
                + (receiptId == null ? "" : " with an AS4 receipt " + receiptId) + " exchanged by AS4 with a receipt.");
    }

    /**
     * Sends a delivered message to its AS4 partner again, with the same ebMS message id, to obtain the receipt the partner
     * did not give (it answered a resend as a duplicate). A partner that answers as a duplicate again leaves it not obtained.
     */
    @PostMapping("/api/v1/messages/{trackingId}/as4-receipt/request")
    public ResponseEntity<?> request(@PathVariable String trackingId, Authentication operator) {
        MessageView message = messages.find(trackingId).orElse(null);
        if (message == null) {
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such message",
                    "There is no message with tracking id " + trackingId + ".");
        }
        PartnerProfile partner = partners.find(message.receiver()).filter(p -> p.channel() == DeliveryChannel.AS4).orElse(null);
        if (partner == null) {
            return problem(HttpStatus.CONFLICT, "NOT_AS4", "Not delivered by AS4",
                    "Message " + trackingId + " goes to " + message.receiver() + ", whose agreement does not deliver by AS4.");
        }
        if (!message.status().isDeliveredOrBeyond()) {
            return problem(HttpStatus.CONFLICT, "NOT_DELIVERED", "Not delivered yet",
                    "Message " + trackingId + " is " + message.status() + "; its delivery attempts obtain the receipt.");
        }
        String outcome = "obtained before";
        if (ledger.sentReceipt(trackingId).isEmpty()) {
            MessageLedger.Deliverable deliverable = messages.deliverable(trackingId).orElseThrow();
            try {
                outcome = channel.deliver(partner, new Outbound(trackingId, message.messageId(), message.documentType(), message.sender(),
                        partner.id(), deliverable.payload()));
            } catch (Exception e) {
                log.warn("AS4 receipt for {} requested from {}: {}", trackingId, partner.id(), e.getMessage());
                outcome = "no receipt: " + e.getMessage();
            }
            boolean obtained = ledger.sentReceipt(trackingId).isPresent();
            if (obtained) {
                ledger.receiptObtained(trackingId);
            }
            messages.note(trackingId, "AS4 receipt requested by " + operator.getName() + ": " + (obtained ? "obtained, " : "") + outcome);
        }
        String answer = outcome;
        return evidence.of(trackingId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> problem(HttpStatus.BAD_GATEWAY,
                "NO_AS4_RECEIPT", "No AS4 receipt obtained", "Message " + trackingId + ": " + answer));
    }

    private static boolean isOperator(Authentication party) {
        return party.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(status, code, title, detail));
    }
}
