package org.casw.gateway.pipeline;

import java.net.http.HttpResponse;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A port files a manifest over JMS; the sandbox customs answers with a manifest receipt that reaches the port. */
class ManifestExchangeTest extends GatewayIntegrationTest {

    private static final String CUSTOMS_KEY = "sandbox-customs-key";
    private static final String PORT_KEY = "demo-port-key";


    @Test
    void manifestIsDeliveredToCustomsAndItsReceiptGoesBackToThePort() throws Exception {
        String manifest = Samples.sample("manifest", "valid", "mt1101-import-sea-laem-chabang-qinzhou.xml")
                .replace("PABV-MT1101-20261120-0001", "PORT-MFT-1");
        sendOverJms("sw.in.port", manifest);
        String answer = receiveOverJms("sw.reply.PORT-QINZHOU", "<MessageId>PORT-MFT-1</MessageId>");
        assertThat(answer).contains("<Status>QUEUED</Status>", "<DocumentType>MANIFEST</DocumentType>");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        // the sandbox customs accepts it (01); its receipt reaches the port
        var message = awaitStatus(PORT_KEY, trackingId, "ACKNOWLEDGED");
        assertThat(message.get("destinationStatus").asText()).isEqualTo("01");
        assertThat(message.get("businessKeys").get("VESSEL_IMO").get(0).asText()).contains("9321483");
        assertThat(receiveOverJms("sw.reply.PORT-QINZHOU", trackingId)).contains("<ResponseCode>01</ResponseCode>");
    }

    @Test
    void aReceiptForAMessageNotDeliveredToItsSenderIsRefused() {
        HttpResponse<String> receipt = postXml(CUSTOMS_KEY, Samples.sample("manifest-receipt", "valid", "mt1101-accepted.xml")
                .replace("CUS-7205-MFT-20261120-000017", "CUS-MFT-UNKNOWN-1"));

        assertThat(receipt.statusCode()).isEqualTo(422);
        assertThat(receipt.body()).contains("REFERENCE_NOT_FOUND", "/ManifestReceipt/TrackingID");
    }
}
