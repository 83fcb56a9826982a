package org.casw.gateway.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.casw.gateway.api.MessageSearch;
import org.casw.routes.aggregate.AggregateLedger;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Finding messages and reading one: every party's for operators, a party's own for the party. */
@Controller
@ConsolePage
class MessagesPage {

    static final int PAGE_SIZE = 25;
    /** Versions up to this size have their signatures read for the page. */
    static final int SIGNATURES_READ_UP_TO = 1024 * 1024;

    private final MessageSearch search;
    private final MessageLedger ledger;
    private final MessageRecords records;
    private final AggregateLedger aggregates;
    private final PartnerDirectory partners;

    MessagesPage(MessageSearch search, MessageLedger ledger, MessageRecords records, AggregateLedger aggregates,
            PartnerDirectory partners) {
        this.search = search;
        this.ledger = ledger;
        this.records = records;
        this.aggregates = aggregates;
        this.partners = partners;
    }

    @GetMapping("/console/messages")
    String search(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
            @RequestParam(required = false) String party, @RequestParam(required = false) String key,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") int page, Authentication who, Model model) {
        Viewer viewer = Viewer.of(who);
        Instant since = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        model.addAttribute("results", search.search(new MessageSearch.Criteria(viewer.party(), type, status,
                viewer.operator() ? party : null, key == null ? null : key.trim(), since, until, Math.max(page, 0), PAGE_SIZE)));
        model.addAttribute("types", Arrays.stream(DocumentType.values()).map(Enum::name).toList());
        model.addAttribute("statuses", Arrays.stream(MessageStatus.values()).map(Enum::name).toList());
        model.addAttribute("parties", partners.all().stream().map(PartnerProfile::id).sorted().toList());
        model.addAttribute("query", new Query(type, status, party, key, from, to));
        return "console/messages";
    }

    /** The search as asked, to fill the form again and to build the links to other pages. */
    public record Query(String type, String status, String party, String key, LocalDate from, LocalDate to) {
    }

    @GetMapping("/console/messages/{trackingId}")
    String message(@PathVariable String trackingId, Authentication who, Model model) {
        Viewer viewer = Viewer.of(who);
        MessageView message = readable(trackingId, viewer);
        model.addAttribute("message", message);
        String original = message.copyOf() == null ? message.trackingId() : message.copyOf();
        model.addAttribute("deliveries", viewer.operator() || viewer.name().equals(message.sender())
                ? ledger.dispatches(original) : List.of());
        List<MessageRecords.PayloadVersion> versions = records.versions(trackingId).stream()
                .filter(v -> mayRead(v, message, viewer)).toList();
        model.addAttribute("versions", versions);
        // signatures are read from the stored versions; a large one (a 20 MB manifest) is left to its download
        model.addAttribute("signatures", versions.stream().filter(v -> v.size() <= SIGNATURES_READ_UP_TO)
                .map(v -> new VersionSignatures(v, SignatureDetails.of(records.payload(trackingId, v.version()).orElse(new byte[0]))))
                .filter(s -> !s.signatures().isEmpty()).toList());
        model.addAttribute("receipts", message.history().stream().filter(t -> t.status() == MessageStatus.ACKNOWLEDGED).toList());
        model.addAttribute("as4Receipts", records.as4Receipts(trackingId));
        model.addAttribute("as4Received", records.as4Received(trackingId));
        model.addAttribute("aggregate", aggregates.aggregateOf(trackingId).orElse(null));
        model.addAttribute("failed", message.status() == MessageStatus.FAILED);
        model.addAttribute("final", settled(message));
        return "console/message";
    }

    /**
     * Whether nothing more is expected, so the summary stops refreshing itself: refused, failed or split; released or
     * refused by customs (P, R); any other document once its receiver acknowledged it; or an hour after it arrived.
     */
    static boolean settled(MessageView message) {
        MessageStatus status = message.status();
        boolean declaration = message.documentType() != null && message.documentType().contains("DECLARATION");
        return status == MessageStatus.REJECTED || status == MessageStatus.FAILED || status == MessageStatus.SPLIT
                || "P".equals(message.destinationStatus()) || "R".equals(message.destinationStatus())
                || (status == MessageStatus.ACKNOWLEDGED && !declaration)
                || message.receivedAt().isBefore(Instant.now().minus(Duration.ofHours(1)));
    }

    /** The signatures one stored version carries. */
    public record VersionSignatures(MessageRecords.PayloadVersion version, List<SignatureDetails.Signature> signatures) {
    }

    /** One version of the payload: shown as text in the page, or downloaded with {@code download}. */
    @GetMapping("/console/messages/{trackingId}/payloads/{version}")
    ResponseEntity<byte[]> payload(@PathVariable String trackingId, @PathVariable int version,
            @RequestParam(defaultValue = "false") boolean download, Authentication who) {
        Viewer viewer = Viewer.of(who);
        MessageView message = readable(trackingId, viewer);
        MessageRecords.PayloadVersion stored = records.versions(trackingId).stream().filter(v -> v.version() == version)
                .filter(v -> mayRead(v, message, viewer)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] body = records.payload(trackingId, stored.version()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean xml = body.length > 0 && body[0] == '<';
        String file = trackingId + "-v" + version + (xml ? ".xml" : ".edi");
        // always as text (never rendered as HTML by the browser), inline or as a file
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(file).build().toString())
                .body(body);
    }

    private MessageView readable(String trackingId, Viewer viewer) {
        // someone else's message is as absent as one that does not exist
        return ledger.find(trackingId).filter(viewer::mayRead).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Its sender reads what it sent (and the gateway's reading of it), its receiver what was prepared for it. */
    private static boolean mayRead(MessageRecords.PayloadVersion v, MessageView message, Viewer viewer) {
        if (viewer.operator()) {
            return true;
        }
        if (viewer.name().equals(message.sender()) && !"OUTBOUND".equals(v.kind())) {
            return true;
        }
        return viewer.name().equals(message.receiver()) && "OUTBOUND".equals(v.kind())
                && (v.destination() == null || Objects.equals(v.destination(), viewer.name()));
    }
}
