package org.casw.gateway.pipeline;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A port files a manifest over JMS; customs answers with a manifest receipt that reaches the port. */
class ManifestExchangeTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";
    private static final String PORT_KEY = "demo-port-key";

    @Autowired
    JmsTemplate jms;

    @Test
    void manifestIsDeliveredToCustomsAndItsReceiptGoesBackToThePort() throws Exception {
        String manifest = GatewayTestSupport.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("PABV-MT1101-20261120-0001", "PORT-MFT-1");
        jms.send("sw.in.port", session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(manifest.getBytes(StandardCharsets.UTF_8));
            return m;
        });
        String answer = body(jms.receive("sw.reply.PORT-QINZHOU"));
        assertThat(answer).contains("<Status>QUEUED</Status>", "<DocumentType>MANIFEST</DocumentType>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
        awaitStatus(PORT_KEY, trackingId, "DELIVERED");

        HttpResponse<String> receipt = postXml(CUSTOMS_KEY, GatewayTestSupport.sample("manifest-receipt", "valid", "mt1101-accepted.xml")
                .replace("SW20261120AAAAAAAAAAAB", trackingId).replace("CUS-7205-MFT-20261120-000017", "CUS-MFT-" + trackingId));

        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        var message = awaitStatus(PORT_KEY, trackingId, "ACKNOWLEDGED");
        assertThat(message.get("destinationStatus").asText()).isEqualTo("01");
        assertThat(message.get("businessKeys").get("VESSEL_IMO").get(0).asText()).contains("9321483");
        assertThat(body(jms.receive("sw.reply.PORT-QINZHOU"))).contains("<ResponseCode>01</ResponseCode>", trackingId);
    }

    @Test
    void aReceiptForAMessageNotDeliveredToItsSenderIsRefused() {
        HttpResponse<String> receipt = postXml(CUSTOMS_KEY, GatewayTestSupport.sample("manifest-receipt", "valid", "mt1101-accepted.xml")
                .replace("CUS-7205-MFT-20261120-000017", "CUS-MFT-UNKNOWN-1"));

        assertThat(receipt.statusCode()).isEqualTo(422);
        assertThat(receipt.body()).contains("REFERENCE_NOT_FOUND", "/ManifestReceipt/TrackingID");
    }

    private static String body(Message message) throws Exception {
        assertThat(message).as("a message on the reply address").isNotNull();
        BytesMessage bytes = (BytesMessage) message;
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, StandardCharsets.UTF_8);
    }
}
