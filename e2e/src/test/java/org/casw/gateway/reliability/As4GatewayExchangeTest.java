package org.casw.gateway.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.IssuingAuthorities;
import org.casw.gateway.security.ApiKeys;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.helger.phase4.sender.EAS4UserMessageSendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways, each in its own JVM with its own PostgreSQL and broker on loopback: a "China" gateway and a
 * "Singapore" one whose agreements name each other as AS4 partners. Certificates of origin travel both ways
 * as signed, encrypted, compressed AS4 user messages and come back with signed receipts that are stored; a
 * bare phase4 client in the test JVM plays a partner that sends what a partner must not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As4GatewayExchangeTest {

    static final String CHINA_PARTY = "CN-CASW";
    static final String SINGAPORE_PARTY = "SG-SWGW";
    static final String CUSTOMS_KEY = "sandbox-customs-key";
    static final String SG_NSW_KEY = "demo-sg-nsw-key";

    static DevPki pki;
    static GatewayProcess china;
    static GatewayProcess singapore;
    static BareAs4Partner bare;
    /** Between China and its AS4 peer: passes everything on, or loses answers when a test says so. */
    static LossyAs4Proxy proxy;

    @BeforeAll
    static void startBothGateways() throws Exception {
        Path base = TestData.newDataDir("as4");
        pki = DevPki.ensure(base.resolve("pki"));
        Path chinaPem = pem(base.resolve("china-gateway.pem"), pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048));
        Path singaporePem = pem(base.resolve("singapore-gateway.pem"), pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        Path chinaData = dataDir(base, "china");
        Path singaporeData = dataDir(base, "singapore");
        china = new GatewayProcess(chinaData, arguments(chinaData.resolve("agreements")));
        singapore = new GatewayProcess(singaporeData, arguments(singaporeData.resolve("agreements"),
                "--gateway.as4.identity.keystore=" + singaporeData.resolve("certs/SG-NSW-rsa.p12"),
                "--gateway.as4.identity.alias=SG-NSW-rsa"));

        // each gateway: its own country's issuing authority, and the other gateway as its AS4 peer
        issuingAuthority(chinaData, "CN-CUSTOMS", "CUSTOMS", "CN", CUSTOMS_KEY, "cn-eport-sm2", chinaData.resolve("certs/root-sm2.pem"));
        proxy = new LossyAs4Proxy();
        proxy.forwardTo("http://127.0.0.1:" + singapore.port() + "/as4");
        as4Peer(chinaData, "SG-NSW", "SG", CHINA_PARTY, SINGAPORE_PARTY, proxy.port(), singaporePem);
        issuingAuthority(singaporeData, "SG-NSW", "PARTNER_SINGLE_WINDOW", "SG", SG_NSW_KEY, "xmldsig-ecdsa-sha256",
                singaporeData.resolve("certs/root-ec.pem"));
        as4Peer(singaporeData, "CN-CASW", "CN", SINGAPORE_PARTY, CHINA_PARTY, china.port(), chinaPem);
        china.start();
        singapore.start();
        bare = new BareAs4Partner(SINGAPORE_PARTY, CHINA_PARTY, pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048));
    }

    @AfterAll
    static void stop() {
        if (bare != null) {
            bare.close();
        }
        if (china != null) {
            china.close();
        }
        if (singapore != null) {
            singapore.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void aCertificateOfOriginGoesFromChinaToSingaporeByAs4AndItsSignedReceiptIsStored() {
        // China's certificates come from its customs, signed with its key (docs/security-model.md)
        IssuingAuthorities.Issued certificate = IssuingAuthorities.issue(pki,
                Samples.sample("certificate-of-origin", "valid", "csfta-ev-cn-sg.xml"));
        HttpResponse<String> submitted = china.client().postXml(CUSTOMS_KEY, certificate.xml());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(submitted).get("trackingId").asText();

        JsonNode delivered = awaitStatus(china.client(), CUSTOMS_KEY, trackingId, "DELIVERED");
        assertThat(delivered.get("receiver").asText()).isEqualTo("SG-NSW");
        assertThat(delivered.toString()).contains("AS4 receipt");

        HttpResponse<String> receipt = china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt");
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        String ebmsMessageId = receipt.headers().firstValue("X-SW-AS4-Message-Id").orElseThrow();
        assertThat(ebmsMessageId).startsWith(trackingId + "@");
        assertThat(receipt.headers().firstValue("X-SW-AS4-Signer").orElseThrow()).contains("SG-NSW");
        assertThat(receipt.body()).contains("Receipt").contains("NonRepudiationInformation").contains(ebmsMessageId)
                .contains("SignatureValue");

        // the Singapore gateway took it into its own pipeline as a document from its partner CN-CASW
        JsonNode received = awaitOne(singapore.client(), SG_NSW_KEY, "S26-4507-000562");
        assertThat(received.get("sender").asText()).isEqualTo("CN-CASW");
        assertThat(received.get("type").asText()).isEqualTo("CERTIFICATE_OF_ORIGIN");
    }

    @Test
    @Order(2)
    void aCertificateOfOriginGoesFromSingaporeToChinaByAs4() {
        IssuingAuthorities.Issued certificate = IssuingAuthorities.issue(pki,
                Samples.sample("certificate-of-origin", "valid", "form-e-rubber-compound-sg-cn.xml"));
        HttpResponse<String> submitted = singapore.client().postXml(SG_NSW_KEY, certificate.xml());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(submitted).get("trackingId").asText();

        awaitStatus(singapore.client(), SG_NSW_KEY, trackingId, "DELIVERED");
        HttpResponse<String> receipt = singapore.client().get(SG_NSW_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().firstValue("X-SW-AS4-Signer").orElseThrow()).contains("CASW-GATEWAY");

        JsonNode received = awaitOne(china.client(), CUSTOMS_KEY, "E26-SG-0000527");
        assertThat(received.get("sender").asText()).isEqualTo("SG-NSW");
    }

    @Test
    @Order(3)
    void anUnsignedMessageFromAPartnerThatMustSignIsRefusedWithAnEbmsError() throws Exception {
        HttpResponse<String> answer = BareAs4Partner.post(chinaEndpoint(), bare.build("unsigned-1@sg-swgw.test",
                certificate("E26-SG-B2B-900001"), singaporeKey().privateKey(), singaporeKey().certificate(), false, true));

        assertRefused(answer, "EBMS:0103", "unsigned");
        assertNotTakenIn("E26-SG-B2B-900001");
    }

    @Test
    @Order(4)
    void anUnencryptedMessageFromAPartnerThatMustEncryptIsRefused() throws Exception {
        HttpResponse<String> answer = BareAs4Partner.post(chinaEndpoint(), bare.build("plain-1@sg-swgw.test",
                certificate("E26-SG-B2B-900002"), singaporeKey().privateKey(), singaporeKey().certificate(), true, false));

        assertRefused(answer, "EBMS:0103", "not encrypted");
        assertNotTakenIn("E26-SG-B2B-900002");
    }

    @Test
    @Order(5)
    void aMessageTamperedWithAfterSigningIsRefused() throws Exception {
        BareAs4Partner.Built built = bare.build("tampered-1@sg-swgw.test", certificate("E26-SG-B2B-900003"),
                singaporeKey().privateKey(), singaporeKey().certificate(), true, true);
        String body = new String(built.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("urn:casw:as4:trade-documents");
        // the service is in the signed ebMS header: change one letter of it
        byte[] tampered = body.replaceFirst("urn:casw:as4:trade-documents", "urn:casw:as4:trade-documentz").getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> answer = BareAs4Partner.post(chinaEndpoint(), tampered, built.contentType());

        // phase4 reports every WS-Security failure as EBMS:0102 and names WSS4J's reason in the detail
        assertRefused(answer, "EBMS:0102", "FAILED_CHECK");
        assertNotTakenIn("E26-SG-B2B-900003");
    }

    @Test
    @Order(6)
    void aMessageSignedWithACertificateNotInTheAgreementIsRefused() throws Exception {
        IssuedIdentity stranger = stranger();
        HttpResponse<String> answer = BareAs4Partner.post(chinaEndpoint(), bare.build("stranger-1@sg-swgw.test",
                certificate("E26-SG-B2B-900004"), stranger.privateKey(), stranger.certificate(), true, true));

        // only the agreement's certificate is trusted: the refusal names the one used and the one expected
        assertRefused(answer, "EBMS:0101", "; the agreement with SG-NSW expects " + singaporeKey().certificate().getSubjectX500Principal().getName());
        assertNotTakenIn("E26-SG-B2B-900004");
    }

    @Test
    @Order(7)
    void aResentMessageIsTakenInOnceAndGetsAReceiptOfItsOwnAlsoAfterARestart() throws Exception {
        String messageId = "resend-1@sg-swgw.test";
        byte[] document = certificate("E26-SG-B2B-900005");
        BareAs4Partner.Built first = bare.build(messageId, document, singaporeKey().privateKey(), singaporeKey().certificate(), true, true);
        HttpResponse<String> receipt = BareAs4Partner.post(chinaEndpoint(), first);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.body()).contains("Receipt").contains("NonRepudiationInformation").doesNotContain("EBMS:0");
        awaitOne(china.client(), CUSTOMS_KEY, "E26-SG-B2B-900005");

        // the sender lost our answer and sends again: the same bytes, then a message built anew with the same id
        HttpResponse<String> again = BareAs4Partner.post(chinaEndpoint(), first);
        HttpResponse<String> rebuilt = BareAs4Partner.post(chinaEndpoint(),
                bare.build(messageId, document, singaporeKey().privateKey(), singaporeKey().certificate(), true, true));
        // each resend is answered with a receipt of its own (over its own signature references), not the first one's bytes
        assertReceiptFor(again, messageId, receipt.body());
        assertReceiptFor(rebuilt, messageId, receipt.body());

        china.kill();
        china.start();
        HttpResponse<String> afterRestart = BareAs4Partner.post(chinaEndpoint(),
                bare.build(messageId, document, singaporeKey().privateKey(), singaporeKey().certificate(), true, true));
        assertReceiptFor(afterRestart, messageId, receipt.body());
        // taken in once
        JsonNode page = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages?businessKey=E26-SG-B2B-900005"));
        assertThat(page.get("items")).hasSize(1);
    }

    /** A message id known but not answered with a receipt is not a duplicate: a resend of a refused message is judged anew. */
    @Test
    @Order(8)
    void aMessageRefusedOnceIsJudgedAgainWhenResent() throws Exception {
        String messageId = "unsigned-then-signed@sg-swgw.test";
        byte[] document = certificate("E26-SG-B2B-900006");
        assertRefused(BareAs4Partner.post(chinaEndpoint(), bare.build(messageId, document, singaporeKey().privateKey(),
                singaporeKey().certificate(), false, true)), "EBMS:0103", "unsigned");

        HttpResponse<String> signed = BareAs4Partner.post(chinaEndpoint(), bare.build(messageId, document, singaporeKey().privateKey(),
                singaporeKey().certificate(), true, true));

        assertThat(signed.body()).contains("Receipt").doesNotContain("EBMS:0");
        awaitOne(china.client(), CUSTOMS_KEY, "E26-SG-B2B-900006");
    }

    /**
     * A sender that signs each resend afresh, as phase4 does, checks every receipt against the message it just sent: the
     * gateway does not take the resend in again, but answers it with a receipt of its own that passes phase4's own
     * non-repudiation check (the byte-identical first receipt failed it: "No all sent DSig references were found").
     */
    @Test
    @Order(9)
    void aResendSignedAfreshGetsAReceiptThatPassesPhase4sNonRepudiationCheckAndTheDocumentIsHeldOnce() throws Exception {
        BareAs4Sender sender = new BareAs4Sender(singaporeKey(), pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048), SINGAPORE_PARTY,
                CHINA_PARTY);
        String messageId = "phase4-resend-1@sg-swgw.test";
        byte[] document = certificate("E26-SG-B2B-900007");

        BareAs4Sender.Sent first = sender.send(chinaEndpoint(), messageId, document);
        BareAs4Sender.Sent resent = sender.send(chinaEndpoint(), messageId, document);

        assertThat(first.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(first.receiptCheck()).containsExactly("success");
        assertThat(resent.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(resent.receiptCheck()).containsExactly("success");
        String trackingId = awaitOne(china.client(), CUSTOMS_KEY, "E26-SG-B2B-900007").get("trackingId").asText();

        // the receiving party sees the ebMS ids and every receipt issued, in the message view and its history
        JsonNode message = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId));
        assertThat(message.at("/as4/received/messageId").asText()).isEqualTo(messageId);
        assertThat(message.at("/as4/received/conversationId").asText()).isEqualTo("conversation-" + messageId);
        assertThat(message.at("/as4/received/from").asText()).isEqualTo("SG-NSW");
        JsonNode receipts = message.at("/as4/received/receipts");
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(0).get("resend").asBoolean()).isFalse();
        assertThat(receipts.get(1).get("resend").asBoolean()).isTrue();
        assertThat(message.get("history").toString()).contains("AS4 user message " + messageId)
                .contains("AS4 resend of " + messageId + " from SG-NSW not taken in again");

        // and can retrieve each receipt: the latest by default, any one by its id
        HttpResponse<String> latest = china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt");
        assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
        assertThat(latest.headers().firstValue("X-SW-AS4-Message-Id")).hasValue(messageId);
        assertThat(latest.headers().firstValue("X-SW-AS4-Conversation-Id")).hasValue("conversation-" + messageId);
        assertThat(latest.headers().firstValue("X-SW-AS4-Receipts-Issued")).hasValue("2");
        assertThat(latest.headers().firstValue("X-SW-AS4-Receipt-Id")).hasValue(receipts.get(1).get("receiptId").asText());
        assertThat(latest.body()).contains("NonRepudiationInformation").contains(messageId);
        String firstId = receipts.get(0).get("receiptId").asText();
        HttpResponse<String> firstReceipt = china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt?receiptId="
                + firstId);
        assertThat(firstReceipt.statusCode()).isEqualTo(200);
        assertThat(firstReceipt.body()).contains(firstId).isNotEqualTo(latest.body());
        assertThat(china.client().get("demo-operator-key", "/api/v1/messages/" + trackingId + "/as4-receipt").statusCode())
                .isEqualTo(200);
        assertThat(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt?receiptId=no-such-receipt")
                .statusCode()).isEqualTo(404);
    }

    /** The other gateway's first answer is lost: the resend gets a receipt of its own, and the document is held there once. */
    @Test
    @Order(10)
    void aReceiptLostOnTheWayBackFromTheOtherGatewayEndsDeliveredWithTheResendsReceipt() {
        int lostBefore = proxy.lost();
        proxy.loseNextAnswers(1);
        String trackingId = submitChinaCertificate("S26-4507-000563");

        JsonNode delivered = awaitStatus(china.client(), CUSTOMS_KEY, trackingId, "DELIVERED");

        assertThat(proxy.lost()).isEqualTo(lostBefore + 1);
        assertThat(delivered.at("/as4/sent/receipt").asText()).as(delivered.toString()).isEqualTo("OBTAINED");
        assertThat(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt").statusCode()).isEqualTo(200);
        JsonNode received = awaitOne(singapore.client(), SG_NSW_KEY, "S26-4507-000563");
        JsonNode atSingapore = GatewayClient.json(singapore.client().get(SG_NSW_KEY, "/api/v1/messages/" + received.get("trackingId").asText()));
        assertThat(atSingapore.at("/as4/received/messageId").asText()).isEqualTo(delivered.at("/as4/sent/messageId").asText());
        assertThat(atSingapore.at("/as4/received/receipts")).hasSize(2);
    }

    /**
     * A phase4 access point that lost our first attempt's answer answers the resend with its duplicate error (EBMS:0004 "was
     * already handled (this is a duplicate)"): the message is delivered (it holds the document) with the receipt not obtained,
     * never FAILED nor sent as new; the history keeps the error's code, short description and detail. An operator asks for the
     * receipt again; the partner says duplicate again, and it stays not obtained.
     */
    @Test
    @Order(11)
    void aPartnerThatAnswersTheResendAsADuplicateHoldsTheMessageDeliveredWithItsReceiptNotObtained() throws Exception {
        try (BareAs4Receiver receiver = new BareAs4Receiver(singaporeKey(), pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048), CHINA_PARTY,
                SINGAPORE_PARTY, "urn:casw:as4:trade-documents", "Deliver")) {
            proxy.forwardTo(receiver.endpoint());
            proxy.loseNextAnswers(1);
            String trackingId = submitChinaCertificate("S26-4507-000564");

            JsonNode delivered = awaitStatus(china.client(), CUSTOMS_KEY, trackingId, "DELIVERED");

            String ebmsMessageId = delivered.at("/as4/sent/messageId").asText();
            assertThat(receiver.taken).containsExactly(ebmsMessageId);
            assertThat(delivered.at("/as4/sent/receipt").asText()).as(delivered.toString()).isEqualTo("NOT_OBTAINED");
            assertThat(delivered.at("/as4/sent/answer").asText()).contains("EBMS:0004 Other").contains("already handled")
                    .contains("duplicate");
            assertThat(delivered.get("history").toString()).contains("receipt not obtained").contains("EBMS:0004")
                    .contains("(this is a duplicate)");
            assertThat(delivered.get("history").findValuesAsText("status")).doesNotContain("FAILED");
            assertThat(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt").statusCode()).isEqualTo(404);

            // asking for evidence is an operator's call, and resends with the same ebMS id
            assertThat(china.client().postTo(CUSTOMS_KEY, "/api/v1/messages/" + trackingId + "/as4-receipt/request").statusCode())
                    .isEqualTo(403);
            HttpResponse<String> asked = china.client().postTo("demo-operator-key", "/api/v1/messages/" + trackingId + "/as4-receipt/request");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
            assertThat(GatewayClient.json(asked).at("/sent/receipt").asText()).isEqualTo("NOT_OBTAINED");
            JsonNode after = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId));
            assertThat(after.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(after.get("history").toString()).contains("AS4 receipt requested by operator:ops");
            assertThat(receiver.taken).containsExactly(ebmsMessageId);
        } finally {
            proxy.forwardTo("http://127.0.0.1:" + singapore.port() + "/as4");
        }
    }

    /** China's customs issues a certificate of origin for Singapore under its own number and submits it; its tracking id. */
    static String submitChinaCertificate(String certificateNo) {
        IssuingAuthorities.Issued certificate = IssuingAuthorities.issue(pki, Samples.sample("certificate-of-origin", "valid",
                "csfta-ev-cn-sg.xml").replace("<CertificateNo>S26-4507-000562</CertificateNo>", "<CertificateNo>" + certificateNo
                        + "</CertificateNo>"));
        HttpResponse<String> submitted = china.client().postXml(CUSTOMS_KEY, certificate.xml());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return GatewayClient.json(submitted).get("trackingId").asText();
    }

    /** A receipt for the message id, with non-repudiation information, that is not the earlier receipt's bytes. */
    static void assertReceiptFor(HttpResponse<String> answer, String messageId, String earlier) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Receipt").contains("NonRepudiationInformation").contains(messageId).doesNotContain("EBMS:0")
                .isNotEqualTo(earlier);
    }

    static String chinaEndpoint() {
        return "http://127.0.0.1:" + china.port() + "/as4";
    }

    static IssuedIdentity singaporeKey() {
        return pki.identity("SG-NSW", KeyFamily.RSA_2048);
    }

    /** A Singapore certificate of origin for China, under its own certificate number. */
    static byte[] certificate(String certificateNo) {
        return Samples.sample("certificate-of-origin", "valid", "form-e-rubber-compound-sg-cn.xml")
                .replace("<CertificateNo>E26-SG-0000527</CertificateNo>", "<CertificateNo>" + certificateNo + "</CertificateNo>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static void assertRefused(HttpResponse<String> answer, String errorCode, String detail) {
        assertThat(answer.body()).as(answer.body()).contains("SignalMessage").contains(errorCode).doesNotContain("NonRepudiationInformation");
        if (detail != null) {
            assertThat(answer.body()).contains(detail);
        }
    }

    static void assertNotTakenIn(String certificateNo) {
        JsonNode page = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages?businessKey=" + certificateNo));
        assertThat(page.get("items")).isEmpty();
    }

    static JsonNode awaitStatus(GatewayClient client, String key, String trackingId, String status) {
        JsonNode message = await().atMost(Duration.ofSeconds(60)).until(
                () -> GatewayClient.json(client.get(key, "/api/v1/messages/" + trackingId)),
                m -> status.equals(m.path("status").asText()) || "FAILED".equals(m.path("status").asText()));
        assertThat(message.path("status").asText()).as(message.toString()).isEqualTo(status);
        return message;
    }

    /** The caller's one message with this business key (a certificate number). */
    static JsonNode awaitOne(GatewayClient client, String key, String businessKey) {
        JsonNode page = await().atMost(Duration.ofSeconds(60)).until(
                () -> GatewayClient.json(client.get(key, "/api/v1/messages?businessKey=" + businessKey)),
                p -> p.path("items").size() == 1 || p.path("messages").size() == 1 || (p.isArray() && p.size() == 1));
        JsonNode items = page.has("items") ? page.get("items") : page.has("messages") ? page.get("messages") : page;
        return items.get(0);
    }

    static List<String> arguments(Path agreements, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--gateway.agreements=file:" + agreements + "/*.yml",
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.enabled=false", "--sandbox.port.enabled=false", "--sandbox.rail.enabled=false",
                "--sandbox.sg-nsw.enabled=false", "--sandbox.my-nsw.enabled=false",
                "--gateway.broker.redelivery-delay=200ms", "--gateway.broker.max-redelivery-delay=1s",
                // the exchanged certificates of origin are the published samples: judged in their era, on any real date
                SampleEra.ARGUMENT));
        arguments.addAll(List.of(extra));
        return arguments;
    }

    static Path dataDir(Path base, String name) throws IOException {
        Path dir = base.resolve(name);
        Files.createDirectories(dir.resolve("agreements"));
        Files.createDirectories(dir.resolve("certs"));
        try (Stream<Path> files = Files.list(pki.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve("certs").resolve(file.getFileName()));
            }
        }
        return dir;
    }

    /** The party that issues and receives the certificates of origin of its own country, submitting with {@code apiKey}. */
    static void issuingAuthority(Path dataDir, String party, String role, String country, String apiKey, String signingProfile,
            Path trustAnchor) throws IOException {
        agreement(dataDir, party, """
                role: %s
                country: %s
                api-keys: [%s]
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-country: [%s]}
                signatures: {accept: [%s], trust-anchors: [%s]}
                """.formatted(role, country, ApiKeys.development().digest(apiKey), country, signingProfile, trustAnchor));
    }

    /** The other gateway, reached over AS4, receiving the certificates of origin for imports into {@code country}. */
    static void as4Peer(Path dataDir, String party, String country, String ourPartyId, String theirPartyId, int port,
            Path certificate) throws IOException {
        agreement(dataDir, party, """
                role: PARTNER_SINGLE_WINDOW
                country: %s
                delivery: {channel: AS4}
                retry: {max-attempts: 3, initial-delay: 200ms, max-delay: 1s}
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-country: [%s]}
                as4:
                  our-party-id: %s
                  party-id: %s
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  endpoint: http://127.0.0.1:%d/as4
                  certificate: %s
                """.formatted(country, country, ourPartyId, theirPartyId, port, certificate));
    }

    static void agreement(Path dataDir, String party, String body) throws IOException {
        Files.writeString(dataDir.resolve("agreements").resolve(party + ".yml"), "party: " + party + "\n" + body, StandardCharsets.UTF_8);
    }

    static Path pem(Path file, X509Certificate certificate) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    static IssuedIdentity stranger() {
        return pki.issue("SG-NSW", "Not the Singapore gateway", KeyFamily.RSA_2048, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
    }
}
