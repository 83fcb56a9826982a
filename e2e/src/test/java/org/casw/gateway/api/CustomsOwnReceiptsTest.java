package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.NewMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * China customs answers in the single window's own receipts: the import response with the unified number, then a
 * DEC_RESULT per step. The gateway finds the declaration each answers, sets its status, and passes the receipt on to
 * the declarant as customs wrote it.
 */
class CustomsOwnReceiptsTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";

    @Autowired
    JdbcMessageLedger ledger;

    @Test
    void theDeclarantGetsCustomsOwnReceiptsAndItsDeclarationTheUnifiedNumberAndEntryId() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("CUS-RCPT-1"))).get("trackingId").asText();

        JsonNode declaration = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");

        String unified = declaration.get("businessKeys").get("SEQ_NO").get(0).asText();
        assertThat(unified).matches("I\\d{4}\\d{13}");
        assertThat(declaration.get("businessKeys").get("ENTRY_ID").get(0).asText()).matches("7205\\d{14}");
        List<String> reasons = new ArrayList<>();
        declaration.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("CN-CUSTOMS 0 imported by the single window as " + unified))
                .anySatisfy(r -> assertThat(r).contains("CN-CUSTOMS L received by customs: Entered"))
                .anySatisfy(r -> assertThat(r).contains("CN-CUSTOMS P released: Goods released"));

        JsonNode receipts = json(get(ENTERPRISE_KEY, "/api/v1/messages?type=DECLARATION_RECEIPT&businessKey=SEQ_NO:" + unified));
        List<String> payloads = new ArrayList<>();
        receipts.get("items").forEach(r -> payloads.add(get(ENTERPRISE_KEY, "/api/v1/messages/" + r.get("trackingId").asText()
                + "/payload").body()));
        assertThat(payloads).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("<DecImportResponse", "<ClientSeqNo>CUS-RCPT-1</ClientSeqNo>"))
                .anySatisfy(p -> assertThat(p).contains("<DEC_RESULT>", "<CHANNEL>L</CHANNEL>"))
                .anySatisfy(p -> assertThat(p).contains("<DEC_RESULT>", "<CHANNEL>P</CHANNEL>"));
    }

    @Test
    void aLaterStepIsAppliedOnceHoweverOftenCustomsSendsIt() {
        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("CUS-RCPT-2"))).get("trackingId").asText();
        JsonNode declaration = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        String closed = closed(declaration.get("businessKeys").get("SEQ_NO").get(0).asText());

        HttpResponse<String> first = postXml(CUSTOMS_KEY, closed);
        HttpResponse<String> again = postXml(CUSTOMS_KEY, closed);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("trackingId").asText()).isEqualTo(json(first).get("trackingId").asText());
        JsonNode after = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "R");
        List<String> closings = new ArrayList<>();
        after.get("history").forEach(h -> {
            if (h.get("reason").asText().contains(" R closed")) {
                closings.add(h.get("reason").asText());
            }
        });
        assertThat(closings).hasSize(1);
    }

    @Test
    void aReceiptForADeclarationCustomsNeverReceivedIsRefusedNamingWhatItLookedFor() {
        String unknown = "I2026" + String.format("%013d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000_000L));

        // neither its unified number nor its entry id was ever given to a declaration
        HttpResponse<String> result = postXml(CUSTOMS_KEY, closed(unknown).replace("720520261000123456", "7205" + unknown.substring(4)));
        HttpResponse<String> imported = postXml(CUSTOMS_KEY, Samples.sample("declaration-receipt", "valid", "import-response-accepted.xml")
                .replace("QZDEMO-20261121-0001", "NEVER-SENT-" + UUID.randomUUID()));

        assertThat(result.statusCode()).isEqualTo(422);
        JsonNode violation = json(result).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("REFERENCE_NOT_FOUND");
        assertThat(violation.get("path").asText()).isEqualTo("/DEC_RESULT/CUS_CIQ_NO");
        assertThat(violation.get("message").asText()).contains("SEQ_NO " + unknown, "ENTRY_ID 7205" + unknown.substring(4), "CN-CUSTOMS");
        assertThat(imported.statusCode()).isEqualTo(422);
        assertThat(json(imported).get("violations").get(0).get("path").asText()).isEqualTo("/DecImportResponse/ClientSeqNo");
    }

    @Test
    void aReceiptIsMatchedOnlyAmongTheDeclarationsDeliveredToItsSender() {
        String clientSeqNo = "SHARED-" + UUID.randomUUID();
        BusinessKeys.Key key = new BusinessKeys.Key(BusinessKeys.Kind.CLIENT_SEQ_NO, clientSeqNo);
        String toCustoms = delivered(clientSeqNo, "CN-CUSTOMS");
        String toWindow = delivered(clientSeqNo, "SG-NSW");

        assertThat(ledger.deliveredWith("CN-CUSTOMS", "DECLARATION", List.of(key))).contains(toCustoms);
        assertThat(ledger.deliveredWith("SG-NSW", "DECLARATION", List.of(key))).contains(toWindow);
        assertThat(ledger.deliveredWith("MY-NSW", "DECLARATION", List.of(key))).isEmpty();
        assertThat(ledger.deliveredWith("CN-CUSTOMS", "MANIFEST", List.of(key))).isEmpty();
    }

    /** A declaration recorded and routed to one receiver, as intake leaves it. */
    private String delivered(String clientSeqNo, String receiver) {
        byte[] payload = Samples.declaration(clientSeqNo + "-" + receiver).getBytes(StandardCharsets.UTF_8);
        String trackingId = ledger.recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP", clientSeqNo + "-" + receiver, "DECLARATION",
                payload, PayloadDigest.sha256Hex(payload), null)).trackingId();
        ledger.validated(trackingId, new BusinessKeys().add(BusinessKeys.Kind.CLIENT_SEQ_NO, clientSeqNo), List.of(receiver), false);
        return trackingId;
    }

    /** Customs closes the declaration with this unified number (channel R). */
    private static String closed(String unified) {
        return Samples.sample("declaration-receipt", "valid", "dec-result-released.xml")
                .replace("I20260000000012345", unified).replace("<CHANNEL>P</CHANNEL>", "<CHANNEL>R</CHANNEL>")
                .replace("Goods released", "Closed").replace("2026-11-21T10:05:00", "2026-11-22T08:00:00");
    }
}
