package org.casw.gateway.api;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcCertificateRegistry;
import org.casw.testsupport.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declarations written by tools the project did not write (the writer-*.xml samples reproduce their shapes) are
 * accepted as they come, reach the sandbox customs and come back released.
 */
class RealWriterDeclarationsTest extends GatewayIntegrationTest {

    private static final String FORM_E = "E26-TH-0001187";

    @Autowired
    JdbcCertificateRegistry registry;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"writer-xmlserializer-2024.xml", "writer-interface-table-order.xml", "writer-cargowise-xslt.xml",
        "writer-go-marshaller.xml"})
    void declarationShapedByARealWriterIsAcceptedDeliveredAndReleased(String file) throws Exception {
        byte[] sample = Files.readAllBytes(Samples.path("declaration", "valid", file));
        String text = new String(sample, StandardCharsets.UTF_8);
        String clientSeqNo = between(text, "ClientSeqNo>", "<");
        String fresh = "RW-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String declaration = text.replace("ClientSeqNo>" + clientSeqNo + "<", "ClientSeqNo>" + fresh + "<");
        String certificateNo = null;
        if (declaration.contains("EcoRelation>")) {
            // the claim draws on a certificate of origin of its own, issued first, as its exporter's authority would
            certificateNo = "E26-TH-W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            HttpResponse<String> certificate = issueCertificate(Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml")
                    .replace(FORM_E, certificateNo)).response();
            assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(202);
            declaration = declaration.replace(FORM_E, certificateNo);
        }
        // posted as bytes: a byte order mark, where the writer puts one, stays in front
        byte[] body = declaration.getBytes(StandardCharsets.UTF_8);
        assertThat(body[0] == (byte) 0xEF).isEqualTo(sample[0] == (byte) 0xEF);

        HttpResponse<String> response = post(ENTERPRISE_KEY, "application/xml", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String trackingId = json(response).get("trackingId").asText();
        JsonNode message = client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P");
        assertThat(message.get("type").asText()).isEqualTo("DECLARATION");
        assertThat(message.get("messageId").asText()).isEqualTo(fresh);
        assertThat(message.get("sender").asText()).isEqualTo("DEMO-ENTERPRISE");
        assertThat(message.get("businessKeys").get("ENTRY_ID").get(0).asText()).matches("7205\\d{14}");
        if (certificateNo != null) {
            assertThat(registry.claimed(certificateNo, 1)).as("the durians' claim on the Form E")
                    .isEqualByComparingTo(new BigDecimal("18000"));
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
