package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A declaration's journey through the HTTP API, and every way a submission can be refused. */
class DeclarationSubmissionTest extends GatewayIntegrationTest {

    @Autowired
    JdbcMessageLedger ledger;


    @Test
    void validDeclarationIsQueuedDeliveredToCustomsAndAcknowledgedAsReleased() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.declaration("JOURNEY-1"));

        assertThat(response.statusCode()).isEqualTo(202);
        String trackingId = json(response).get("trackingId").asText();
        assertThat(json(response).get("status").asText()).isEqualTo("QUEUED");
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/messages/" + trackingId);

        JsonNode message = awaitStatusAndCode(trackingId, "P");
        assertThat(message.get("type").asText()).isEqualTo("DECLARATION");
        assertThat(message.get("messageId").asText()).isEqualTo("JOURNEY-1");
        assertThat(message.get("sender").asText()).isEqualTo("DEMO-ENTERPRISE");
        assertThat(message.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
        assertThat(message.get("businessKeys").get("BILL_NO").get(0).asText()).isEqualTo("PILQZH2611001");
        assertThat(message.get("businessKeys").get("CONTAINER_NO").get(0).asText()).isEqualTo("CSQU3054383");
        assertThat(message.get("businessKeys").get("ENTRY_ID").get(0).asText()).matches("7205\\d{14}");
        List<String> statuses = new ArrayList<>();
        message.get("history").forEach(h -> statuses.add(h.get("status").asText()));
        // customs' import response (the unified number), then L, then P
        assertThat(statuses).containsExactly("RECEIVED", "VALIDATED", "SIGNED", "QUEUED", "DELIVERED", "ACKNOWLEDGED", "ACKNOWLEDGED",
                "ACKNOWLEDGED");
        assertThat(message.get("history").get(2).get("reason").asText()).contains("cn-eport-sm2", "CASW-GATEWAY");
        assertThat(message.get("history").get(7).get("reason").asText()).contains("P released");
    }

    @Test
    void whatCustomsReceivesCarriesTheGatewaysEportSignature() throws Exception {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("SIGNED-1"))).get("trackingId").asText();
        awaitDelivered(ENTERPRISE_KEY, trackingId);

        byte[] delivered = ledger.outboundPayload(trackingId).orElseThrow();
        var trust = new PkixCertificateTrust(List.of(devPki.rootCertificate(KeyFamily.SM2)));
        var result = new XmlSignatureVerifier().verify(delivered,
                new VerificationPolicy(true, Set.of(SigningProfile.CN_EPORT_SM2), trust, Clock.systemUTC()));

        assertThat(result.violations()).isEmpty();
        assertThat(result.signerSubject()).contains("CASW-GATEWAY");
        assertThat(new String(delivered, java.nio.charset.StandardCharsets.UTF_8)).contains("http://www.w3.org/2000/09/xmldsig#sm2-sm3");
    }

    @Test
    void resendWithTheSameMessageIdAnswersTheFirstTrackingId() {
        String declaration = Samples.declaration("RESEND-1");
        HttpResponse<String> first = postXml(ENTERPRISE_KEY, declaration);
        HttpResponse<String> second = postXml(ENTERPRISE_KEY, declaration);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("trackingId").asText()).isEqualTo(json(first).get("trackingId").asText());
        awaitStatusAndCode(json(first).get("trackingId").asText(), "P");
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION&businessKey=CLIENT_SEQ_NO:RESEND-1")).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void reusingAMessageIdForADifferentDocumentIsAConflict() {
        String declaration = Samples.declaration("REUSED-1");
        String first = json(postXml(ENTERPRISE_KEY, declaration)).get("trackingId").asText();
        HttpResponse<String> conflict = postXml(ENTERPRISE_KEY, declaration.replace("<PackNo>1600</PackNo>", "<PackNo>1601</PackNo>"));

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("code").asText()).isEqualTo("MESSAGE_ID_CONFLICT");
        assertThat(json(conflict).get("trackingId").asText()).isEqualTo(first);
        awaitStatusAndCode(first, "P");
    }

    @Test
    void malformedXmlIsRefusedWith400AndThePosition() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.sample("declaration", "invalid", "malformed-unclosed-tag.xml"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode violation = json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("XML_MALFORMED");
        assertThat(violation.get("line").asInt()).isEqualTo(6);
        JsonNode stored = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + json(response).get("trackingId").asText()));
        assertThat(stored.get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void externalEntityAttemptIsRefusedWithoutReadingTheFile() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.sample("declaration", "invalid", "xxe-external-entity.xml"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("XML_DOCTYPE_FORBIDDEN");
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void entityExpansionBombIsRefused() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.sample("declaration", "invalid", "entity-expansion-bomb.xml"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("XML_DOCTYPE_FORBIDDEN");
    }

    @Test
    void payloadOverTheLimitIsRefusedWith413() {
        byte[] body = new byte[10 * 1024 * 1024 + 100];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = post(ENTERPRISE_KEY, "application/xml", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void schemaViolationsAreAllListedWithTheirPaths() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY,
                Samples.sample("declaration", "invalid", "missing-agent-and-bad-commodity-code.xml"));

        assertThat(response.statusCode()).isEqualTo(422);
        List<String> paths = new ArrayList<>();
        json(response).get("violations").forEach(v -> {
            assertThat(v.get("code").asText()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(v.get("line").asInt()).isPositive();
            paths.add(v.get("path").asText());
        });
        assertThat(paths).contains("/DecMessage/DecHead/IEFlag", "/DecMessage/DecHead", "/DecMessage/DecLists/DecList/CodeTS");
        // DecHead's fields come in any order; the missing required one is named, not the ninety it might have been
        assertThat(json(response).get("violations").toString()).contains("required element AgentCodeScc is missing");
    }

    @Test
    void businessRuleViolationsAreRefusedWith422AndTheirCodes() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.sample("declaration", "invalid", "container-check-digit.xml")
                .replace("QZDEMO-20261121-0001", "RULES-1"));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode violation = json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("CONTAINER_CHECK_DIGIT");
        assertThat(violation.get("path").asText()).isEqualTo("/DecMessage/DecContainers/Container/ContainerId");
        assertThat(violation.get("message").asText()).contains("CSQU3054384", "should be 3");
    }

    @Test
    void unknownRootElementIsRefusedNotGuessed() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, Samples.sample("declaration", "invalid", "unknown-root-element.xml"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("code").asText()).isEqualTo("UNKNOWN_DOCUMENT_TYPE");
        assertThat(json(response).get("detail").asText()).contains("PurchaseOrder", "urn:example:orders");
    }

    @Test
    void nonXmlContentTypeIsRefusedWith415() {
        HttpResponse<String> response = post(ENTERPRISE_KEY, "application/json", "{}".getBytes());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void callsWithoutOrWithAWrongKeyAreUnauthenticated() {
        HttpResponse<String> none = postXml(null, Samples.declaration("NOAUTH-1"));
        HttpResponse<String> wrong = get("not-a-key", "/api/v1/messages");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void aPartyCannotSubmitAsAnotherDeclarant() {
        HttpResponse<String> response = postXml(RAIL_KEY, Samples.declaration("IMPERSONATION-1"));

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode violation = json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("SENDER_MISMATCH");
        assertThat(violation.get("path").asText()).isEqualTo("/DecMessage/DecHead/AgentCodeScc");
    }

    @Test
    void aPartySeesOnlyItsOwnMessages() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("PRIVATE-1"))).get("trackingId").asText();

        assertThat(get(RAIL_KEY, "/api/v1/messages/" + trackingId).statusCode()).isEqualTo(404);
        assertThat(json(get(RAIL_KEY, "/api/v1/messages?businessKey=PRIVATE-1")).get("total").asInt()).isZero();
        assertThat(get(ENTERPRISE_KEY, "/api/v1/messages/" + trackingId).statusCode()).isEqualTo(200);
        awaitStatusAndCode(trackingId, "P");
    }

    @Test
    void searchFindsMessagesByBusinessKeyTypeAndStatus() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("SEARCH-1")
                .replace("PILQZH2611001", "PILQZH2611999"))).get("trackingId").asText();
        awaitStatusAndCode(trackingId, "P");

        JsonNode page = json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION&status=ACKNOWLEDGED&businessKey=PILQZH2611999"));
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(get(ENTERPRISE_KEY, "/api/v1/messages?status=NOPE").statusCode()).isEqualTo(400);
    }

    @Test
    void openApiDocumentAndOperatorEndpointsAreServed() {
        assertThat(json(get(null, "/api/v1/openapi.json")).get("paths").has("/api/v1/messages")).isTrue();
        assertThat(json(get(null, "/actuator/health")).get("status").asText()).isEqualTo("UP");
        assertThat(get("demo-operator-key", "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    private JsonNode awaitStatusAndCode(String trackingId, String code) {
        return client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, code);
    }
}
