package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcMessageLedger;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manifests in China's own manifest messages (CN-MANIFEST): a shipping agent's MT2101 reaches customs as written,
 * customs' response comes back as customs wrote it and sets the manifest's status, and a manifest filed in the
 * gateway's own XML reaches customs in China's shape.
 */
class CnManifestExchangeTest extends GatewayIntegrationTest {

    @Autowired
    JdbcMessageLedger ledger;

    @Test
    void anAgentsMt2101ReachesCustomsAsWrittenAndCustomsResponseComesBack() {
        String bill = "OOLUQZH" + unique();
        String manifest = Samples.sample("cn-manifest", "valid", "mt2101-export-pre-stowage.xml")
                .replace("CN_MT2101_1p0_720591328450J_20261119142512345", "CN_MT2101_1p0_720591328450J_" + bill)
                .replace("OOLUQZH2611207", bill);

        HttpResponse<String> response = postXml(ENTERPRISE_KEY, manifest);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String trackingId = json(response).get("trackingId").asText();
        JsonNode acknowledged = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "01");
        assertThat(acknowledged.get("type").asText()).isEqualTo("MANIFEST");
        assertThat(acknowledged.get("businessKeys").get("BILL_NO").get(0).asText()).isEqualTo(bill);
        assertThat(reasons(acknowledged)).anySatisfy(r -> assertThat(r).contains("translated from CN-MANIFEST"))
                .anySatisfy(r -> assertThat(r).contains("delivered as received in CN-MANIFEST for CN-CUSTOMS"));
        // customs got what the agent wrote: fields the gateway's manifest has no place for are still there
        String delivered = new String(ledger.outboundPayload(trackingId).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(delivered).contains("urn:Declaration:datamodel:standard:CN:MT2101:1", "<GoodsReceiptPlace>", "<FreightPayment>",
                "<NotifyParty>", bill);

        JsonNode receipts = json(get(ENTERPRISE_KEY, "/api/v1/messages?type=MANIFEST_RECEIPT&businessKey=BILL_NO:" + bill));
        assertThat(receipts.get("items")).hasSize(1);
        String answer = get(ENTERPRISE_KEY, "/api/v1/messages/" + receipts.get("items").get(0).get("trackingId").asText() + "/payload")
                .body();
        assertThat(answer).contains("urn:Declaration:datamodel:standard:CN:MT9999:1", "<Response>", "<Code>01</Code>", bill);
    }

    @Test
    void aManifestInTheGatewaysXmlReachesCustomsInChinasShape() {
        String bill = "PILQZH" + unique();
        String manifest = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("PABV-MT1101-20261120-0001", "PABV-MT1101-" + bill).replace("PILQZH2611001", bill);

        HttpResponse<String> response = postXml(ENTERPRISE_KEY, manifest);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String trackingId = json(response).get("trackingId").asText();
        JsonNode acknowledged = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "01");
        assertThat(reasons(acknowledged)).anySatisfy(r -> assertThat(r).contains("translated to CN-MANIFEST for CN-CUSTOMS"));
        String delivered = new String(ledger.outboundPayload(trackingId).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(delivered).contains("urn:Declaration:datamodel:standard:CN:MT1101:1", "<ID>UN9321483</ID>", "CNQZH/7205", bill);
    }

    @Test
    void aChinaManifestWithAnUnknownFieldIsRefusedNamingIt() {
        String manifest = Samples.sample("cn-manifest", "invalid", "unknown-element.xml");

        HttpResponse<String> response = postXml(ENTERPRISE_KEY, manifest);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode violation = json(response).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(violation.get("path").asText()).startsWith("/Manifest/Declaration");
        assertThat(violation.get("message").asText()).contains("VesselFlag");
    }

    private static List<String> reasons(JsonNode message) {
        List<String> reasons = new ArrayList<>();
        message.get("history").forEach(h -> reasons.add(h.get("reason").asText()));
        return reasons;
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase();
    }
}
