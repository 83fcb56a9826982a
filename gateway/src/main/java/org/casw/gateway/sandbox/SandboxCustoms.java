package org.casw.gateway.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.declaration.TwoStepDeclarationRules;
import org.casw.schemas.declaration.DecMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sandbox China customs system on loopback, configured like any partner: it accepts declarations
 * the gateway delivers and, after a delay, answers through the gateway's API with an L (received)
 * receipt and then a P (released) one; a two-step summary declaration gets SpL (accepted) then SpK
 * (goods may be taken out). Integrators and new users watch a declaration go through.
 */
@RestController
@RequestMapping("/sandbox/customs")
@ConditionalOnProperty(prefix = "gateway.sandbox", name = "customs-enabled", havingValue = "true")
public class SandboxCustoms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxCustoms.class);
    private static final int RECEIPT_ATTEMPTS = 10;

    private final GatewayProperties.Sandbox settings;
    private final Environment environment;
    private final DocumentReader reader = new DocumentReader();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-customs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong entrySequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    public SandboxCustoms(GatewayProperties properties, Environment environment) {
        this.settings = properties.sandbox();
        this.environment = environment;
        if (settings.customsApiKey() == null || settings.customsApiKey().isBlank()) {
            throw new IllegalStateException("gateway.sandbox.customs-api-key is required when the sandbox customs partner is enabled");
        }
    }

    /** The customs inbox: each tracking id is processed once, however often it is delivered. */
    @PostMapping("/inbox")
    public ResponseEntity<String> receive(@RequestHeader(HttpChannel.TRACKING_HEADER) String trackingId,
            @RequestHeader(name = "X-SW-Document-Type", defaultValue = "") String documentType, @RequestBody byte[] payload) {
        int count = deliveries.computeIfAbsent(trackingId, id -> new AtomicInteger()).incrementAndGet();
        if (count > 1) {
            return ResponseEntity.ok("already received " + trackingId);
        }
        if (!DocumentType.DECLARATION.name().equals(documentType)) {
            return ResponseEntity.accepted().body("received " + trackingId + "; customs answers declarations only");
        }
        DecMessage declaration;
        try {
            declaration = (DecMessage) reader.read(DocumentType.DECLARATION, payload);
        } catch (RuntimeException e) {
            return ResponseEntity.unprocessableEntity().body("not a declaration: " + e.getMessage());
        }
        String entryId = declaration.getDecHead().getCustomMaster() + OffsetDateTime.now(ZoneOffset.UTC).getYear()
                + "1" + String.format("%09d", entrySequence.incrementAndGet() % 1_000_000_000L);
        long delay = settings.customsReceiptDelay().toMillis();
        boolean summary = TwoStepDeclarationRules.isSummary(declaration.getDecHead().getType());
        Answer first = summary ? new Answer("SpL", "Summary declaration accepted", new Answer("SpK", "Goods may be taken out", null))
                : new Answer("L", "Declaration received", new Answer("P", "Goods released", null));
        scheduler.schedule(() -> answer(trackingId, declaration, entryId, first, 1), delay, TimeUnit.MILLISECONDS);
        return ResponseEntity.accepted().body("received " + trackingId);
    }

    /** How often each tracking id was delivered here: lets integrators check nothing arrives twice. */
    @GetMapping("/inbox")
    public Map<String, Integer> inbox() {
        Map<String, Integer> view = new java.util.TreeMap<>();
        deliveries.forEach((id, n) -> view.put(id, n.get()));
        return view;
    }

    /** A receipt the sandbox will send, and the one that follows it once this one is accepted. */
    private record Answer(String code, String note, Answer next) {
    }

    private void answer(String trackingId, DecMessage declaration, String entryId, Answer answer, int attempt) {
        String code = answer.code();
        String note = answer.note();
        String receipt = """
                <?xml version="1.0" encoding="UTF-8"?>
                <DecReceipt xmlns="http://www.chinaport.gov.cn/dec">
                  <ReceiptId>SANDBOX-%s-%s</ReceiptId>
                  <SeqNo>%s</SeqNo>
                  <ClientSeqNo>%s</ClientSeqNo>
                  <EntryId>%s</EntryId>
                  <CustomMaster>%s</CustomMaster>
                  <Channel>%s</Channel>
                  <NoticeDate>%s</NoticeDate>
                  <Note>%s</Note>
                </DecReceipt>
                """.formatted(trackingId, code, trackingId, declaration.getDecSign().getClientSeqNo(), entryId,
                declaration.getDecHead().getCustomMaster(), code,
                OffsetDateTime.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), note);
        try {
            String url = "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + "/api/v1/messages";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/xml")
                    .header("Authorization", "Bearer " + settings.customsApiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(receipt, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                if (answer.next() != null) {
                    // the next status follows only once this one is accepted, so P never overtakes L
                    scheduler.schedule(() -> answer(trackingId, declaration, entryId, answer.next(), 1),
                            settings.customsReceiptDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            log.warn("Sandbox customs receipt {} for {} refused with HTTP {}: {}", code, trackingId, response.statusCode(), response.body());
            if (response.statusCode() / 100 == 4) {
                return; // a refused receipt will not become acceptable by resending it
            }
        } catch (Exception e) {
            log.warn("Sandbox customs could not send receipt {} for {} (attempt {}): {}", code, trackingId, attempt, e.toString());
        }
        if (attempt < RECEIPT_ATTEMPTS && !scheduler.isShutdown()) {
            scheduler.schedule(() -> answer(trackingId, declaration, entryId, answer, attempt + 1),
                    Math.min(30_000, 500L << attempt), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
