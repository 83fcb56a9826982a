package org.casw.kit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.casw.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance command against the real gateway (PostgreSQL, Artemis, sandbox partners): every case passes. */
class ConformanceAgainstGatewayTest extends GatewayIntegrationTest {

    @Value("${gateway.data-dir}")
    String dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sg-nsw", "my-nsw", "demo-enterprise"})
    void everyCaseOfThePartnerProfilePassesAgainstTheGateway(String partner, @TempDir Path report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--partner", partner, "--target", "http://127.0.0.1:" + port,
                "--data-dir", dataDir, "--report", report.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).doesNotContain("FAIL ").contains("PASS  schema-violation", "PASS  duplicate-submission",
                "PASS  oversized-payload", "PASS  xxe-external-entity");

        Map<String, ConformanceReports.TestCase> cases = ConformanceReports.junit(report);
        assertThat(cases.values()).allSatisfy(c -> assertThat(c.failure()).as(c.name()).isNull());
        assertThat(cases).containsKeys("schema-violation", "business-rule-violation", "bad-signature", "untrusted-signer",
                "expired-certificate", "missing-signature", "duplicate-submission", "message-id-conflict",
                "oversized-payload", "malformed-xml", "xxe-external-entity", "entity-expansion", "unauthenticated",
                "document-type-not-allowed");
        assertThat(cases.get("document-type-not-allowed").skipped()).isNull();
        // the shared gateway's limits are far above a conformance run; PartyLimitsTest runs this case under a tight one
        assertThat(cases.get("rate-limited").skipped()).contains("--burst");
        if (partner.equals("demo-enterprise")) {
            assertThat(cases).containsKeys("valid-declaration", "valid-manifest").doesNotContainKey("valid-certificate-of-origin");
            assertThat(cases.get("bad-signature").skipped()).contains("asks for no signature");
        } else {
            assertThat(cases).containsKeys("valid-certificate-of-origin").doesNotContainKey("valid-manifest");
            for (String signatureCase : new String[] {"bad-signature", "untrusted-signer", "expired-certificate", "missing-signature"}) {
                assertThat(cases.get(signatureCase).skipped()).as(signatureCase).isNull();
            }
        }

        String html = ConformanceReports.html(report);
        assertThat(html).contains("PASS", "schema-violation", "Bearer ******** (masked)", "HTTP 202", "trackingId")
                .doesNotContain("demo-sg-nsw-key", "demo-my-nsw-key", "demo-enterprise-key");
        if (!partner.equals("demo-enterprise")) {
            assertThat(html).contains("SignatureValue", "SIGNATURE_INVALID", "UNTRUSTED_SIGNER", "CERTIFICATE_EXPIRED");
        }
    }
}
