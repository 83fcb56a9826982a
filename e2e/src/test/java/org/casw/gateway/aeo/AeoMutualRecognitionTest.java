package org.casw.gateway.aeo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.persistence.JdbcAeoRegistry;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.aeo.AeoStatus;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AEO mutual recognition end to end on a real gateway (embedded PostgreSQL and Artemis): partner windows' AEO
 * status notices are verified, checked, stored and routed to China customs; China's goes to the partner windows;
 * a declaration of a recognised AEO enterprise in force takes the FAST lane, visible in the answer, in tracking
 * and as a routing fact (an extra party, AEO-DESK, receives FAST declarations only).
 */
class AeoMutualRecognitionTest {

    private static final String SG_KEY = "demo-sg-nsw-key";
    private static final String CUSTOMS_KEY = "sandbox-customs-key";
    private static final String ENTERPRISE_KEY = "demo-enterprise-key";

    /**
     * Enterprises the demo enterprise declares for (its agreement's declares-for): only their AEO statuses can give its
     * declarations the fast lane. Fresh per run, so tests do not see each other's statuses.
     */
    private static final String SG_IN_FORCE = enterpriseId();
    private static final String SG_SUSPENDED = enterpriseId();
    private static final String SG_UNRECOGNISED = enterpriseId();
    private static final String CN_TRADING_COMPANY = "91450700MA5N8K2X8B";
    private static final String CN_BONDED_TRADER = freshUscc();

    /** The sample declarations are dated 2026-11-21: statuses in force from before then, whatever today is. */
    private static final LocalDate SAMPLE_YEAR_START = LocalDate.of(2026, 1, 1);

    private static ConfigurableApplicationContext gateway;
    private static GatewayClient client;
    private static int port;
    private static Path dataDir;
    private static JdbcAeoRegistry registry;

    @BeforeAll
    static void gatewayWithAnAeoDesk() {
        dataDir = TestData.newDataDir("aeo");
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.port.enabled=false",
                "--sandbox.rail.enabled=false",
                "--sandbox.customs.delay=100ms",
                "--sandbox.sg-nsw.delay=50ms",
                "--sandbox.my-nsw.delay=50ms",
                // a customs desk that receives only declarations in the fast lane: the lane as a routing fact
                "--gateway.partners.AEO-DESK.party=AEO-DESK",
                "--gateway.partners.AEO-DESK.name=AEO fast-lane desk (test)",
                "--gateway.partners.AEO-DESK.role=CUSTOMS",
                "--gateway.partners.AEO-DESK.country=CN",
                "--gateway.partners.AEO-DESK.receives[0].document-type=DECLARATION",
                "--gateway.partners.AEO-DESK.receives[0].when.lane[0]=FAST",
                "--gateway.partners.DEMO-ENTERPRISE.declares-for[0]=SG" + SG_IN_FORCE,
                "--gateway.partners.DEMO-ENTERPRISE.declares-for[1]=SG" + SG_SUSPENDED,
                "--gateway.partners.DEMO-ENTERPRISE.declares-for[2]=SG" + SG_UNRECOGNISED,
                "--gateway.partners.DEMO-ENTERPRISE.declares-for[3]=" + CN_TRADING_COMPANY,
                "--gateway.partners.DEMO-ENTERPRISE.declares-for[4]=" + CN_BONDED_TRADER);
        port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        client = new GatewayClient(port);
        registry = gateway.getBean(JdbcAeoRegistry.class);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theSingaporeWindowsNoticeIsVerifiedStoredAndRoutedToChinaCustoms() throws Exception {
        String inForce = enterpriseId();
        String suspended = enterpriseId();
        HttpResponse<String> sent = postJson("/sandbox/windows/SG-NSW/aeo", """
                {"enterprises": [
                  {"id": "%s", "name": "Jurong Test Foods Pte. Ltd.", "status": "VALID"},
                  {"id": "%s", "name": "Tuas Test Logistics Pte. Ltd.", "status": "SUSPENDED"}]}""".formatted(inForce, suspended));
        JsonNode answer = GatewayClient.json(sent);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        assertThat(answer.get("gatewayStatus").asInt()).isEqualTo(202);
        String trackingId = answer.get("trackingId").asText();

        JsonNode message = awaitStatus(SG_KEY, trackingId, "DELIVERED");
        assertThat(message.get("type").asText()).isEqualTo("AEO_STATUS");
        assertThat(message.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
        assertThat(history(message)).anyMatch(h -> h.startsWith("signature verified: xmldsig-ecdsa-sha256"));
        assertThat(message.get("businessKeys").get("AEO_ENTERPRISE")).extracting(JsonNode::asText)
                .contains("SG:" + inForce, "SG:" + suspended);

        AeoStatus held = registry.find("SG", inForce).orElseThrow();
        assertThat(held.programme()).isEqualTo("SG-STP-PLUS");
        assertThat(held.status()).isEqualTo("VALID");
        assertThat(held.inForceOn(LocalDate.now())).isTrue();
        assertThat(registry.find("SG", suspended).orElseThrow().status()).isEqualTo("SUSPENDED");

        // operators see what is held and which statuses give the fast lane today; parties may not
        JsonNode listed = GatewayClient.json(client.get("demo-operator-key", "/api/v1/aeo-statuses?country=SG"));
        List<String> fastLane = new ArrayList<>();
        listed.forEach(s -> {
            if (s.get("fastLane").asBoolean()) {
                fastLane.add(s.get("enterpriseId").asText());
            }
        });
        assertThat(fastLane).contains(inForce).doesNotContain(suspended);
        assertThat(client.get(SG_KEY, "/api/v1/aeo-statuses").statusCode()).isEqualTo(403);
    }

    @Test
    void anUnsignedNoticeFromAPartnerWindowIsRefused() {
        HttpResponse<String> response = client.postXml(SG_KEY, notice("SG", "SG-STP-PLUS", enterprise(enterpriseId(), "VALID",
                LocalDate.now().minusYears(1), LocalDate.now().plusYears(1))));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("SIGNATURE_REQUIRED");
    }

    @Test
    void aWindowMayReportOnlyItsOwnCountrysStatuses() {
        String id = enterpriseId();
        HttpResponse<String> response = client.postXml(SG_KEY, signedBySingapore(notice("MY", "MY-AEO", enterprise(id, "VALID",
                LocalDate.now().minusYears(1), LocalDate.now().plusYears(1)))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("AEO_ISSUER_MISMATCH", "/AeoStatusNotice/IssuingCountry");
        assertThat(registry.find("MY", id)).isEmpty();
    }

    @Test
    void aNoticeBreakingTheRulesIsRefusedWithStableCodes() {
        String expiredId = enterpriseId();
        HttpResponse<String> expired = client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS", enterprise(expiredId, "VALID",
                LocalDate.now().minusYears(3), LocalDate.now().minusDays(10)))));
        HttpResponse<String> unknownCountry = client.postXml(SG_KEY, signedBySingapore(notice("XX", "XX-AEO", enterprise(enterpriseId(),
                "VALID", LocalDate.now().minusYears(1), LocalDate.now().plusYears(1)))));

        assertThat(expired.statusCode()).isEqualTo(422);
        assertThat(GatewayClient.json(expired).get("violations").get(0).get("code").asText()).isEqualTo("AEO_VALIDITY_EXPIRED");
        assertThat(registry.find("SG", expiredId)).isEmpty();
        assertThat(unknownCountry.statusCode()).isEqualTo(422);
        assertThat(GatewayClient.json(unknownCountry).get("violations").get(0).get("code").asText()).isEqualTo("AEO_COUNTRY_UNKNOWN");
    }

    @Test
    void aNoticeDatedAfterTodayInChinaIsRefused() {
        String id = enterpriseId();
        LocalDate tomorrowInChina = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);

        HttpResponse<String> response = client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS", tomorrowInChina,
                enterprise(id, "VALID", LocalDate.now().minusYears(1), LocalDate.now().plusYears(1)))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode violation = GatewayClient.json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("AEO_ISSUE_DATE_IN_FUTURE");
        assertThat(violation.get("path").asText()).isEqualTo("/AeoStatusNotice/IssueDate");
        assertThat(registry.find("SG", id)).isEmpty();
    }

    @Test
    void aNoticeOlderThanTheOneHeldIsRefusedAndOnlyTheNewestCounts() {
        String id = enterpriseId();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String newer = notice("SG", "SG-STP-PLUS", today, enterprise(id, "VALID", SAMPLE_YEAR_START, LocalDate.now().plusYears(1)));
        HttpResponse<String> held = client.postXml(SG_KEY, signedBySingapore(newer));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        String heldNoticeId = registry.find("SG", id).orElseThrow().noticeId();

        // a notice of the day before (late, or replayed) would suspend the enterprise again: refused, not routed
        HttpResponse<String> older = client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS", today.minusDays(1),
                enterprise(id, "SUSPENDED", SAMPLE_YEAR_START, LocalDate.now().plusYears(1)))));

        assertThat(older.statusCode()).as(older.body()).isEqualTo(422);
        JsonNode violation = GatewayClient.json(older).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("AEO_NOTICE_SUPERSEDED");
        assertThat(violation.get("path").asText()).isEqualTo("/AeoStatusNotice/IssueDate");
        assertThat(violation.get("message").asText()).contains(heldNoticeId, id);
        assertThat(GatewayClient.json(client.get(SG_KEY, "/api/v1/messages/" + GatewayClient.json(older).get("trackingId").asText()))
                .get("status").asText()).isEqualTo("REJECTED");
        assertThat(registry.find("SG", id).orElseThrow().status()).isEqualTo("VALID");
        assertThat(registry.find("SG", id).orElseThrow().noticeId()).isEqualTo(heldNoticeId);

        // a notice of the same day that arrives later is the newest: it counts
        HttpResponse<String> sameDay = client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS", today,
                enterprise(id, "SUSPENDED", SAMPLE_YEAR_START, LocalDate.now().plusYears(1)))));
        assertThat(sameDay.statusCode()).as(sameDay.body()).isEqualTo(202);
        assertThat(registry.find("SG", id).orElseThrow().status()).isEqualTo("SUSPENDED");
    }

    @Test
    void chinasNoticeGoesToThePartnerWindowsWhoseAgreementsReceiveIt() throws Exception {
        String uscc = "91450702MA5KQ0T19H";
        HttpResponse<String> sent = client.postXml(CUSTOMS_KEY, notice("CN", "CN-AEO-ADVANCED", enterprise(uscc, "VALID",
                LocalDate.now().minusYears(1), LocalDate.now().plusYears(2))));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String trackingId = GatewayClient.json(sent).get("trackingId").asText();

        JsonNode message = awaitStatus(CUSTOMS_KEY, trackingId, "DELIVERED");
        List<String> receivers = new ArrayList<>();
        List<String> deliveries = new ArrayList<>();
        message.get("deliveries").forEach(d -> {
            receivers.add(d.get("receiver").asText());
            deliveries.add(d.get("trackingId").asText());
        });
        assertThat(receivers).containsExactlyInAnyOrder("SG-NSW", "MY-NSW");
        // each window received its copy, signed by the gateway, and verified the signature before acknowledging
        for (String window : List.of("SG-NSW", "MY-NSW")) {
            JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> GatewayClient.json(client.get("demo-operator-key", "/sandbox/windows/"
                    + window + "/inbox")), i -> deliveries.stream().anyMatch(i::has));
            String received = deliveries.stream().filter(inbox::has).findFirst().orElseThrow();
            assertThat(inbox.get(received).get("documentType").asText()).isEqualTo("AEO_STATUS");
            assertThat(inbox.get(received).get("signer").asText()).contains("OU=CASW-GATEWAY");
        }
        assertThat(registry.find("CN", uscc).orElseThrow().programme()).isEqualTo("CN-AEO-ADVANCED");
    }

    @Test
    void aDeclarationOfARecognisedAeoEnterpriseTakesTheFastLaneAndASuspendedOneTheNormalLane() throws Exception {
        String inForce = SG_IN_FORCE;
        String suspended = SG_SUSPENDED;
        String unrecognised = SG_UNRECOGNISED;
        assertThat(client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS",
                enterprise(inForce, "VALID", SAMPLE_YEAR_START, LocalDate.now().plusYears(1))
                        + enterprise(suspended, "SUSPENDED", SAMPLE_YEAR_START, LocalDate.now().plusYears(1))))).statusCode())
                .isEqualTo(202);
        // a programme China does not recognise: held, but no fast lane
        assertThat(client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-TRADEFIRST", enterprise(unrecognised, "VALID",
                SAMPLE_YEAR_START, LocalDate.now().plusYears(1))))).statusCode()).isEqualTo(202);

        String fastSeqNo = "AEO-" + UUID.randomUUID();
        HttpResponse<String> fast = client.postXml(ENTERPRISE_KEY, declarationWithOverseasParty("SG" + inForce, fastSeqNo));
        HttpResponse<String> slow = client.postXml(ENTERPRISE_KEY, declarationWithOverseasParty("SG" + suspended, "AEO-" + UUID.randomUUID()));
        HttpResponse<String> notRecognised = client.postXml(ENTERPRISE_KEY, declarationWithOverseasParty("SG" + unrecognised,
                "AEO-" + UUID.randomUUID()));
        HttpResponse<String> noAeo = client.postXml(ENTERPRISE_KEY, Samples.declaration("AEO-" + UUID.randomUUID()));

        assertThat(fast.statusCode()).as(fast.body()).isEqualTo(202);
        assertThat(GatewayClient.json(fast).get("lane").asText()).isEqualTo("FAST");
        assertThat(GatewayClient.json(slow).get("lane").asText()).isEqualTo("NORMAL");
        assertThat(GatewayClient.json(notRecognised).get("lane").asText()).isEqualTo("NORMAL");
        assertThat(GatewayClient.json(noAeo).get("lane").asText()).isEqualTo("NORMAL");

        JsonNode fastMessage = awaitStatus(ENTERPRISE_KEY, GatewayClient.json(fast).get("trackingId").asText(), "DELIVERED");
        assertThat(fastMessage.get("businessKeys").get("LANE").get(0).asText()).isEqualTo("FAST");
        assertThat(history(fastMessage)).contains("lane FAST: AEO SG SG-STP-PLUS " + inForce + " (SG-STP-PLUS-" + inForce
                + ") in force on 2026-11-21");
        assertThat(receivers(fastMessage)).containsExactlyInAnyOrder("CN-CUSTOMS", "AEO-DESK");

        JsonNode slowMessage = awaitStatus(ENTERPRISE_KEY, GatewayClient.json(slow).get("trackingId").asText(), "DELIVERED");
        assertThat(slowMessage.get("businessKeys").get("LANE").get(0).asText()).isEqualTo("NORMAL");
        assertThat(history(slowMessage)).anyMatch(h -> h.startsWith("lane NORMAL: SG SG-STP-PLUS " + suspended) && h.contains("is SUSPENDED"));
        assertThat(receivers(slowMessage)).containsExactly("CN-CUSTOMS");
        JsonNode notRecognisedMessage = GatewayClient.json(client.get(ENTERPRISE_KEY, "/api/v1/messages/"
                + GatewayClient.json(notRecognised).get("trackingId").asText()));
        assertThat(history(notRecognisedMessage)).anyMatch(h -> h.contains("is not a recognised programme"));
        // a declaration concerning no AEO at all: lane NORMAL, and its history keeps its usual steps
        JsonNode plain = GatewayClient.json(client.get(ENTERPRISE_KEY, "/api/v1/messages/" + GatewayClient.json(noAeo).get("trackingId").asText()));
        assertThat(plain.get("businessKeys").get("LANE").get(0).asText()).isEqualTo("NORMAL");
        assertThat(history(plain)).noneMatch(h -> h.startsWith("lane "));

        // a resend is answered with the lane the first submission got
        HttpResponse<String> resent = client.postXml(ENTERPRISE_KEY, declarationWithOverseasParty("SG" + inForce, fastSeqNo));
        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.json(resent).get("lane").asText()).isEqualTo("FAST");
    }

    @Test
    void aChineseAeoTradingCompanyTakesTheFastLaneOnlyWithinItsValidity() {
        String uscc = CN_TRADING_COMPANY;
        // the declaration (DDate 2026-11-21) falls inside the first validity, not the second
        assertThat(client.postXml(CUSTOMS_KEY, notice("CN", "CN-AEO-ADVANCED", enterprise(uscc, "VALID", LocalDate.of(2026, 1, 1),
                LocalDate.now().plusYears(1)))).statusCode()).isEqualTo(202);
        HttpResponse<String> inValidity = client.postXml(ENTERPRISE_KEY, declarationOfTradingCompany(uscc));
        assertThat(GatewayClient.json(inValidity).get("lane").asText()).as(inValidity.body()).isEqualTo("FAST");

        assertThat(client.postXml(CUSTOMS_KEY, notice("CN", "CN-AEO-ADVANCED", enterprise(uscc, "VALID", LocalDate.of(2026, 12, 1),
                LocalDate.now().plusYears(1)))).statusCode()).isEqualTo(202);
        HttpResponse<String> beforeValidity = client.postXml(ENTERPRISE_KEY, declarationOfTradingCompany(uscc));
        assertThat(GatewayClient.json(beforeValidity).get("lane").asText()).isEqualTo("NORMAL");
    }

    @Test
    void eachConsignmentOfAnAggregateDeclarationOfARecognisedAeoTakesTheFastLane() {
        String uscc = CN_BONDED_TRADER;
        assertThat(client.postXml(CUSTOMS_KEY, notice("CN", "CN-AEO-ADVANCED", enterprise(uscc, "VALID", SAMPLE_YEAR_START,
                LocalDate.now().plusYears(1)))).statusCode()).isEqualTo(202);
        String aggregateId = "AGG-AEO-" + UUID.randomUUID().toString().substring(0, 8);
        String aggregate = Samples.sample("aggregate-declaration", "valid", "qinzhou-bonded-three-consignments.xml")
                .replace("QZBZ-AGG-202611-0001", aggregateId)
                .replace("<TradeCoScc>91450700MA5L3QR71R</TradeCoScc>", "<TradeCoScc>" + uscc + "</TradeCoScc>");

        HttpResponse<String> accepted = client.postXml(ENTERPRISE_KEY, aggregate);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode split = GatewayClient.json(client.get(ENTERPRISE_KEY, "/api/v1/messages/" + GatewayClient.json(accepted).get("trackingId").asText()));
        assertThat(split.get("parts")).hasSize(3);
        split.get("parts").forEach(p -> {
            JsonNode part = awaitStatus(ENTERPRISE_KEY, p.get("trackingId").asText(), "DELIVERED");
            assertThat(part.get("businessKeys").get("LANE").get(0).asText()).isEqualTo("FAST");
            assertThat(history(part)).anyMatch(h -> h.startsWith("lane FAST: AEO CN CN-AEO-ADVANCED " + uscc));
            assertThat(receivers(part)).as("the lane is a routing fact for each consignment").containsExactlyInAnyOrder("CN-CUSTOMS", "AEO-DESK");
        });
        // customs holds a copy of each consignment's declaration (the other receiver, the original): its receipts
        // still reach the aggregate, and the aggregate receipt tells each consignment's lane
        String aggregateTrackingId = GatewayClient.json(accepted).get("trackingId").asText();
        JsonNode released = client.awaitAcknowledged(ENTERPRISE_KEY, aggregateTrackingId, "P");
        released.get("parts").forEach(p -> assertThat(p.get("destinationStatus").asText()).isEqualTo("P"));
        String receipt = await().atMost(Duration.ofSeconds(30)).until(() -> lastAggregateReceipt(aggregateId),
                r -> r != null && r.contains("<Status>RELEASED</Status>"));
        assertThat(receipt.split("<Lane>FAST</Lane>", -1)).as(receipt).hasSize(4);
        assertThat(receipt).doesNotContain("<Lane>NORMAL</Lane>").contains("<EntryId>");
    }

    @Test
    void anAeoEnterpriseTheDeclarantDoesNotActForGivesNoFastLane() {
        String stranger = enterpriseId();
        assertThat(client.postXml(SG_KEY, signedBySingapore(notice("SG", "SG-STP-PLUS", enterprise(stranger, "VALID",
                SAMPLE_YEAR_START, LocalDate.now().plusYears(1))))).statusCode()).isEqualTo(202);

        HttpResponse<String> declared = client.postXml(ENTERPRISE_KEY, declarationWithOverseasParty("SG" + stranger,
                "AEO-" + UUID.randomUUID()));

        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(202);
        assertThat(GatewayClient.json(declared).get("lane").asText()).isEqualTo("NORMAL");
        JsonNode message = GatewayClient.json(client.get(ENTERPRISE_KEY, "/api/v1/messages/"
                + GatewayClient.json(declared).get("trackingId").asText()));
        assertThat(history(message)).anyMatch(h -> h.startsWith("lane NORMAL: SG SG-STP-PLUS " + stranger)
                && h.contains("is not an enterprise the declarant acts for"));
    }

    @Test
    void anEnterpriseMayNotIssueAnAeoNoticeEvenForItsOwnCountry() {
        HttpResponse<String> response = client.postXml(ENTERPRISE_KEY, notice("CN", "CN-AEO-ADVANCED", enterprise("91450700MA5L3QR71R",
                "VALID", SAMPLE_YEAR_START, LocalDate.now().plusYears(1))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(GatewayClient.json(response).get("code").asText()).isEqualTo("DOCUMENT_TYPE_NOT_ALLOWED");
        assertThat(registry.find("CN", "91450700MA5L3QR71R")).isEmpty();
    }

    /** The latest aggregate receipt delivered to the submitter's mailbox for an aggregate, or null before the first. */
    private static String lastAggregateReceipt(String aggregateId) {
        JsonNode page = GatewayClient.json(client.get(ENTERPRISE_KEY,
                "/api/v1/messages?type=AGGREGATE_RECEIPT&size=50&businessKey=CLIENT_SEQ_NO:" + aggregateId));
        JdbcMessageLedger ledger = gateway.getBean(JdbcMessageLedger.class);
        String last = null;
        int sequence = 0;
        for (JsonNode item : page.get("items")) {
            String id = item.get("trackingId").asText();
            if (ledger.find(id).orElseThrow().status().isDeliveredOrBeyond()) {
                String receipt = new String(ledger.outboundPayload(id).orElseThrow(), StandardCharsets.UTF_8);
                java.util.regex.Matcher number = java.util.regex.Pattern.compile("<Sequence>(\\d+)</Sequence>").matcher(receipt);
                if (number.find() && Integer.parseInt(number.group(1)) > sequence) {
                    sequence = Integer.parseInt(number.group(1));
                    last = receipt;
                }
            }
        }
        return last;
    }

    /** A unified social credit code no other test uses, with valid check characters. */
    private static String freshUscc() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        String stem = "91450700" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase().replaceAll("[^0-9]", "7");
        for (char organisationCheck : "0123456789X".toCharArray()) {
            for (char check : alphabet.toCharArray()) {
                String candidate = stem + organisationCheck + check;
                if (CheckDigits.isValidUscc(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no check characters for " + stem);
    }

    private static String declarationWithOverseasParty(String code, String clientSeqNo) {
        return Samples.declaration(clientSeqNo).replace("<OverseasConsignorCode/>",
                "<OverseasConsignorCode>" + code + "</OverseasConsignorCode>");
    }

    private static String declarationOfTradingCompany(String uscc) {
        return Samples.declaration("AEO-" + UUID.randomUUID())
                .replace("<TradeCoScc>91450700MA5L3QR71R</TradeCoScc>", "<TradeCoScc>" + uscc + "</TradeCoScc>");
    }

    /** A fresh Singapore-style enterprise id (UEN-like), so tests do not see each other's statuses. */
    private static String enterpriseId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }

    private static String notice(String country, String programme, String enterprises) {
        return notice(country, programme, LocalDate.now(ZoneId.of("Asia/Shanghai")), enterprises);
    }

    private static String notice(String country, String programme, LocalDate issueDate, String enterprises) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <AeoStatusNotice xmlns="urn:casw:aeo:1" version="1.0">
                  <NoticeId>%s</NoticeId>
                  <IssuingCountry>%s</IssuingCountry>
                  <Programme>%s</Programme>
                  <IssueDate>%s</IssueDate>
                %s</AeoStatusNotice>
                """.formatted(country + "-AEO-" + UUID.randomUUID().toString().substring(0, 8), country, programme, issueDate,
                enterprises);
    }

    private static String enterprise(String id, String status, LocalDate from, LocalDate until) {
        return """
                  <Enterprise>
                    <Identifier>%s</Identifier>
                    <Name>Enterprise %s</Name>
                    <AuthorisationNo>SG-STP-PLUS-%s</AuthorisationNo>
                    <Status>%s</Status>
                    <ValidFrom>%s</ValidFrom>
                    <ValidUntil>%s</ValidUntil>
                  </Enterprise>
                """.formatted(id, id, id, status, from, until);
    }

    private static String signedBySingapore(String xml) {
        IssuedIdentity window = DevPki.ensure(dataDir.resolve("certs")).identity("SG-NSW", KeyFamily.EC_P256);
        return new String(new XmlSigner().sign(xml.getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(window.privateKey(), window.chain()), SigningOptions.defaults()), StandardCharsets.UTF_8);
    }

    private static JsonNode awaitStatus(String key, String trackingId, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> GatewayClient.json(client.get(key, "/api/v1/messages/" + trackingId)),
                m -> status.equals(m.path("status").asText()) || "ACKNOWLEDGED".equals(m.path("status").asText()));
    }

    private static List<String> history(JsonNode message) {
        List<String> reasons = new ArrayList<>();
        message.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
        return reasons;
    }

    private static List<String> receivers(JsonNode message) {
        List<String> receivers = new ArrayList<>();
        receivers.add(message.get("receiver").asText());
        if (message.has("deliveries")) {
            message.get("deliveries").forEach(d -> receivers.add(d.get("receiver").asText()));
        }
        return receivers.stream().distinct().toList();
    }

    /** A request to the Singapore sandbox window, with its own party's key (a sandbox answers only it and operators). */
    private static HttpResponse<String> postJson(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer demo-sg-nsw-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
