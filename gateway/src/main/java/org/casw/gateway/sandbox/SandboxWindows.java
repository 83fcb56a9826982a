package org.casw.gateway.sandbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Sandbox partner single windows on loopback (gateway.sandbox.sg-nsw, gateway.sandbox.my-nsw): each receives
 * over HTTP what the gateway delivers to its party (certificates of origin for imports into its country,
 * utilization notices of certificates it issued) and acknowledges it; on request it issues a certificate of
 * origin for an export to China, signed with its development key as its agreement requires, and submits it
 * through the gateway's API as its party.
 */
@RestController
@RequestMapping("/sandbox/windows")
@ConditionalOnExpression("${gateway.sandbox.sg-nsw.enabled:false} or ${gateway.sandbox.my-nsw.enabled:false}")
public class SandboxWindows implements AutoCloseable {

    private final Map<String, Window> windows = new LinkedHashMap<>();
    private final LoopbackGateway gateway;
    private final XmlSigner signer = new XmlSigner();
    private final long lateMillis;

    public SandboxWindows(GatewayProperties properties, ConfiguredPartners partners, ObjectProvider<DevPki> devPki, Environment environment) {
        this.gateway = new LoopbackGateway(environment);
        this.lateMillis = properties.deliveryTimeout().toMillis() + 1_000L;
        Map<String, GatewayProperties.SandboxPartner> configured = Map.of("sg-nsw", properties.sandbox().sgNsw(),
                "my-nsw", properties.sandbox().myNsw());
        configured.forEach((name, settings) -> {
            if (!settings.enabled()) {
                return;
            }
            SandboxParty party = SandboxParty.of(name, settings, partners, true);
            DevPki pki = devPki.getIfAvailable();
            if (pki == null) {
                throw new IllegalStateException("gateway.sandbox." + name + " signs with its development key: it needs gateway.dev-pki=true");
            }
            GatewayProperties.Partner agreement = properties.partners().get(party.partyId());
            SigningProfile profile = SigningProfile.of(agreement.signatures().signWith() == null ? "xmldsig-ecdsa-sha256"
                    : agreement.signatures().signWith());
            KeyFamily family = profile == SigningProfile.XMLDSIG_RSA_SHA256 ? KeyFamily.RSA_2048 : KeyFamily.EC_P256;
            IssuedIdentity issued = pki.identity(party.partyId(), family);
            windows.put(party.partyId(), new Window(party, profile, new SigningIdentity(issued.privateKey(), issued.chain()),
                    new SandboxScheduler(name)));
        });
    }

    /** A window's inbox: acknowledges each delivery (HTTP 200) unless a fault is injected; counts repeats. */
    @PostMapping("/{party}/inbox")
    public DeferredResult<ResponseEntity<String>> receive(@PathVariable String party, @RequestHeader(HttpChannel.TRACKING_HEADER) String trackingId,
            @RequestHeader(name = "X-SW-Document-Type", defaultValue = "") String documentType, @RequestBody byte[] payload) {
        Window window = windows.get(party);
        if (window == null) {
            DeferredResult<ResponseEntity<String>> missing = new DeferredResult<>();
            missing.setResult(ResponseEntity.status(HttpStatus.NOT_FOUND).body("no sandbox window " + party));
            return missing;
        }
        FaultInjection.Fault fault = window.party.faults().next();
        if (fault == FaultInjection.Fault.ERROR) {
            window.injectedFaults.incrementAndGet();
            return window.scheduler.answer(() -> ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body("sandbox " + party + ": injected error (gateway.sandbox." + window.party.name() + ".error-rate)"), 0);
        }
        // a window acknowledges after its delay; the timeout fault answers after the gateway stopped waiting
        long late = fault == FaultInjection.Fault.TIMEOUT ? lateMillis : window.party.delayMillis();
        if (fault == FaultInjection.Fault.TIMEOUT) {
            window.injectedFaults.incrementAndGet();
        }
        return window.scheduler.answer(() -> {
            Received received = window.inbox.computeIfAbsent(trackingId, id -> new Received(documentType, new AtomicInteger()));
            int count = received.deliveries().incrementAndGet();
            return ResponseEntity.ok(count > 1 ? "already received " + trackingId : party + " acknowledges " + documentType + " " + trackingId);
        }, late);
    }

    /** What a window received: per tracking id, the document type and how often it was delivered. */
    @GetMapping("/{party}/inbox")
    public ResponseEntity<Map<String, Map<String, Object>>> inbox(@PathVariable String party) {
        Window window = windows.get(party);
        if (window == null) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Map<String, Object>> view = new TreeMap<>();
        window.inbox.forEach((id, r) -> view.put(id, Map.of("documentType", r.documentType(), "deliveries", r.deliveries().get())));
        return ResponseEntity.ok(view);
    }

    /**
     * The window issues a certificate of origin (ACFTA Form E) for an export from its country to China,
     * signs it and submits it through the gateway. Answers with the certificate number and the gateway's answer.
     */
    @PostMapping("/{party}/certificates")
    public ResponseEntity<Map<String, Object>> issue(@PathVariable String party, @RequestBody(required = false) CertificateRequest request) {
        Window window = windows.get(party);
        if (window == null) {
            return ResponseEntity.notFound().build();
        }
        CertificateRequest r = request == null ? new CertificateRequest(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null) : request;
        String country = window.party.profile().country();
        String certificateNo = "E" + String.format("%02d", LocalDate.now(ZoneOffset.UTC).getYear() % 100) + "-" + country + "-"
                + Long.toString(window.sequence.incrementAndGet(), 36).toUpperCase();
        byte[] signed = signer.sign(formE(certificateNo, country, r).getBytes(StandardCharsets.UTF_8), window.profile, window.identity,
                SigningOptions.defaults());
        boolean tampered = window.party.faults().next() == FaultInjection.Fault.INVALID_SIGNATURE;
        if (tampered) {
            window.injectedFaults.incrementAndGet();
            // a forged quantity after signing: ten times what was certified
            signed = new String(signed, StandardCharsets.UTF_8).replaceFirst("<Quantity>([0-9.]+)</Quantity>", "<Quantity>$10</Quantity>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("certificateNo", certificateNo);
        view.put("issuer", party);
        view.put("tampered", tampered);
        try {
            LoopbackGateway.Answer answer = gateway.submit(window.party.settings().apiKey(), signed);
            view.put("gatewayStatus", answer.status());
            view.put("trackingId", answer.trackingId());
            view.put("gatewayAnswer", answer.body());
            return ResponseEntity.status(answer.accepted() ? HttpStatus.CREATED : HttpStatus.BAD_GATEWAY).body(view);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            view.put("error", "interrupted");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(view);
        } catch (Exception e) {
            view.put("error", e.toString());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(view);
        }
    }

    /** A window's settings and how many faults it injected. */
    @GetMapping("/{party}")
    public ResponseEntity<Map<String, Object>> status(@PathVariable String party) {
        Window window = windows.get(party);
        if (window == null) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("party", party);
        view.put("signs", window.profile.id());
        view.put("delay", window.party.settings().delay().toString());
        view.put("faults", window.party.faults().describe());
        view.put("injectedFaults", window.injectedFaults.get());
        return ResponseEntity.ok(view);
    }

    private static String formE(String certificateNo, String country, CertificateRequest r) {
        LocalDate departure = Objects.requireNonNullElse(r.departure(), LocalDate.now(ZoneOffset.UTC));
        BigDecimal quantity = Objects.requireNonNullElse(r.quantity(), new BigDecimal("12000"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <CertificateOfOrigin xmlns="urn:casw:origin:1" version="1.0">
                  <CertificateNo>%s</CertificateNo>
                  <Agreement>ACFTA</Agreement>
                  <FormType>E</FormType>
                  <ExportingCountry>%s</ExportingCountry>
                  <ImportingCountry>CN</ImportingCountry>
                  <IssueDate>%s</IssueDate>
                  <IssuingBody>
                    <Name>%s</Name>
                    <Country>%s</Country>
                    <Code>%s</Code>
                  </IssuingBody>
                  <Exporter>
                    <Name>%s</Name>
                    <Address>%s</Address>
                    <Country>%s</Country>
                    <ID>%s</ID>
                  </Exporter>
                  <Consignee>
                    <Name>%s</Name>
                    <Address>%s</Address>
                    <Country>CN</Country>
                    <ID>%s</ID>
                  </Consignee>
                  <Transport>
                    <DepartureDate>%s</DepartureDate>
                    <VesselOrFlight>%s</VesselOrFlight>
                    <PortOfLoading>%s</PortOfLoading>
                    <PortOfDischarge>%s</PortOfDischarge>
                  </Transport>
                  <Item>
                    <ItemNo>1</ItemNo>
                    <Marks>%s</Marks>
                    <PackageCount>%d</PackageCount>
                    <PackageKind>%s</PackageKind>
                    <Description>%s</Description>
                    <HsCode>%s</HsCode>
                    <OriginCriterion>%s</OriginCriterion>
                    <GrossWeight>%s</GrossWeight>
                    <Quantity>%s</Quantity>
                    <QuantityUnit>%s</QuantityUnit>
                    <FobValue currency="%s">%s</FobValue>
                    <InvoiceNo>%s</InvoiceNo>
                    <InvoiceDate>%s</InvoiceDate>
                  </Item>
                  <ExporterDeclaration>
                    <Place>%s</Place>
                    <Date>%s</Date>
                    <SignatoryName>Tan Wei Ming</SignatoryName>
                  </ExporterDeclaration>
                  <Certification>
                    <Place>%s</Place>
                    <Date>%s</Date>
                    <OfficerName>Sandbox certifying officer</OfficerName>
                  </Certification>
                  <Flags/>
                </CertificateOfOrigin>
                """.formatted(xml(certificateNo), country, departure,
                "SG".equals(country) ? "Singapore Customs" : "Ministry of Investment, Trade and Industry", country,
                "SG".equals(country) ? "SGCUS" : "MITI-KL",
                xml(or(r.exporterName(), "SG".equals(country) ? "Jurong Food Industries Pte. Ltd." : "Klang Valley Foods Sdn. Bhd.")),
                xml(or(r.exporterAddress(), "SG".equals(country) ? "21 Senoko Loop, Singapore 758171" : "Lot 12, Jalan Kem, 42000 Port Klang")),
                country, xml(or(r.exporterId(), "SG".equals(country) ? "199801234K" : "201901012345")),
                xml(or(r.consigneeName(), "Qinzhou Demo Import & Export Co., Ltd.")),
                xml(or(r.consigneeAddress(), "Bonded Port Area, Qinzhou, Guangxi 535000")), xml(or(r.consigneeId(), "91450700MA5L3QR71R")),
                departure, xml(or(r.vessel(), "KOTA CAHAYA 0417N")), or(r.portOfLoading(), "SG".equals(country) ? "SGSIN" : "MYPKG"),
                or(r.portOfDischarge(), "CNQZH"), xml(or(r.marks(), "QZDEMO 1-" + Objects.requireNonNullElse(r.packages(), 1000))),
                Objects.requireNonNullElse(r.packages(), 1000), or(r.packageKind(), "CT"),
                xml(or(r.description(), "Food preparations, instant noodle seasoning, 12 kg cartons")), or(r.hsCode(), "210690"),
                or(r.originCriterion(), "RVC40"), Objects.requireNonNullElse(r.grossWeight(), new BigDecimal("13100")).toPlainString(),
                quantity.toPlainString(), or(r.unit(), "KGM"), or(r.currency(), "USD"),
                Objects.requireNonNullElse(r.fobValue(), new BigDecimal("42000")).toPlainString(), xml(or(r.invoiceNo(), "INV-" + certificateNo)),
                departure, "SG".equals(country) ? "Singapore" : "Port Klang", departure,
                "SG".equals(country) ? "Singapore" : "Kuala Lumpur", departure);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        windows.values().forEach(w -> w.scheduler.close());
    }

    private record Received(String documentType, AtomicInteger deliveries) {
    }

    /** One sandbox window: its party, signing key, inbox and scheduler. */
    private static final class Window {
        final SandboxParty party;
        final SigningProfile profile;
        final SigningIdentity identity;
        final SandboxScheduler scheduler;
        final Map<String, Received> inbox = new ConcurrentHashMap<>();
        final AtomicInteger injectedFaults = new AtomicInteger();
        final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 100);

        Window(SandboxParty party, SigningProfile profile, SigningIdentity identity, SandboxScheduler scheduler) {
            this.party = party;
            this.profile = profile;
            this.identity = identity;
            this.scheduler = scheduler;
        }
    }
}
