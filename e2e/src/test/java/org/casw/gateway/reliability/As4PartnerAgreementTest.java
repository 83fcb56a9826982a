package org.casw.gateway.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.ebms3header.Ebms3Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.gateway.reliability.As4GatewayExchangeTest.CUSTOMS_KEY;
import static org.casw.gateway.reliability.As4GatewayExchangeTest.assertRefused;
import static org.casw.gateway.reliability.As4GatewayExchangeTest.awaitOne;

/**
 * A partner access point configured on its own, played by phase4's client in the test JVM as phase4's default sender
 * sends: party ids without a type. The China gateway's agreement with it says so (empty party id types). What the
 * partner gets wrong (types, service and action, the signing certificate) is refused with a coded ebMS error naming
 * what it sent and what the agreement expects, and the gateway's log has one line for it, without a stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As4PartnerAgreementTest {

    static final String PEER = "SG-AS4PEER";
    static final String ISO6523_UEN = "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195";

    static DevPki pki;
    static GatewayProcess china;
    static BareAs4Partner bare;

    @BeforeAll
    static void startTheGateway() throws Exception {
        Path base = TestData.newDataDir("as4-parties");
        pki = DevPki.ensure(base.resolve("pki"));
        Path singaporePem = As4GatewayExchangeTest.pem(base.resolve("singapore-gateway.pem"), pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        Path data = base.resolve("china");
        Files.createDirectories(data.resolve("agreements"));
        Files.createDirectories(data.resolve("certs"));
        try (Stream<Path> files = Files.list(pki.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve("certs").resolve(file.getFileName()));
            }
        }
        china = new GatewayProcess(data, As4GatewayExchangeTest.arguments(data.resolve("agreements")));
        As4GatewayExchangeTest.issuingAuthority(data, "CN-CUSTOMS", "CUSTOMS", "CN", CUSTOMS_KEY, "cn-eport-sm2",
                data.resolve("certs/root-sm2.pem"));
        As4GatewayExchangeTest.agreement(data, "SG-NSW", """
                role: PARTNER_SINGLE_WINDOW
                country: SG
                as4:
                  our-party-id: CN-CASW
                  our-party-id-type: ""
                  party-id: %s
                  party-id-type: ""
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                """.formatted(PEER, singaporePem));
        china.start();
        bare = new BareAs4Partner(PEER, "CN-CASW", pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048));
    }

    @AfterAll
    static void stop() {
        if (bare != null) {
            bare.close();
        }
        if (china != null) {
            china.close();
        }
    }

    @Test
    @Order(1)
    void untypedPartyIdsAreTakenInUnderAnAgreementThatSaysSoAndTheEndPartiesAreRecorded() throws Exception {
        HttpResponse<String> receipt = post("untyped-1@sg-as4peer.test", "E26-SG-AP-910001", singaporeKey(), client -> {
            untyped(client);
            Ebms3Property recipient = new Ebms3Property();
            recipient.setName("finalRecipient");
            recipient.setType(ISO6523_UEN);
            recipient.setValue("T08GB0001A");
            client.ebms3Properties().add(recipient);
        });

        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.body()).contains("Receipt").contains("NonRepudiationInformation").doesNotContain("EBMS:0");
        String trackingId = awaitOne(china.client(), CUSTOMS_KEY, "E26-SG-AP-910001").get("trackingId").asText();
        JsonNode message = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages/" + trackingId));
        assertThat(message.get("history").toString()).contains("AS4 four-corner: originalSender SG-NSW (untyped), finalRecipient"
                + " T08GB0001A (type " + ISO6523_UEN + ")");
    }

    @Test
    @Order(2)
    void typedPartyIdsAreRefusedNamingTheUntypedOnesTheAgreementExpects() throws Exception {
        // the bare partner's own default: both ids typed ebCore unregistered
        HttpResponse<String> answer = post("typed-1@sg-as4peer.test", "E26-SG-AP-910002", singaporeKey(), client -> { });

        assertRefused(answer, "EBMS:0010", "party SG-AS4PEER (type urn:oasis:names:tc:ebcore:partyid-type:unregistered) sending to CN-CASW"
                + " (type urn:oasis:names:tc:ebcore:partyid-type:unregistered) is in no agreement; the agreement with SG-NSW expects"
                + " SG-AS4PEER (untyped) sending to CN-CASW (untyped)");
        assertNotTakenIn("E26-SG-AP-910002");
    }

    @Test
    @Order(3)
    void aServiceAndActionOutsideTheAgreementAreRefusedNamingBoth() throws Exception {
        HttpResponse<String> answer = post("service-1@sg-as4peer.test", "E26-SG-AP-910003", singaporeKey(), client -> {
            untyped(client);
            client.setServiceValue("urn:as4peer:service");
            client.setAction("urn:as4peer:action");
        });

        assertRefused(answer, "EBMS:0010", "service urn:as4peer:service with action urn:as4peer:action is not in the agreement with SG-NSW:"
                + " it expects service urn:casw:as4:trade-documents with action Deliver");
        assertNotTakenIn("E26-SG-AP-910003");
    }

    @Test
    @Order(4)
    void aMessageSignedByACertificateNotInTheAgreementIsRefusedNamingBothCertificatesInOneLogLine() throws Exception {
        // same CA, same party, another key: what a partner that renewed its certificate without telling anyone sends
        IssuedIdentity stranger = pki.issue("SG-NSW", "Not the Singapore gateway", KeyFamily.RSA_2048, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)));
        X509Certificate expected = pki.certificate("SG-NSW", KeyFamily.RSA_2048);
        long logBefore = Files.size(china.log());

        HttpResponse<String> answer = post("stranger-1@sg-as4peer.test", "E26-SG-AP-910004", stranger, As4PartnerAgreementTest::untyped);

        assertRefused(answer, "EBMS:0101", "signed by " + stranger.certificate().getSubjectX500Principal().getName() + " (serial "
                + stranger.certificate().getSerialNumber().toString(16) + "); the agreement with SG-NSW expects "
                + expected.getSubjectX500Principal().getName() + " (serial " + expected.getSerialNumber().toString(16) + ")");
        assertThat(answer.body()).doesNotContain("certpath").doesNotContain("FailedDecryption");
        assertNotTakenIn("E26-SG-AP-910004");
        List<String> logged = logSince(logBefore);
        assertThat(logged).filteredOn(line -> line.contains("stranger-1@sg-as4peer.test")).singleElement().asString()
                .contains(" WARN ").contains("refused: EBMS:0101 signed by");
        assertThat(logged).as("no stack trace, no second line").noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")
                || line.contains(" ERROR ") || (line.contains(" WARN ") && !line.contains("stranger-1@sg-as4peer.test")));
    }

    /** A partner's broken signature is its mistake: one WARN line with WSS4J's reason, no stack trace. */
    @Test
    @Order(5)
    void aMessageTamperedWithAfterSigningIsRefusedWithOneLogLineAndNoStackTrace() throws Exception {
        BareAs4Partner.Built built = bare.build("tampered-1@sg-as4peer.test", As4GatewayExchangeTest.certificate("E26-SG-AP-910005"),
                singaporeKey().privateKey(), singaporeKey().certificate(), true, true, As4PartnerAgreementTest::untyped);
        String body = new String(built.body(), StandardCharsets.ISO_8859_1);
        byte[] tampered = body.replaceFirst("urn:casw:as4:trade-documents", "urn:casw:as4:trade-documentz")
                .getBytes(StandardCharsets.ISO_8859_1);
        long logBefore = Files.size(china.log());

        HttpResponse<String> answer = BareAs4Partner.post(endpoint(), tampered, built.contentType());

        assertRefused(answer, "EBMS:0102", "FAILED_CHECK");
        assertNotTakenIn("E26-SG-AP-910005");
        List<String> logged = logSince(logBefore);
        assertThat(logged).anyMatch(line -> line.contains(" WARN ") && line.contains("AS4 message refused: its WS-Security header failed"
                + " (FAILED_CHECK)"));
        assertThat(logged).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.contains("WSSecurityException:"));
    }

    /** phase4's start-up warning about profiles and its per-message warnings about profile validation are gone at their cause. */
    @Test
    @Order(6)
    void phase4NeitherWarnsAboutItsProfileAtStartNorAboutProfileValidationPerMessage() throws Exception {
        List<String> logged = logSince(0);

        assertThat(logged).as("the gateway started and took messages in").anyMatch(line -> line.contains("AS4 channel ready"))
                .anyMatch(line -> line.contains("untyped-1@sg-as4peer.test"));
        assertThat(logged).noneMatch(line -> line.contains("No AS4 profile is registered"))
                .noneMatch(line -> line.contains("has a validation configured"))
                .noneMatch(line -> line.contains("Error invoking synchronous SPIs"));
    }

    private static HttpResponse<String> post(String messageId, String certificateNo, IssuedIdentity signer,
            Consumer<AS4ClientUserMessage> header) throws Exception {
        return BareAs4Partner.post(endpoint(), bare.build(messageId, As4GatewayExchangeTest.certificate(certificateNo),
                signer.privateKey(), signer.certificate(), true, true, header));
    }

    /** As phase4's sender sends when no party id type is set. */
    private static void untyped(AS4ClientUserMessage client) {
        client.setFromPartyIDType(null);
        client.setToPartyIDType(null);
    }

    private static IssuedIdentity singaporeKey() {
        return pki.identity("SG-NSW", KeyFamily.RSA_2048);
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + china.port() + "/as4";
    }

    private static void assertNotTakenIn(String certificateNo) {
        JsonNode page = GatewayClient.json(china.client().get(CUSTOMS_KEY, "/api/v1/messages?businessKey=" + certificateNo));
        assertThat(page.get("items")).isEmpty();
    }

    private static List<String> logSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(china.log());
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).lines().toList();
    }
}
