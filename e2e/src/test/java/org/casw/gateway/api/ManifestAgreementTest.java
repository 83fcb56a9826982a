package org.casw.gateway.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Data entered once: a declaration is checked against the manifest the gateway holds for its bill, whoever filed it. */
class ManifestAgreementTest extends GatewayIntegrationTest {

    private static final String PORT_KEY = "demo-port-key";

    @Test
    void aDeclarationAgreeingWithTheManifestIsAccepted() {
        String bill = manifestFiled();

        HttpResponse<String> response = postXml(ENTERPRISE_KEY, declaration(bill, "AGREE-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        client.awaitAcknowledged(ENTERPRISE_KEY, json(response).get("trackingId").asText(), "P");
    }

    @Test
    void eachDifferenceFromTheManifestRefusesTheDeclarationWithItsCode() {
        String bill = manifestFiled();

        assertRefused(declaration(bill, "DIFF-CTR").replace("<ContainerId>CSQU3054383", "<ContainerId>TGHU6123458"),
                "MANIFEST_CONTAINER_MISMATCH", "/DecMessage/DecContainers/Container/ContainerId", "TGHU6123458");
        assertRefused(declaration(bill, "DIFF-GW").replace("<GrossWet>19850.5</GrossWet>", "<GrossWet>19950.5</GrossWet>"),
                "MANIFEST_GROSS_WEIGHT_MISMATCH", "/DecMessage/DecHead/GrossWet", "19950.5");
        assertRefused(declaration(bill, "DIFF-PK").replace("<PackNo>1600</PackNo>", "<PackNo>1650</PackNo>"),
                "MANIFEST_PACKAGES_MISMATCH", "/DecMessage/DecHead/PackNo", "1650");
        assertRefused(declaration(bill, "DIFF-VOY").replace("<VoyNo>0342N</VoyNo>", "<VoyNo>0343N</VoyNo>"),
                "MANIFEST_TRANSPORT_MISMATCH", "/DecMessage/DecFreeTxt/VoyNo", "0343N");
    }

    @Test
    void aBillNoManifestListsIsNotChecked() {
        String bill = "NOMFT" + unique();

        HttpResponse<String> response = postXml(ENTERPRISE_KEY, declaration(bill, "NO-MFT-1")
                .replace("<PackNo>1600</PackNo>", "<PackNo>1650</PackNo>"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        client.awaitAcknowledged(ENTERPRISE_KEY, json(response).get("trackingId").asText(), "P");
    }

    private void assertRefused(String declaration, String code, String path, String value) {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, declaration);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        List<String> codes = new ArrayList<>();
        body.get("violations").forEach(v -> codes.add(v.get("code").asText()));
        assertThat(codes).containsOnly(code);
        JsonNode first = body.get("violations").get(0);
        assertThat(first.get("path").asText()).isEqualTo(path);
        assertThat(first.get("message").asText()).contains(value, "/Manifest/Declaration/");
        JsonNode stored = json(get(ENTERPRISE_KEY, "/api/v1/messages/" + body.get("trackingId").asText()));
        assertThat(stored.get("status").asText()).isEqualTo("REJECTED");
        assertThat(stored.get("violations").get(0).get("code").asText()).isEqualTo(code);
    }

    /** The port files the sample MT1101 under fresh bill numbers; returns the durian bill. */
    private String manifestFiled() {
        String id = unique();
        String manifest = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("PABV-MT1101-20261120-0001", "AGREE-MT1101-" + id)
                .replace("PILQZH2611001", "AGR" + id + "A").replace("PILQZH2611002", "AGR" + id + "B");
        HttpResponse<String> response = postXml(PORT_KEY, manifest);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return "AGR" + id + "A";
    }

    private static String declaration(String bill, String clientSeqNo) {
        return Samples.declaration(clientSeqNo + "-" + unique()).replace("<BillNo>PILQZH2611001</BillNo>", "<BillNo>" + bill + "</BillNo>");
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
