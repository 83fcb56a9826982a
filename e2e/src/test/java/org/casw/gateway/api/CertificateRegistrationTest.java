package org.casw.gateway.api;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayIntegrationTest;
import org.casw.gateway.persistence.JdbcCertificateRegistry;
import org.casw.routes.registry.CertificateRegistry.Registrant;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate registry at intake: each number is registered once, for the window that sent it, and a conflicting
 * registration is refused before it is routed; back-to-back certificates draw on their registered original. Each
 * certificate comes from its issuing country's window, signed by it.
 */
class CertificateRegistrationTest extends GatewayIntegrationTest {

    private static final String SG_NSW_KEY = "demo-sg-nsw-key";
    private static final String MY_NSW_KEY = "demo-my-nsw-key";

    @Autowired
    DevPki devPki;

    @Autowired
    JdbcCertificateRegistry registry;

    @Test
    void aNumberAnotherWindowRegisteredIsRefusedNamingTheFirstRegistration() {
        String number = fresh("REG");
        String malaysian = signedBy("MY-NSW", Samples.sample("certificate-of-origin", "valid", "form-d-palm-oil-my-sg.xml")
                .replace("KL-D26-0038861", number));
        HttpResponse<String> first = postXml(MY_NSW_KEY, malaysian);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String firstTrackingId = json(first).get("trackingId").asText();
        assertThat(registry.registrantOf(number)).contains(new Registrant("MY-NSW", firstTrackingId));
        // the same window's identical resend is answered by the duplicate check on its message id (the number): unchanged
        HttpResponse<String> resent = postXml(MY_NSW_KEY, malaysian);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(json(resent).get("trackingId").asText()).isEqualTo(firstTrackingId);

        HttpResponse<String> second = postXml(SG_NSW_KEY, signedBy("SG-NSW", singaporean(number)));

        assertThat(second.statusCode()).as(second.body()).isEqualTo(422);
        JsonNode violation = json(second).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("CERTIFICATE_ALREADY_REGISTERED");
        assertThat(violation.get("path").asText()).isEqualTo("/CertificateOfOrigin/CertificateNo");
        assertThat(violation.get("message").asText()).contains(number, firstTrackingId);
        // refused before routing: not on its way to China customs, and the first registration stands
        JsonNode refused = json(get(SG_NSW_KEY, "/api/v1/messages/" + json(second).get("trackingId").asText()));
        assertThat(refused.get("status").asText()).isEqualTo("REJECTED");
        assertThat(registry.registrantOf(number)).contains(new Registrant("MY-NSW", firstTrackingId));
        assertThat(registry.find(number).orElseThrow().exportingCountry()).isEqualTo("MY");
    }

    @Test
    void aBackToBackCertificateDrawsOnItsOriginalAndIsRefusedBeyondItsBalance() {
        String originalNo = fresh("ORG");
        HttpResponse<String> original = postXml(MY_NSW_KEY, signedBy("MY-NSW", malaysianOriginal(originalNo, "200")));
        assertThat(original.statusCode()).as(original.body()).isEqualTo(202);

        HttpResponse<String> movement = postXml(SG_NSW_KEY, signedBy("SG-NSW", backToBack(fresh("B2B"), originalNo, "151.2", "CN")));
        assertThat(movement.statusCode()).as(movement.body()).isEqualTo(202);
        assertThat(registry.claimed(originalNo, 1)).isEqualByComparingTo(new BigDecimal("151.2"));
        assertThat(get(SG_NSW_KEY, "/api/v1/messages/" + json(movement).get("trackingId").asText()).body())
                .contains("drew 151.2 of item 1 from original " + originalNo);

        HttpResponse<String> beyond = postXml(SG_NSW_KEY, signedBy("SG-NSW", backToBack(fresh("B2B"), originalNo, "50", "CN")));
        assertThat(beyond.statusCode()).as(beyond.body()).isEqualTo(422);
        JsonNode violation = json(beyond).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("ORIGINAL_QUANTITY_EXCEEDED");
        assertThat(violation.get("path").asText()).isEqualTo("/CertificateOfOrigin/Item/Quantity");
        assertThat(violation.get("message").asText()).contains("only 48.8 TNE", originalNo);

        // refused after its drawdown (no partner receives certificates for Viet Nam): the drawdown is given back
        HttpResponse<String> unroutable = postXml(SG_NSW_KEY, signedBy("SG-NSW", backToBack(fresh("B2B"), originalNo, "48.8", "VN")));
        assertThat(unroutable.statusCode()).as(unroutable.body()).isEqualTo(422);
        assertThat(unroutable.body()).contains("NO_ROUTE");
        assertThat(registry.claimed(originalNo, 1)).isEqualByComparingTo(new BigDecimal("151.2"));

        HttpResponse<String> rest = postXml(SG_NSW_KEY, signedBy("SG-NSW", backToBack(fresh("B2B"), originalNo, "48.8", "CN")));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);
        assertThat(registry.claimed(originalNo, 1)).isEqualByComparingTo(new BigDecimal("200"));
    }

    @Test
    void backToBackCertificatesRacingForOneOriginalNeverDrawMoreThanItCertifies() throws Exception {
        String originalNo = fresh("ORG");
        assertThat(postXml(MY_NSW_KEY, signedBy("MY-NSW", malaysianOriginal(originalNo, "200"))).statusCode()).isEqualTo(202);
        List<String> movements = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            movements.add(signedBy("SG-NSW", backToBack(fresh("B2B"), originalNo, "60", "CN")));
        }
        ExecutorService senders = Executors.newFixedThreadPool(movements.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String movement : movements) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return postXml(SG_NSW_KEY, movement);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 422) {
                    assertThat(response.body()).contains("ORIGINAL_QUANTITY_EXCEEDED");
                }
            }
            // three of 60 fit into 200, the fourth does not, whichever order they arrive in
            assertThat(statuses).containsExactlyInAnyOrder(202, 202, 202, 422);
            assertThat(registry.claimed(originalNo, 1)).isEqualByComparingTo(new BigDecimal("180"));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aBackToBackCertificateWhoseOriginalIsNotRegisteredIsRefused() {
        String originalNo = fresh("NOSUCH");
        String number = fresh("B2B");

        HttpResponse<String> refused = postXml(SG_NSW_KEY, signedBy("SG-NSW", backToBack(number, originalNo, "151.2", "CN")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode violation = json(refused).get("violations").get(0);
        assertThat(violation.get("code").asText()).isEqualTo("ORIGINAL_CERTIFICATE_UNKNOWN");
        assertThat(violation.get("path").asText()).isEqualTo("/CertificateOfOrigin/OriginalCertificate/CertificateNo");
        assertThat(violation.get("message").asText()).contains(originalNo);
        assertThat(registry.find(number)).isEmpty();
    }

    /** A certificate number no other test uses (at most 32 characters). */
    private static String fresh(String kind) {
        return "E26-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Singapore's own Form E for Qinzhou under {@code number}. */
    private static String singaporean(String number) {
        return Samples.sample("certificate-of-origin", "valid", "form-e-rubber-compound-sg-cn.xml")
                .replace("E26-SG-0000527", number);
    }

    /** The back-to-back sample (Singapore to {@code importing}) on {@code originalNo}, moving {@code tonnes} of its rubber. */
    private static String backToBack(String number, String originalNo, String tonnes, String importing) {
        return Samples.sample("certificate-of-origin", "valid", "back-to-back-rubber-sg-cn.xml")
                .replace("E26-SG-B2B-000418", number)
                .replace("<ImportingCountry>CN</ImportingCountry>", "<ImportingCountry>" + importing + "</ImportingCountry>")
                .replace("<Quantity>151.2</Quantity>", "<Quantity>" + tonnes + "</Quantity>")
                .replace("E26-TH-0000934", originalNo)
                .replace("<IssuingCountry>TH</IssuingCountry>", "<IssuingCountry>MY</IssuingCountry>");
    }

    /** Malaysia's Form E for natural rubber shipped to Singapore: the original Singapore's back-to-back certificates draw on. */
    private static String malaysianOriginal(String number, String tonnes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <CertificateOfOrigin xmlns="urn:casw:origin:1" version="1.0">
                  <CertificateNo>%s</CertificateNo>
                  <Agreement>ACFTA</Agreement>
                  <FormType>E</FormType>
                  <ExportingCountry>MY</ExportingCountry>
                  <ImportingCountry>SG</ImportingCountry>
                  <IssueDate>2026-10-02</IssueDate>
                  <IssuingBody>
                    <Name>Ministry of Investment, Trade and Industry (MITI)</Name>
                    <Country>MY</Country>
                    <Code>MITI-KL</Code>
                  </IssuingBody>
                  <Exporter>
                    <Name>Klang Rubber Estates Sdn. Bhd.</Name>
                    <Address>Lot 7, Jalan Kebun, 42920 Port Klang, Selangor</Address>
                    <Country>MY</Country>
                  </Exporter>
                  <Consignee>
                    <Name>Straits Rubber Trading Pte. Ltd.</Name>
                    <Address>80 Robinson Road, #10-01, Singapore 068898</Address>
                    <Country>SG</Country>
                  </Consignee>
                  <Transport>
                    <DepartureDate>2026-10-03</DepartureDate>
                    <PortOfLoading>MYPKG</PortOfLoading>
                    <PortOfDischarge>SGSIN</PortOfDischarge>
                  </Transport>
                  <Item>
                    <ItemNo>1</ItemNo>
                    <PackageCount>160</PackageCount>
                    <PackageKind>PL</PackageKind>
                    <Description>Technically specified natural rubber STR 20, 35 kg bales on pallets</Description>
                    <HsCode>400122</HsCode>
                    <OriginCriterion>WO</OriginCriterion>
                    <Quantity>%s</Quantity>
                    <QuantityUnit>TNE</QuantityUnit>
                    <InvoiceNo>KRE-26-0412</InvoiceNo>
                    <InvoiceDate>2026-10-01</InvoiceDate>
                  </Item>
                  <ExporterDeclaration>
                    <Place>Port Klang</Place>
                    <Date>2026-10-01</Date>
                    <SignatoryName>Tan Wei Ming</SignatoryName>
                  </ExporterDeclaration>
                  <Certification>
                    <Place>Kuala Lumpur</Place>
                    <Date>2026-10-02</Date>
                    <OfficerName>Nurul Aisyah</OfficerName>
                  </Certification>
                  <Flags/>
                </CertificateOfOrigin>
                """.formatted(number, tonnes);
    }

    private String signedBy(String window, String xml) {
        IssuedIdentity identity = devPki.identity(window, KeyFamily.EC_P256);
        return new String(new XmlSigner().sign(xml.getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(identity.privateKey(), identity.chain()), SigningOptions.defaults()), StandardCharsets.UTF_8);
    }
}
