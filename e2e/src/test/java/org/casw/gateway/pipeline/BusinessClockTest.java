package org.casw.gateway.pipeline;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.SwitchableBusinessClock;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running gateway judges a document's dates by its business clock, never by the real one: the tests fix that
 * clock at the samples' era, so a published certificate of origin (valid 12 months from November 2026) is accepted
 * on any real date, while the signer's development certificate, issued at the real time, still verifies.
 */
class BusinessClockTest extends GatewayIntegrationTest {

    private static final String MY_NSW_KEY = "demo-my-nsw-key";

    @Autowired
    Clock injected;

    @Test
    void theTestGatewayJudgesDocumentDatesInTheSamplesEra() {
        assertThat(injected).isSameAs(businessClock).isInstanceOf(SwitchableBusinessClock.class);
        assertThat(injected.instant()).isEqualTo(SampleEra.INSTANT);
    }

    @Test
    void aCertificateOfOriginIsInForceOrExpiredByTheBusinessClockNotTheRealOne() {
        HttpResponse<String> inItsEra = issueCertificate(palmOilCertificate()).response();
        assertThat(inItsEra.statusCode()).as(inItsEra.body()).isEqualTo(202);

        // issued 2026-11-04 under ATIGA: its last valid day is 2027-11-04
        businessClock.judgeBy(Clock.fixed(Instant.parse("2027-11-06T04:00:00Z"), ZoneOffset.UTC));
        HttpResponse<String> ayearOn = issueCertificate(palmOilCertificate()).response();

        assertThat(ayearOn.statusCode()).as(ayearOn.body()).isEqualTo(422);
        assertThat(json(ayearOn).get("violations").get(0).get("code").asText()).isEqualTo("ORIGIN_CERTIFICATE_EXPIRED");
    }

    /** The Malaysian Form D sample under a number of its own, so each submission is a new certificate. */
    private static String palmOilCertificate() {
        return Samples.sample("certificate-of-origin", "valid", "form-d-palm-oil-my-sg.xml")
                .replace("KL-D26-0038861", "KL-D26-CLK" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
    }
}
