package org.casw.gateway.observability;

import java.nio.charset.StandardCharsets;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.as4.As4Ledger;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** AS4 receipts are counted once each where they are stored: the gateway's answers (sent) and partners' receipts (received). */
class As4ReceiptMetricsTest extends GatewayIntegrationTest {

    @Autowired
    As4Ledger ledger;

    @Autowired
    MeterRegistry meters;

    @Test
    void eachReceiptIsCountedOnceByPartyAndDirection() {
        double sentBefore = count("SG-NSW", "sent");
        String id = "metrics-" + System.nanoTime() + "@sg-swgw.test";
        ledger.answered(id, "SG-NSW", null, "receipt".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        // a resend racing the first answer keeps the first receipt, and is not a second one
        ledger.answered(id, "SG-NSW", null, "again".getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        assertThat(count("SG-NSW", "sent") - sentBefore).isEqualTo(1);

        String trackingId = json(postXml(ENTERPRISE_KEY, Samples.declaration("AS4-METRICS-" + System.nanoTime()))).get("trackingId").asText();
        double receivedBefore = count("SG-NSW", "received");
        ledger.storeSentReceipt(trackingId, "sent-" + id, "SG-NSW", "receipt-" + id, devPki.certificate("SG-NSW", KeyFamily.values()[0]),
                "signal".getBytes(StandardCharsets.UTF_8));
        ledger.storeSentReceipt(trackingId, "sent-" + id, "SG-NSW", "receipt-" + id, devPki.certificate("SG-NSW", KeyFamily.values()[0]),
                "signal".getBytes(StandardCharsets.UTF_8));
        assertThat(count("SG-NSW", "received") - receivedBefore).isEqualTo(1);
        awaitDelivered(ENTERPRISE_KEY, trackingId);
    }

    private double count(String party, String direction) {
        Counter counter = meters.find(GatewayMetrics.AS4_RECEIPTS).tags(GatewayMetrics.PARTY, party, GatewayMetrics.DIRECTION, direction)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
