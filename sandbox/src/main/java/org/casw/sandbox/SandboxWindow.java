package org.casw.sandbox;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.CertificateTrust;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.signature.XmlSigner;

/**
 * One sandbox partner single window (SG-NSW, MY-NSW), free of any web framework so that the gateway's
 * sandbox controller and the standalone {@code sandbox} command run the same window: it verifies the
 * signature of each document delivered to it against its trust anchors, acknowledges it after its delay
 * unless a fault is injected, keeps an inbox, and issues signed certificates of origin to a gateway.
 */
public final class SandboxWindow implements AutoCloseable {

    /** Every XML profile a gateway may sign a delivery with. */
    private static final EnumSet<SigningProfile> XML_PROFILES = EnumSet.of(SigningProfile.CN_EPORT_SM2,
            SigningProfile.XMLDSIG_ECDSA_SHA256, SigningProfile.XMLDSIG_RSA_SHA256);
    private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** An HTTP answer: status and plain-text body. */
    public record Answer(int status, String body) {
    }

    /** The answer to an issuing request: HTTP status and the JSON view. */
    public record Issued(int status, Map<String, Object> view) {
    }

    /** Who a window is: setting name (sg-nsw), party id, country and the settings it answers with. */
    public record Identity(String name, String partyId, String country, SandboxProperties.Partner settings) {
    }

    private final Identity who;
    private final FaultInjection faults;
    private final SigningProfile profile;
    private final SigningIdentity signing;
    private final VerificationPolicy verification;
    private final long lateMillis;
    private final LoopbackGateway gateway;
    private final SandboxScheduler scheduler;
    private final XmlSigner signer = new XmlSigner();
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();
    private final Map<String, Received> inbox = new ConcurrentHashMap<>();
    private final Map<String, Refused> refused = new ConcurrentHashMap<>();
    private final AtomicInteger injectedFaults = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 100);

    /**
     * @param trust      the anchors that signatures of delivered documents must chain to
     * @param lateMillis how late a timeout fault answers: later than the delivering gateway waits
     * @param gateway    where issued certificates are submitted
     */
    SandboxWindow(Identity who, SigningProfile profile, SigningIdentity signing, CertificateTrust trust, long lateMillis,
            LoopbackGateway gateway) {
        this.who = who;
        this.faults = FaultInjection.of(who.name(), who.settings());
        this.profile = profile;
        this.signing = signing;
        this.verification = new VerificationPolicy(true, XML_PROFILES, trust, Clock.systemUTC());
        this.lateMillis = lateMillis;
        this.gateway = gateway;
        this.scheduler = new SandboxScheduler(who.name());
    }

    /** Its injected faults, which the console's sandbox page changes. */
    FaultInjection faults() {
        return faults;
    }

    /**
     * A window signing with its party's development key of the profile's family and trusting {@code anchors}
     * (the development roots when empty), as both the gateway's sandbox and the standalone command build it.
     */
    static SandboxWindow withDevelopmentKey(Identity who, SigningProfile profile, DevPki pki, List<X509Certificate> anchors,
            long lateMillis, LoopbackGateway gateway) {
        KeyFamily family = profile == SigningProfile.XMLDSIG_RSA_SHA256 ? KeyFamily.RSA_2048
                : profile == SigningProfile.CN_EPORT_SM2 ? KeyFamily.SM2 : KeyFamily.EC_P256;
        IssuedIdentity issued = pki.identity(who.partyId(), family);
        List<X509Certificate> roots = anchors.isEmpty() ? developmentRoots(pki) : anchors;
        return new SandboxWindow(who, profile, new SigningIdentity(issued.privateKey(), issued.chain()),
                new PkixCertificateTrust(roots, List.of()), lateMillis, gateway);
    }

    /** The development PKI's roots of every key family: what the gateway's own development keys chain to. */
    static List<X509Certificate> developmentRoots(DevPki pki) {
        return Arrays.stream(KeyFamily.values()).map(pki::rootCertificate).toList();
    }

    public String partyId() {
        return who.partyId();
    }

    /** The key and chain it signs with, for exporting to integrators. */
    public SigningIdentity signingIdentity() {
        return signing;
    }

    /** Whether {@code presented} is this window's party API key (compared in constant time): its own endpoints want it. */
    boolean isOwnKey(String presented) {
        String own = who.settings().apiKey();
        return own != null && presented != null
                && MessageDigest.isEqual(own.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Where it submits the certificates it issues. */
    public String gatewayUrl() {
        return gateway.messagesUrl();
    }

    /**
     * A delivery: acknowledged (HTTP 200) after the window's delay when its signature verifies, refused (HTTP 400
     * with the violation codes) when it does not, unless a fault is injected; repeats are counted.
     *
     * @param trackingId   the gateway's tracking id ({@code X-SW-Tracking-Id}); without one, a digest of the payload
     * @param documentType the gateway's document type header; without one, the root element's name
     */
    public CompletableFuture<Answer> receive(String trackingId, String documentType, byte[] payload) {
        String id = trackingId == null || trackingId.isBlank() ? "sha256:" + digest(payload) : trackingId;
        String type = documentType == null || documentType.isBlank() ? rootElement(payload) : documentType;
        FaultInjection.Fault fault = faults.next();
        if (fault == FaultInjection.Fault.ERROR) {
            injectedFaults.incrementAndGet();
            return CompletableFuture.completedFuture(new Answer(500, "sandbox " + who.partyId() + ": injected error (sandbox."
                    + who.name() + ".error-rate)"));
        }
        // a window acknowledges after its delay; the timeout fault answers after the gateway stopped waiting
        long late = fault == FaultInjection.Fault.TIMEOUT ? lateMillis : who.settings().delay().toMillis();
        if (fault == FaultInjection.Fault.TIMEOUT) {
            injectedFaults.incrementAndGet();
        }
        VerificationResult verified = verifier.verify(payload, verification);
        if (!verified.valid()) {
            String reasons = verified.violations().stream().map(v -> v.code() + ": " + v.message()).collect(Collectors.joining("; "));
            refused.computeIfAbsent(id, k -> new Refused(type, reasons, new AtomicInteger())).attempts().incrementAndGet();
            return scheduler.later(new Answer(400, who.partyId() + " refuses " + type + " " + id + ": " + reasons), late);
        }
        Received received = inbox.computeIfAbsent(id, k -> new Received(type, verified.signerSubject(), new AtomicInteger()));
        int count = received.deliveries().incrementAndGet();
        return scheduler.later(new Answer(200, count > 1 ? "already received " + id : who.partyId() + " acknowledges " + type + " " + id),
                late);
    }

    /** What it accepted: per tracking id, the document type, the verified signer and how often it was delivered. */
    public Map<String, Map<String, Object>> inbox() {
        Map<String, Map<String, Object>> view = new TreeMap<>();
        inbox.forEach((id, r) -> view.put(id, Map.of("documentType", r.documentType(), "deliveries", r.deliveries().get(),
                "signer", Objects.requireNonNullElse(r.signer(), ""))));
        return view;
    }

    /** What it refused: per tracking id, the document type, the reasons and how often it was delivered. */
    public Map<String, Map<String, Object>> refused() {
        Map<String, Map<String, Object>> view = new TreeMap<>();
        refused.forEach((id, r) -> view.put(id, Map.of("documentType", r.documentType(), "reasons", r.reasons(),
                "deliveries", r.attempts().get())));
        return view;
    }

    /** Its settings and how many faults it injected. */
    public Map<String, Object> status() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("party", who.partyId());
        view.put("signs", profile.id());
        view.put("delay", who.settings().delay().toString());
        view.put("faults", faults.describe());
        view.put("injectedFaults", injectedFaults.get());
        view.put("received", inbox.size());
        view.put("refused", refused.size());
        view.put("gateway", gateway.messagesUrl());
        return view;
    }

    /**
     * Issues a certificate of origin (ACFTA Form E) for an export from its country to China, signs it and
     * submits it to its gateway. Answers with the certificate number and the gateway's answer.
     */
    public Issued issue(CertificateRequest request) {
        CertificateRequest r = request == null ? new CertificateRequest(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null) : request;
        String country = who.country();
        String certificateNo = "E" + String.format("%02d", LocalDate.now(ZoneOffset.UTC).getYear() % 100) + "-" + country + "-"
                + Long.toString(sequence.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
        byte[] signed = signer.sign(formE(certificateNo, country, r).getBytes(StandardCharsets.UTF_8), profile, signing,
                SigningOptions.defaults());
        boolean tampered = faults.next() == FaultInjection.Fault.INVALID_SIGNATURE;
        if (tampered) {
            injectedFaults.incrementAndGet();
            // a forged quantity after signing: ten times what was certified
            signed = new String(signed, StandardCharsets.UTF_8).replaceFirst("<Quantity>([0-9.]+)</Quantity>", "<Quantity>$10</Quantity>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("certificateNo", certificateNo);
        view.put("issuer", who.partyId());
        view.put("tampered", tampered);
        return submit(signed, view);
    }

    /**
     * Sends the window's AEO status notice to its gateway (AEO mutual recognition): its country's programme and
     * enterprises, signed as its certificates are. Answers with the notice id and the gateway's answer.
     */
    public Issued notifyAeo(AeoNoticeRequest request) {
        String country = who.country();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String programme = request == null || request.programme() == null || request.programme().isBlank()
                ? defaultProgramme(country) : request.programme();
        List<AeoNoticeRequest.Enterprise> enterprises = request == null || request.enterprises() == null || request.enterprises().isEmpty()
                ? defaultAeoEnterprises(country, today) : request.enterprises();
        String noticeId = country + "-AEO-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + Long.toString(sequence.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
        byte[] signed = signer.sign(aeoNotice(noticeId, country, programme, today, enterprises).getBytes(StandardCharsets.UTF_8), profile,
                signing, SigningOptions.defaults());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("noticeId", noticeId);
        view.put("issuer", who.partyId());
        view.put("programme", programme);
        view.put("enterprises", enterprises.stream().map(AeoNoticeRequest.Enterprise::id).toList());
        return submit(signed, view);
    }

    /** The AEO status notice, every value escaped. */
    static String aeoNotice(String noticeId, String country, String programme, LocalDate today,
            List<AeoNoticeRequest.Enterprise> enterprises) {
        StringBuilder notice = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <AeoStatusNotice xmlns="urn:casw:aeo:1" version="1.0">
                  <NoticeId>%s</NoticeId>
                  <IssuingCountry>%s</IssuingCountry>
                  <Programme>%s</Programme>
                  <IssueDate>%s</IssueDate>
                """.formatted(xml(noticeId), xml(country), xml(programme), today));
        for (AeoNoticeRequest.Enterprise e : enterprises) {
            notice.append("""
                      <Enterprise>
                        <Identifier>%s</Identifier>
                        <Name>%s</Name>
                        <AuthorisationNo>%s</AuthorisationNo>
                        <Status>%s</Status>
                        <ValidFrom>%s</ValidFrom>
                        <ValidUntil>%s</ValidUntil>
                      </Enterprise>
                    """.formatted(xml(or(e.id(), "")), xml(or(e.name(), "Enterprise " + e.id())),
                    xml(or(e.authorisationNo(), programme + "-" + e.id())), xml(or(e.status(), "VALID")),
                    Objects.requireNonNullElse(e.validFrom(), today.minusYears(1)),
                    Objects.requireNonNullElse(e.validUntil(), today.plusYears(3))));
        }
        return notice.append("</AeoStatusNotice>\n").toString();
    }

    private static String defaultProgramme(String country) {
        return "SG".equals(country) ? "SG-STP-PLUS" : country + "-AEO";
    }

    /** The window's demo exporter (the one its Form E names) in force, and a second enterprise suspended. */
    private static List<AeoNoticeRequest.Enterprise> defaultAeoEnterprises(String country, LocalDate today) {
        boolean sg = "SG".equals(country);
        return List.of(
                new AeoNoticeRequest.Enterprise(sg ? "199801234K" : "201901012345",
                        sg ? "Jurong Food Industries Pte. Ltd." : "Klang Valley Foods Sdn. Bhd.", null, "VALID", today.minusYears(1),
                        today.plusYears(3)),
                new AeoNoticeRequest.Enterprise(sg ? "201912345N" : "201801067890",
                        sg ? "Tuas Cold Chain Logistics Pte. Ltd." : "Westport Reefer Services Sdn. Bhd.", null, "SUSPENDED",
                        today.minusYears(2), today.plusYears(1)));
    }

    private Issued submit(byte[] signed, Map<String, Object> view) {
        try {
            LoopbackGateway.Answer answer = gateway.submit(who.settings().apiKey(), signed);
            view.put("gatewayStatus", answer.status());
            view.put("trackingId", answer.trackingId());
            view.put("gatewayAnswer", answer.body());
            return new Issued(answer.accepted() ? 201 : 502, view);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            view.put("error", "interrupted");
            return new Issued(503, view);
        } catch (Exception e) {
            view.put("error", e.toString());
            return new Issued(502, view);
        }
    }

    /** The Form E, every value escaped. */
    static String formE(String certificateNo, String country, CertificateRequest r) {
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
                """.formatted(xml(certificateNo), xml(country), departure,
                "SG".equals(country) ? "Singapore Customs" : "Ministry of Investment, Trade and Industry", xml(country),
                "SG".equals(country) ? "SGCUS" : "MITI-KL",
                xml(or(r.exporterName(), "SG".equals(country) ? "Jurong Food Industries Pte. Ltd." : "Klang Valley Foods Sdn. Bhd.")),
                xml(or(r.exporterAddress(), "SG".equals(country) ? "21 Senoko Loop, Singapore 758171"
                        : "Lot 12, Jalan Kem, 42000 Port Klang")),
                xml(country), xml(or(r.exporterId(), "SG".equals(country) ? "199801234K" : "201901012345")),
                xml(or(r.consigneeName(), "Qinzhou Demo Import & Export Co., Ltd.")),
                xml(or(r.consigneeAddress(), "Bonded Port Area, Qinzhou, Guangxi 535000")), xml(or(r.consigneeId(), "91450700MA5L3QR71R")),
                departure, xml(or(r.vessel(), "KOTA CAHAYA 0417N")), xml(or(r.portOfLoading(), "SG".equals(country) ? "SGSIN" : "MYPKG")),
                xml(or(r.portOfDischarge(), "CNQZH")), xml(or(r.marks(), "QZDEMO 1-" + Objects.requireNonNullElse(r.packages(), 1000))),
                Objects.requireNonNullElse(r.packages(), 1000), xml(or(r.packageKind(), "CT")),
                xml(or(r.description(), "Food preparations, instant noodle seasoning, 12 kg cartons")), xml(or(r.hsCode(), "210690")),
                xml(or(r.originCriterion(), "RVC40")), Objects.requireNonNullElse(r.grossWeight(), new BigDecimal("13100")).toPlainString(),
                quantity.toPlainString(), xml(or(r.unit(), "KGM")), xml(or(r.currency(), "USD")),
                Objects.requireNonNullElse(r.fobValue(), new BigDecimal("42000")).toPlainString(),
                        xml(or(r.invoiceNo(), "INV-" + certificateNo)),
                departure, "SG".equals(country) ? "Singapore" : "Port Klang", departure,
                "SG".equals(country) ? "Singapore" : "Kuala Lumpur", departure);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String xml(String text) {
        return SandboxXml.text(text);
    }

    private static String digest(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root element's local name, or "" for what is no XML: only to label an inbox entry. */
    private static String rootElement(byte[] payload) {
        try {
            XMLStreamReader reader = STAX.createXMLStreamReader(new ByteArrayInputStream(payload));
            try {
                return reader.nextTag() == XMLStreamReader.START_ELEMENT ? reader.getLocalName() : "";
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return "";
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }

    private record Received(String documentType, String signer, AtomicInteger deliveries) {
    }

    private record Refused(String documentType, String reasons, AtomicInteger attempts) {
    }
}
