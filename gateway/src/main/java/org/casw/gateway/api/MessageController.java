package org.casw.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.as4.As4Evidence;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submit a document, follow it, find it: the HTTP API v1 for parties. */
@RestController
@RequestMapping("/api/v1/messages")
public class MessageController {

    private static final Logger log = LoggerFactory.getLogger(MessageController.class);

    private final ProducerTemplate intake;
    private final MessageLedger ledger;
    private final MessageSearch search;
    private final long maxPayloadBytes;
    private final AggregateLedger aggregates;
    private final As4Evidence as4;

    public MessageController(ProducerTemplate intake, MessageLedger ledger, MessageSearch search, GatewayProperties properties,
            AggregateLedger aggregates, As4Evidence as4) {
        this.aggregates = aggregates;
        this.as4 = as4;
        this.intake = intake;
        this.ledger = ledger;
        this.search = search;
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
    }

    /** Stores the document durably, then answers 202 (new), 200 (resend) or a problem listing every violation. */
    @PostMapping
    public ResponseEntity<?> submit(HttpServletRequest request, Authentication party) throws IOException {
        if (party.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()))) {
            // operators act on the gateway, never as a trade party: nothing they could send would be theirs to send
            return problem(Problems.of(HttpStatus.FORBIDDEN, ViolationCodes.UNKNOWN_SENDER, "Operators do not submit documents",
                    "Operators manage the gateway; documents are submitted by trade parties with their own API keys."));
        }
        if (!isAccepted(request.getContentType())) {
            return problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "Send documents as application/xml, or as application/EDIFACT where your agreement says so (got "
                            + request.getContentType() + ")."));
        }
        byte[] payload = readBounded(request);
        if (payload == null) {
            return problem(Problems.document(HttpStatus.PAYLOAD_TOO_LARGE, ViolationCodes.PAYLOAD_TOO_LARGE, "Payload too large", null,
                    List.of(Violation.of(ViolationCodes.PAYLOAD_TOO_LARGE, null,
                            "The body is larger than the limit of " + maxPayloadBytes + " bytes."))));
        }
        IntakeResult result;
        try {
            result = intake.requestBody(IntakeRoute.INTAKE, new Submission(party.getName(), "HTTP", payload, null), IntakeResult.class);
        } catch (CamelExecutionException | RejectedExecutionException e) {
            // e.g. the broker is down or the gateway is still starting: say so, so that the party resends (the same
            // message id finishes what was stored); left to the servlet container the error page came back as 200
            log.warn("Submission from {} not accepted: {}", party.getName(), e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Not accepted, send it again",
                            "The gateway could not store and queue the document just now; resend it with the same message id."));
        }
        return switch (result.outcome()) {
            case ACCEPTED -> ResponseEntity.accepted().location(location(result.trackingId())).body(accepted(result));
            case DUPLICATE -> ResponseEntity.ok().location(location(result.trackingId())).body(accepted(result));
            case CONFLICT -> problem(withMessages(Problems.document(HttpStatus.CONFLICT, ViolationCodes.MESSAGE_ID_CONFLICT,
                    "Message id already used", result.trackingId(), result.violations()), result));
            case MALFORMED -> problem(withMessages(Problems.document(HttpStatus.BAD_REQUEST, result.violations().get(0).code(),
                    "Payload is not acceptable XML", result.trackingId(), result.violations()), result));
            case INVALID -> problem(withMessages(Problems.document(HttpStatus.UNPROCESSABLE_ENTITY, result.violations().get(0).code(),
                    "Document failed validation", result.trackingId(), result.violations()), result));
            case FORBIDDEN -> problem(withMessages(Problems.document(HttpStatus.FORBIDDEN, result.violations().get(0).code(),
                    "Not allowed to submit this document", result.trackingId(), result.violations()), result));
            // not stored: the code says which limit (RATE_LIMITED, IN_FLIGHT_LIMIT), Retry-After when to send it again
            case RATE_LIMITED -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(result.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.document(HttpStatus.TOO_MANY_REQUESTS, result.violations().get(0).code(), "Over your submission limits",
                            null, result.violations()));
        };
    }

    /** One of the caller's messages (sent or received) with its history; 404 for anyone else's. */
    @GetMapping("/{trackingId}")
    public ResponseEntity<?> find(@PathVariable String trackingId, Authentication party) {
        return ledger.find(trackingId)
                .filter(m -> party.getName().equals(m.sender()) || party.getName().equals(m.receiver()))
                // the sender sees where every receiver's copy stands; a receiver sees only its own
                .<ResponseEntity<?>>map(m -> ResponseEntity.ok((party.getName().equals(m.sender())
                        ? MessageJson.Message.of(m, ledger.dispatches(m.copyOf() == null ? m.trackingId() : m.copyOf()),
                                aggregates.aggregateOf(m.trackingId()).orElse(null), aggregates.parts(m.trackingId()))
                        : MessageJson.Message.of(m, List.of())).with(as4.of(m.trackingId()).orElse(null))))
                .orElseGet(() -> problem(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such message",
                        "You have no message with tracking id " + trackingId + ".")));
    }

    /**
     * The document itself: for its receiver (the mailbox) the version prepared for it, translated and
     * signed as its agreement says; for its sender what it submitted. 404 for anyone else.
     */
    @GetMapping("/{trackingId}/payload")
    public ResponseEntity<?> payload(@PathVariable String trackingId, Authentication party) {
        return ledger.find(trackingId)
                .filter(m -> party.getName().equals(m.sender()) || party.getName().equals(m.receiver()))
                .flatMap(m -> party.getName().equals(m.receiver()) ? ledger.outboundPayload(trackingId) : ledger.inboundPayload(trackingId))
                .<ResponseEntity<?>>map(body -> ResponseEntity.ok().contentType(MediaType.parseMediaType(HttpChannel.contentType(body)))
                        .body(body))
                .orElseGet(() -> problem(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such message",
                        "You have no message with tracking id " + trackingId + ".")));
    }

    /** Searches the caller's messages, newest first. */
    @GetMapping
    public ResponseEntity<?> search(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
            @RequestParam(required = false) String businessKey, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, Authentication party) {
        if (status != null && !status.isBlank() && Arrays.stream(MessageStatus.values()).noneMatch(s -> s.name().equals(status))) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                    "status must be one of " + Arrays.toString(MessageStatus.values()) + "."));
        }
        if (page < 0 || size < 1 || size > 200) {
            return problem(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                    "page must be >= 0 and size between 1 and 200."));
        }
        return ResponseEntity.ok(search.search(party.getName(), type, status, businessKey, page, size));
    }

    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxPayloadBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPayloadBytes + 1));
            return body.length > maxPayloadBytes ? null : body;
        }
    }

    /** XML, or UN/EDIFACT (RFC 1767), which only parties whose agreement sends EDIFACT get translated. */
    private static boolean isAccepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml") || type.getSubtype().equalsIgnoreCase("edifact");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static MessageJson.Accepted accepted(IntakeResult r) {
        return new MessageJson.Accepted(r.trackingId(), r.status().name(), r.documentType(), r.messageId(), r.lane(),
                MessageJson.Answer.of(r));
    }

    /** For an interchange of several messages, each message's own answer beside the violations of all. */
    private static ProblemDetail withMessages(ProblemDetail problem, IntakeResult result) {
        List<MessageJson.Answer> messages = MessageJson.Answer.of(result);
        if (messages != null) {
            problem.setProperty("messages", messages);
        }
        return problem;
    }

    private static URI location(String trackingId) {
        return URI.create("/api/v1/messages/" + trackingId);
    }

    private static ResponseEntity<?> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
