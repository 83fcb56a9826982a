package org.casw.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.document.ChinaReceiptTimes;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.declaration.TwoStepDeclarationRules;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.EcoRelation;
import org.casw.schemas.manifest.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A sandbox China customs system on loopback, configured like any partner (sandbox.customs). It
 * accepts what the gateway delivers and, after its delay, answers through the gateway's API as CN-CUSTOMS, in the
 * single window's own receipts: a declaration with its import response (the unified number), then DEC_RESULT L
 * (entered) and P (released), a two-step summary with SpL then SpK; a manifest (taken as China's own manifest
 * message) with customs' response, bill accepted (01); and once a declaration claiming certificates of origin is released, a
 * certificate utilization notice per certificate, which the gateway routes to the issuing country's window.
 */
@RestController
@RequestMapping("/sandbox/customs")
@ConditionalOnProperty(prefix = "sandbox.customs", name = "enabled", havingValue = "true")
public class SandboxCustoms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxCustoms.class);
    private static final int SEND_ATTEMPTS = 10;
    private static final DateTimeFormatter DATE_TIME_17 = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final SandboxParty party;
    private final long lateMillis;
    private final LoopbackGateway gateway;
    private final DocumentReader reader = new DocumentReader();
    private final CnManifestReader manifests = new CnManifestReader();
    private final SandboxScheduler scheduler = new SandboxScheduler("customs");
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger injectedFaults = new AtomicInteger();
    private final AtomicLong entrySequence = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    public SandboxCustoms(GatewayProperties properties, SandboxProperties sandbox, ConfiguredPartners partners, Environment environment) {
        this.party = SandboxParty.of("customs", sandbox.customs(), partners, false);
        this.lateMillis = properties.deliveryTimeout().toMillis() + 1_000L;
        this.gateway = new LoopbackGateway(environment);
    }

    /** The customs inbox: each tracking id is processed once, however often it is delivered. */
    /** Who it acts as and its injected faults, for the console's sandbox page. */
    SandboxParty party() {
        return party;
    }

    @PostMapping("/inbox")
    public DeferredResult<ResponseEntity<String>> receive(@RequestHeader(HttpChannel.TRACKING_HEADER) String trackingId,
            @RequestHeader(name = "X-SW-Document-Type", defaultValue = "") String documentType, @RequestBody byte[] payload) {
        FaultInjection.Fault fault = party.faults().next();
        if (fault == FaultInjection.Fault.ERROR) {
            injectedFaults.incrementAndGet();
            return scheduler.answer(() -> ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body("sandbox customs: injected error (sandbox.customs.error-rate)"), 0);
        }
        long late = fault == FaultInjection.Fault.TIMEOUT ? lateMillis : 0;
        if (late > 0) {
            injectedFaults.incrementAndGet();
        }
        return scheduler.answer(() -> process(trackingId, documentType, payload), late);
    }

    private ResponseEntity<String> process(String trackingId, String documentType, byte[] payload) {
        int count = deliveries.computeIfAbsent(trackingId, id -> new AtomicInteger()).incrementAndGet();
        if (count > 1) {
            return ResponseEntity.ok("already received " + trackingId);
        }
        try {
            if (DocumentType.DECLARATION.name().equals(documentType)) {
                declaration(trackingId, (DecMessage) reader.read(DocumentType.DECLARATION, payload));
            } else if (DocumentType.MANIFEST.name().equals(documentType)) {
                manifest(trackingId, (Manifest) reader.read(DocumentType.MANIFEST, nativeManifest(payload)));
            }
        } catch (RuntimeException e) {
            deliveries.remove(trackingId);
            return ResponseEntity.unprocessableEntity().body("not a readable " + documentType + ": " + e.getMessage());
        }
        return ResponseEntity.accepted().body("received " + trackingId);
    }

    /** How often each tracking id was delivered here: lets integrators check nothing arrives twice. */
    @GetMapping("/inbox")
    public Map<String, Integer> inbox() {
        Map<String, Integer> view = new TreeMap<>();
        deliveries.forEach((id, n) -> view.put(id, n.get()));
        return view;
    }

    /** The sandbox's settings and how many faults it injected. */
    @GetMapping
    public Map<String, Object> status() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("party", party.partyId());
        view.put("delay", party.settings().delay().toString());
        view.put("faults", party.faults().describe());
        view.put("injectedFaults", injectedFaults.get());
        return view;
    }

    /**
     * Answers as China's single window does: the import response with the unified number, then a DEC_RESULT per
     * step (L then P; SpL then SpK for a summary declaration), each only once the one before was accepted.
     */
    private void declaration(String trackingId, DecMessage declaration) {
        String office = declaration.getDecHead().getCustomMaster();
        int year = OffsetDateTime.now(ZoneOffset.UTC).getYear();
        long n = entrySequence.incrementAndGet() % 1_000_000_000L;
        String entryId = office + year + "1" + String.format("%09d", n);
        String unified = declaration.getDecHead().getIEFlag().value() + year + String.format("%013d", n);
        boolean summary = TwoStepDeclarationRules.isSummary(declaration.getDecHead().getType());
        String first = summary ? "SpL" : "L";
        String second = summary ? "SpK" : "P";
        String clientSeqNo = DecMessages.sign(declaration).getClientSeqNo();
        String ieDate = declaration.getDecHead().getIEDate();
        Runnable afterRelease = summary ? () -> { } : () -> utilization(declaration, entryId);
        scheduler.after(party.delayMillis(), () -> send("import response for " + trackingId, importResponse(clientSeqNo, unified),
                () -> scheduler.after(party.delayMillis(), () -> send(first + " for " + trackingId,
                        decResult(unified, entryId, office, ieDate, first, summary ? "Summary declaration accepted" : "Entered"),
                        // the next status follows only once this one is accepted, so P never overtakes L
                        () -> scheduler.after(party.delayMillis(), () -> send(second + " for " + trackingId,
                                decResult(unified, entryId, office, ieDate, second, summary ? "Goods may be taken out"
                                        : "Goods released"), afterRelease, 1)), 1)), 1));
    }

    /** Customs takes manifests as China's own messages (CN-MANIFEST); a native one is read as it is. */
    private byte[] nativeManifest(byte[] payload) {
        if (!manifests.recognises(payload)) {
            return payload;
        }
        Translation translation = manifests.toNative(payload);
        if (!translation.ok()) {
            throw new IllegalArgumentException(translation.violations().toString());
        }
        return translation.payload();
    }

    private void manifest(String trackingId, Manifest manifest) {
        String bill = manifest.getDeclaration().getConsignment().isEmpty() ? null
                : manifest.getDeclaration().getConsignment().get(0).getTransportContractDocument().getID();
        if (bill == null) {
            return; // containers reported without a bill: nothing to accept bill by bill
        }
        var means = manifest.getDeclaration().getBorderTransportMeans();
        String receipt = manifestResponse(manifest.getHead().getMessageType().value(), trackingId, means.getJourneyID(),
                means.getID(), bill);
        scheduler.after(party.delayMillis(), () -> send("manifest response 01 for " + trackingId, receipt, () -> { }, 1));
    }

    /** China customs' response to a manifest: bill accepted (01), every value escaped. */
    static String manifestResponse(String messageType, String trackingId, String journey, String means, String bill) {
        String now = OffsetDateTime.now(ChinaReceiptTimes.CHINA).format(DATE_TIME_17);
        String vessel = means != null && means.matches("IMO[0-9]{7}") ? "UN" + means.substring(3) : means;
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Manifest xmlns="urn:Declaration:datamodel:standard:CN:MT9999:1">
                  <Head>
                    <MessageID>CUS-RSP-%s</MessageID>
                    <FunctionCode>11</FunctionCode>
                    <MessageType>%s</MessageType>
                    <SenderID>EPORT</SenderID>
                    <ReceiverID>CASW-GATEWAY</ReceiverID>
                    <SendTime>%s</SendTime>
                    <Version>1.0</Version>
                  </Head>
                  <Response>
                    <BorderTransportMeans>
                      <JourneyID>%s</JourneyID>
                      <ID>%s</ID>
                    </BorderTransportMeans>
                    <Consignment>
                      <TransportContractDocument>
                        <ID>%s</ID>
                      </TransportContractDocument>
                      <ResponseType>
                        <Code>01</Code>
                        <Text>Manifest accepted</Text>
                      </ResponseType>
                    </Consignment>
                  </Response>
                </Manifest>
                """.formatted(xml(trackingId), xml(messageType), now, xml(journey), xml(vessel), xml(bill));
    }

    /** One utilization notice per certificate the released declaration claimed, with the quantities it used. */
    private void utilization(DecMessage declaration, String entryId) {
        utilizationNotices(declaration, entryId).forEach((certificateNo, notice) -> scheduler.after(party.delayMillis(),
                () -> send("utilization notice of " + certificateNo, notice, () -> { }, 1)));
    }

    /** Per certificate the declaration claims, its utilization notice: every value escaped. */
    static Map<String, String> utilizationNotices(DecMessage declaration, String entryId) {
        Map<String, StringBuilder> items = new LinkedHashMap<>();
        List<DecList> goods = declaration.getDecLists().getDecList();
        CodeLists codes = CodeLists.shared();
        for (EcoRelation link : DecMessages.ecoRelations(declaration)) {
            if (link.getDecGNo() < 1 || link.getDecGNo() > goods.size()) {
                continue;
            }
            DecList item = goods.get(link.getDecGNo() - 1);
            int certificateItem = link.getEcoGNo() != null ? link.getEcoGNo() : link.getDecGNo();
            items.computeIfAbsent(link.getEcoCertNo(), c -> new StringBuilder()).append("""
                      <UsedItem>
                        <ItemNo>%d</ItemNo>
                        <Quantity>%s</Quantity>
                        <QuantityUnit>%s</QuantityUnit>
                      </UsedItem>
                    """.formatted(certificateItem, xml(item.getGQty() == null ? null : item.getGQty().toPlainString()),
                    xml(codes.rec20OfChinaUnit(item.getGUnit()).orElse(item.getGUnit()))));
        }
        Map<String, String> notices = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, StringBuilder> used : items.entrySet()) {
            n++;
            String notice = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <CertificateUtilization xmlns="urn:casw:origin:1" version="1.0">
                      <NoticeId>CN-%s-COU-%s-%d</NoticeId>
                      <CertificateNo>%s</CertificateNo>
                      <ImportingCountry>CN</ImportingCountry>
                      <DeclarationEntryId>%s</DeclarationEntryId>
                      <UsedOn>%s</UsedOn>
                    %s</CertificateUtilization>
                    """.formatted(xml(declaration.getDecHead().getCustomMaster()), xml(entryId), n, xml(used.getKey()), xml(entryId),
                    LocalDate.now(ZoneOffset.UTC), used.getValue());
            notices.put(used.getKey(), notice);
        }
        return notices;
    }

    /** The single window's import response: accepted, with the unified number it gave; every value escaped. */
    static String importResponse(String clientSeqNo, String unified) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <DecImportResponse xmlns="http://www.chinaport.gov.cn/dec">
                  <ResponseCode>0</ResponseCode>
                  <ErrorMessage>Import succeeded</ErrorMessage>
                  <ClientSeqNo>%s</ClientSeqNo>
                  <SeqNo>%s</SeqNo>
                </DecImportResponse>
                """.formatted(xml(clientSeqNo), xml(unified));
    }

    /** A step of customs' handling as the single window reports it (DEC_RESULT), every value escaped. */
    static String decResult(String unified, String entryId, String office, String ieDate, String channel, String note) {
        OffsetDateTime now = OffsetDateTime.now(ChinaReceiptTimes.CHINA);
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <DEC_RESULT>
                  <CUS_CIQ_NO>%s</CUS_CIQ_NO>
                  <ENTRY_ID>%s</ENTRY_ID>
                  <NOTICE_DATE>%s</NOTICE_DATE>
                  <CHANNEL>%s</CHANNEL>
                  <NOTE>%s</NOTE>
                  <CUSTOM_MASTER>%s</CUSTOM_MASTER>
                  <I_E_DATE>%s</I_E_DATE>
                  <D_DATE>%s</D_DATE>
                </DEC_RESULT>
                """.formatted(xml(unified), xml(entryId), now.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")), xml(channel),
                xml(note), xml(office), xml(ieDate), now.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'00:00:00")));
    }

    private static String xml(String value) {
        return SandboxXml.text(value);
    }

    /** Submits one answer as customs; a technical failure is retried with back-off, a refusal is logged and dropped. */
    private void send(String what, String document, Runnable then, int attempt) {
        try {
            LoopbackGateway.Answer answer = gateway.submit(party.settings().apiKey(), document.getBytes(StandardCharsets.UTF_8));
            if (answer.accepted()) {
                then.run();
                return;
            }
            log.warn("Sandbox customs: {} refused with HTTP {}: {}", what, answer.status(), answer.body());
            if (answer.refused()) {
                return; // a refused document will not become acceptable by resending it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("Sandbox customs could not send {} (attempt {}): {}", what, attempt, e.toString());
        }
        if (attempt < SEND_ATTEMPTS && !scheduler.stopped()) {
            scheduler.after(Math.min(30_000, 500L << attempt), () -> send(what, document, then, attempt + 1));
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
