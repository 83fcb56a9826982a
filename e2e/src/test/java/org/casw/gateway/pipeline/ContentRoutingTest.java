package org.casw.gateway.pipeline;

import java.net.http.HttpResponse;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agreements pick receivers by content: an import sea manifest reaches customs and the port, each with
 * its own delivery and receipts; a certificate of origin reaches the importing country's single window.
 */
class ContentRoutingTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";

    @Test
    void anImportSeaManifestGoesToCustomsAndACopyToThePort() throws Exception {
        String manifest = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("PABV-MT1101-20261120-0001", "AGENT-MFT-FANOUT-1");

        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, manifest);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String trackingId = json(accepted).get("trackingId").asText();
        String delivered = receiveOverJms("sw.reply.PORT-QINZHOU", "AGENT-MFT-FANOUT-1");
        assertThat(delivered).contains("AGENT-MFT-FANOUT-1");
        JsonNode copy = awaitStatus(ENTERPRISE_KEY, trackingId + "-2", "DELIVERED");
        assertThat(copy.get("receiver").asText()).isEqualTo("PORT-QINZHOU");
        assertThat(copy.get("copyOf").asText()).isEqualTo(trackingId);
        assertThat(copy.get("businessKeys").get("VESSEL_IMO").get(0).asText()).contains("9321483");
        // each receiver answers for its own copy: the sandbox customs' receipt 01 acknowledges the original only
        JsonNode original = awaitStatus(ENTERPRISE_KEY, trackingId, "ACKNOWLEDGED");
        assertThat(original.get("destinationStatus").asText()).isEqualTo("01");
        assertThat(original.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
        assertThat(original.get("deliveries")).extracting(d -> d.get("receiver").asText()).containsExactly("CN-CUSTOMS", "PORT-QINZHOU");
        assertThat(original.get("history").toString()).contains("routed to CN-CUSTOMS, PORT-QINZHOU");
        assertThat(json(get(ENTERPRISE_KEY, "/api/v1/messages/" + trackingId + "-2")).get("status").asText()).isEqualTo("DELIVERED");

        // the port sees its copy but not customs' message, nor who else received the document
        JsonNode portView = json(get("demo-port-key", "/api/v1/messages/" + trackingId + "-2"));
        assertThat(portView.has("deliveries")).isFalse();
        assertThat(get("demo-port-key", "/api/v1/messages/" + trackingId).statusCode()).isEqualTo(404);
        // a customs receipt naming the port's copy is refused: that copy was not delivered to customs
        assertThat(postXml(CUSTOMS_KEY, Samples.sample("manifest-receipt", "valid", "mt1101-accepted.xml")
                .replace("SW20261120AAAAAAAAAAAB", trackingId + "-2").replace("CUS-7205-MFT-20261120-000017", "CUS-MFT-X" + trackingId))
                .statusCode()).isEqualTo(422);
    }

    @Test
    void anExportManifestGoesToCustomsOnly() {
        String manifest = Samples.sample("manifest", "valid", "mt2101-export-pre-stowage-qinzhou-haiphong.xml")
                .replaceFirst("<MessageID>[^<]+</MessageID>", "<MessageID>AGENT-MFT-EXPORT-1</MessageID>");

        HttpResponse<String> accepted = postXml(ENTERPRISE_KEY, manifest);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // customs (the sandbox) acknowledges it with 01
        JsonNode original = awaitStatus(ENTERPRISE_KEY, json(accepted).get("trackingId").asText(), "ACKNOWLEDGED");
        assertThat(original.get("receiver").asText()).isEqualTo("CN-CUSTOMS");
        assertThat(original.has("deliveries")).isFalse();
    }

    @Test
    void aCertificateOfOriginGoesToTheImportingCountrysSingleWindowWithItsIssuersSignature() {
        String certificate = Samples.sample("certificate-of-origin", "valid", "csfta-ev-cn-sg.xml")
                .replaceFirst("<CertificateNo>[^<]+</CertificateNo>", "<CertificateNo>CSFTA-ROUTE-1</CertificateNo>");

        IssuedSubmission issued = issueCertificate(certificate);

        HttpResponse<String> accepted = issued.response();
        assertThat(issued.party()).isEqualTo("CN-CUSTOMS");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode message = awaitStatus(issued.apiKey(), json(accepted).get("trackingId").asText(), "DELIVERED");
        assertThat(message.get("receiver").asText()).isEqualTo("SG-NSW");
        assertThat(message.get("history").toString()).contains("signature verified: cn-eport-sm2", "forwarded with the sender's signature");
    }
}
