package org.casw.gateway.as4;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.config.GatewayPropertiesFixture;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.delivery.DeliveryRefusedException;
import org.casw.routes.delivery.Outbound;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.helger.scope.mgr.ScopeManager;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A delivery counts only with a signed receipt from the partner's agreed certificate: an ebMS error, an
 * unsigned receipt or no AS4 answer at all fails the attempt (the broker then retries), and every attempt
 * carries the same ebMS message id. The partner here is a loopback HTTP server answering what a test says.
 */
class As4ChannelFailureTest {

    @TempDir
    static Path dir;

    static final String UEN = "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195";
    static HttpServer partner;
    static final AtomicReference<String> answer = new AtomicReference<>();
    static final AtomicInteger status = new AtomicInteger(200);
    static final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    static As4Channel channel;
    static ConfiguredPartners partners;
    static As4Engine engine;

    @BeforeAll
    static void start() throws Exception {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/as4", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/soap+xml;charset=utf-8");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        partner.start();
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("sg.pem");
        Files.writeString(pem, As4AgreementTest.pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        GatewayProperties.As4 as4 = new GatewayProperties.As4("CN-CASW", GatewayProperties.As4.UNREGISTERED, "SG-SWGW",
                GatewayProperties.As4.UNREGISTERED, "urn:casw:as4:trade-documents", null, "Deliver",
                "http://127.0.0.1:" + partner.getAddress().getPort() + "/as4", pem, true, true, "rsa", null, GatewayProperties.As4.UNREGISTERED,
                Map.of("SG-NSW", new GatewayProperties.As4.EndParty("T08GB0001A", UEN)));
        GatewayProperties.Partner sg = new GatewayProperties.Partner("SG-NSW", "Singapore", PartyRole.PARTNER_SINGLE_WINDOW, "SG", List.of(),
                List.of(), new GatewayProperties.Delivery(DeliveryChannel.AS4, null, null), null, null, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(), false), null,
                List.of(), null, as4, null, null,
                null, null, null);
        GatewayProperties.KeyStoreEntry identity = new GatewayProperties.KeyStoreEntry(pki.keystore("CASW-GATEWAY", KeyFamily.RSA_2048),
                pki.alias("CASW-GATEWAY", KeyFamily.RSA_2048), pki.directory().resolve(DevPki.PASSWORD_FILE), null);
        GatewayProperties properties = GatewayPropertiesFixture.with(Map.of("SG-NSW", sg)).dataDir(dir)
                .as4(new GatewayProperties.As4Gateway("/as4", identity, Duration.ofDays(30))).build();
        partners = new ConfiguredPartners(properties, AgreementLocator.none());
        // the failure paths never reach the ledger: no receipt is stored
        engine = As4Engine.start(null);
        As4Runtime runtime = new As4Runtime(As4Crypto.load(identity, partners.as4Agreements()), new As4PModes(partners.as4Agreements()), engine);
        channel = new As4Channel(partners, () -> runtime, null, url -> url);
    }

    @AfterAll
    static void stop() {
        partner.stop(0);
        engine.close();
        assertThat(ScopeManager.isGlobalScopePresent()).isFalse();
    }

    @Test
    void anEbmsErrorIsAFailedDeliveryAndTheResendKeepsTheMessageId() {
        received.clear();
        status.set(200);
        answer.set(signal("""
                <eb:Error errorCode="EBMS:0004" severity="failure" shortDescription="Other" category="Content"
                          refToMessageInError="%s" origin="ebMS"><eb:Description xml:lang="en">refused</eb:Description></eb:Error>"""));

        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("EBMS:0004");
        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class);

        String id = As4Channel.ebmsMessageId("SW20261202TEST0001", partners.as4("SG-NSW").orElseThrow());
        assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request).contains(id));
    }

    /** eDelivery four-corner: the end parties by their ids in the partner's network, each with its type, not gateway names. */
    @Test
    void theEndPartiesGoAsOriginalSenderAndFinalRecipientWithTheirTypes() {
        received.clear();
        status.set(200);
        answer.set(signal("<eb:Receipt><ack:Received xmlns:ack=\"urn:test:ack\"/></eb:Receipt>"));

        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class);

        assertThat(received).hasSize(1);
        // the ebMS header is signed, not encrypted: the properties can be read on the wire
        assertThat(property(received.get(0), "originalSender")).isEqualTo(GatewayProperties.As4.UNREGISTERED + " DEMO-ENTERPRISE");
        assertThat(property(received.get(0), "finalRecipient")).isEqualTo(UEN + " T08GB0001A");
    }

    /** A message property's type and value, as "type value". */
    private static String property(String request, String name) {
        Matcher property = Pattern.compile("<[a-z0-9]*:?Property ([^>]*name=\"" + name
                + "\"[^>]*)>([^<]*)<").matcher(request);
        assertThat(property.find()).as(request).isTrue();
        Matcher type = Pattern.compile("type=\"([^\"]*)\"").matcher(property.group(1));
        return (type.find() ? type.group(1) : "(untyped)") + " " + property.group(2);
    }

    @Test
    void anEbmsErrorKeepsItsCodeShortDescriptionDescriptionAndDetail() {
        status.set(200);
        answer.set(signal("""
                <eb:Error errorCode="EBMS:0004" severity="failure" shortDescription="Other" category="Content"
                          refToMessageInError="%s" origin="ebMS"><eb:Description xml:lang="en">An undefined error occurred</eb:Description>
                  <eb:ErrorDetail>no agreement for service urn:x</eb:ErrorDetail></eb:Error>"""));

        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class)
                .hasMessageContaining("EBMS:0004 Other: An undefined error occurred (detail: no agreement for service urn:x)");
    }

    /** phase4's answer to a message id it has handled: the partner holds the document, so the attempt is not a failure. */
    @Test
    void aDuplicateEliminationErrorIsADeliveryWhoseReceiptWasNotObtained() throws Exception {
        status.set(200);
        answer.set(signal("""
                <eb:Error errorCode="EBMS:0004" severity="failure" shortDescription="Other" category="Content"
                          refToMessageInError="%1$s" origin="ebMS"><eb:Description xml:lang="en">An undefined error occurred</eb:Description>
                  <eb:ErrorDetail>Not invoking SPIs, because message with Message ID '%1$s' was already handled (this is a duplicate)</eb:ErrorDetail>
                </eb:Error>"""));

        String confirmation = channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound());

        assertThat(confirmation).contains("SG-NSW already holds").contains(As4Channel.RECEIPT_NOT_OBTAINED)
                .contains("EBMS:0004 Other: An undefined error occurred (detail: Not invoking SPIs").contains("(this is a duplicate)");
    }

    @Test
    void anUnsignedReceiptIsAFailedDelivery() {
        status.set(200);
        answer.set(signal("<eb:Receipt><ack:Received xmlns:ack=\"urn:test:ack\"/></eb:Receipt>"));

        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("unsigned receipt");
    }

    @Test
    void noAs4AnswerIsAFailedDelivery() {
        status.set(500);
        answer.set("<html>proxy error</html>");

        assertThatThrownBy(() -> channel.deliver(partners.find("SG-NSW").orElseThrow(), outbound()))
                .isInstanceOf(DeliveryRefusedException.class);
    }

    private static Outbound outbound() {
        return new Outbound("SW20261202TEST0001", "S26-4507-000562", "CERTIFICATE_OF_ORIGIN", "DEMO-ENTERPRISE", "SG-NSW",
                "<CertificateOfOrigin xmlns=\"urn:casw:origin:1\"/>".getBytes(StandardCharsets.UTF_8));
    }

    /** An unsigned ebMS signal message answering the gateway's message. */
    private static String signal(String content) {
        String ref = As4Channel.ebmsMessageId("SW20261202TEST0001", partners.as4("SG-NSW").orElseThrow());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope"
                              xmlns:eb="http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/">
                  <S12:Header><eb:Messaging S12:mustUnderstand="true"><eb:SignalMessage>
                    <eb:MessageInfo><eb:Timestamp>2026-12-02T01:00:00.000Z</eb:Timestamp><eb:MessageId>answer-1@sg.test</eb:MessageId>
                      <eb:RefToMessageId>%s</eb:RefToMessageId></eb:MessageInfo>
                    %s
                  </eb:SignalMessage></eb:Messaging></S12:Header>
                  <S12:Body/>
                </S12:Envelope>""".formatted(ref, content.formatted(ref)).strip();
    }

}
