package org.casw.gateway.api;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcCertificateRegistry;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Preferential tariff claims draw on certificates of origin the gateway holds, never beyond their quantity. */
class PreferentialClaimTest extends GatewayIntegrationTest {

    @Autowired
    JdbcCertificateRegistry registry;

    @Test
    void claimsDrawDownTheCertificateAndAnOverclaimIsRefused() {
        String certificateNo = "E26-TH-T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        HttpResponse<String> certificate = issueCertificate(Samples.sample("certificate-of-origin", "valid",
                "form-e-durian-th-cn.xml").replace("E26-TH-0001187", certificateNo)).response();
        assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(202);

        HttpResponse<String> first = postXml(ENTERPRISE_KEY, claiming(certificateNo, "PREF-1"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(registry.claimed(certificateNo, 1)).isEqualByComparingTo(new BigDecimal("18000"));

        HttpResponse<String> second = postXml(ENTERPRISE_KEY, claiming(certificateNo, "PREF-2"));
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.body()).contains("CERTIFICATE_QUANTITY_EXCEEDED", "/DecMessage/EcoRelation/DecGNo", "only 0");
        assertThat(registry.claimed(certificateNo, 1)).isEqualByComparingTo(new BigDecimal("18000"));
        client.awaitAcknowledged(ENTERPRISE_KEY, json(first).get("trackingId").asText(), "P");

        HttpResponse<String> used = postXml("sandbox-customs-key", Samples.sample("certificate-utilization", "valid",
                "durian-used-qinzhou.xml").replace("E26-TH-0001187", certificateNo).replace("CN-7205-COU-20261121-0001", "COU-" + certificateNo));
        assertThat(used.statusCode()).as(used.body()).isEqualTo(202);
    }

    @Test
    void aUtilizationNoticeForAnUnknownCertificateIsRefused() {
        HttpResponse<String> used = postXml("sandbox-customs-key", Samples.sample("certificate-utilization", "valid",
                "durian-used-qinzhou.xml").replace("E26-TH-0001187", "E26-TH-NOSUCH"));

        assertThat(used.statusCode()).isEqualTo(422);
        assertThat(used.body()).contains("UTILIZATION_CERTIFICATE_UNKNOWN", "/CertificateUtilization/CertificateNo");
    }

    @Test
    void aDeclarationCustomsRejectsGivesItsClaimBack() {
        String certificateNo = "E26-TH-R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(issueCertificate(Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml")
                .replace("E26-TH-0001187", certificateNo)).response().statusCode()).isEqualTo(202);
        String trackingId = json(postXml(ENTERPRISE_KEY, claiming(certificateNo, "PREF-REJ-1"))).get("trackingId").asText();
        // the claim is taken at intake, before delivery; a receipt may refer to a queued or delivered declaration
        assertThat(registry.claimed(certificateNo, 1)).isEqualByComparingTo(new BigDecimal("18000"));

        HttpResponse<String> rejected = postXml("sandbox-customs-key", Samples.sample("declaration-receipt", "valid", "released.xml")
                .replace("SW20261121AAAAAAAAAAAA", trackingId).replace("<Channel>P</Channel>", "<Channel>E</Channel>")
                .replace("CUS-7205-20261121-000001", "CUS-REJ-" + trackingId));

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(202);
        assertThat(registry.claimed(certificateNo, 1)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aClaimOnAnUnknownCertificateIsRefused() {
        HttpResponse<String> response = postXml(ENTERPRISE_KEY, claiming("E26-TH-NOSUCH", "PREF-3"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("violations").get(0).get("code").asText()).isEqualTo("CERTIFICATE_UNKNOWN");
        assertThat(json(response).get("violations").get(0).get("path").asText()).isEqualTo("/DecMessage/EcoRelation/EcoCertNo");
    }

    private static String claiming(String certificateNo, String clientSeqNo) {
        return Samples.sample("declaration", "valid", "import-durian-form-e.xml")
                .replace("E26-TH-0001187", certificateNo).replace("QZDEMO-20261121-0003", clientSeqNo);
    }
}
