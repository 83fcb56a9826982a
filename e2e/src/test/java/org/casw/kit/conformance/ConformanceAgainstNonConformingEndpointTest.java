package org.casw.kit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.casw.certs.DevPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance command against a deliberately broken endpoint on loopback that accepts everything with 202: the
 * valid cases pass, every refusal case fails with the reason, and the command exits 1.
 */
class ConformanceAgainstNonConformingEndpointTest {

    private HttpServer acceptsEverything;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        acceptsEverything = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        acceptsEverything.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            byte[] body = ("{\"trackingId\":\"NC" + requests.incrementAndGet() + "\",\"status\":\"QUEUED\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        acceptsEverything.start();
    }

    @AfterEach
    void stop() {
        acceptsEverything.stop(0);
    }

    @Test
    void everyRefusalCaseFailsWithItsReasonAndTheCommandExitsOne(@TempDir Path dataDir, @TempDir Path report) throws Exception {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DevPki.ensure(dataDir.resolve("certs"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--partner", "sg-nsw", "--target",
                "http://127.0.0.1:" + acceptsEverything.getAddress().getPort(), "--data-dir", dataDir.toString(),
                "--report", report.toString(), "--max-payload-size", "64KB", "--burst", "20"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(1);
        Map<String, ConformanceReports.TestCase> cases = ConformanceReports.junit(report);
        assertThat(cases.get("valid-certificate-of-origin").failure()).isNull();
        assertThat(cases.get("schema-violation").failure()).isEqualTo("expected HTTP 422 SCHEMA_VIOLATION, got HTTP 202");
        assertThat(cases.get("business-rule-violation").failure()).isEqualTo("expected HTTP 422 HS_CODE_UNKNOWN, got HTTP 202");
        assertThat(cases.get("bad-signature").failure()).isEqualTo("expected HTTP 422 SIGNATURE_INVALID, got HTTP 202");
        assertThat(cases.get("untrusted-signer").failure()).isEqualTo("expected HTTP 422 UNTRUSTED_SIGNER, got HTTP 202");
        assertThat(cases.get("expired-certificate").failure()).isEqualTo("expected HTTP 422 CERTIFICATE_EXPIRED, got HTTP 202");
        assertThat(cases.get("missing-signature").failure()).isEqualTo("expected HTTP 422 SIGNATURE_REQUIRED, got HTTP 202");
        assertThat(cases.get("oversized-payload").failure()).isEqualTo("expected HTTP 413 PAYLOAD_TOO_LARGE, got HTTP 202");
        assertThat(cases.get("malformed-xml").failure()).isEqualTo("expected HTTP 400 XML_MALFORMED, got HTTP 202");
        assertThat(cases.get("xxe-external-entity").failure()).isEqualTo("expected HTTP 400 XML_DOCTYPE_FORBIDDEN, got HTTP 202");
        assertThat(cases.get("entity-expansion").failure()).isEqualTo("expected HTTP 400 XML_DOCTYPE_FORBIDDEN, got HTTP 202");
        assertThat(cases.get("unauthenticated").failure()).isEqualTo("expected HTTP 401 UNAUTHENTICATED, got HTTP 202");
        assertThat(cases.get("document-type-not-allowed").failure())
                .isEqualTo("expected HTTP 403 DOCUMENT_TYPE_NOT_ALLOWED, got HTTP 202");
        // the resend of the same document must be answered 200 with the first tracking id
        assertThat(cases.get("duplicate-submission").failure())
                .isEqualTo("identical resend: expected HTTP 200, got HTTP 202");
        assertThat(cases.get("message-id-conflict").failure())
                .isEqualTo("different payload, same message id: expected HTTP 409 MESSAGE_ID_CONFLICT, got HTTP 202");
        // a burst it never limits is accepted silently
        assertThat(cases.get("rate-limited").failure())
                .isEqualTo("expected HTTP 429 RATE_LIMITED within 20 submissions, got HTTP 202");
        assertThat(requests.get()).as("the whole burst was sent").isGreaterThanOrEqualTo(20);
        assertThat(printed).contains("FAIL  bad-signature", "PASS  valid-certificate-of-origin",
                "15 failed");

        String html = ConformanceReports.html(report);
        assertThat(html).contains("expected HTTP 422 SIGNATURE_INVALID, got HTTP 202", "FAIL").doesNotContain("demo-sg-nsw-key");
    }

    @Test
    void aRefusalOverTheLimitWithoutRetryAfterFailsTheRateLimitedCase() {
        ConformanceCase.Request burst = new ConformanceCase.Request("burst", "POST", "/api/v1/messages", Map.of(), new byte[0],
                ConformanceCase.Expectation.problem(429, "RATE_LIMITED"), 20);
        String problem = "{\"code\":\"RATE_LIMITED\",\"violations\":[{\"code\":\"RATE_LIMITED\"}]}";

        assertThat(ConformanceRunner.judge(burst, new ConformanceRunner.Exchange(burst, 429, Map.of(), problem, null), null,
                java.util.List.of())).isEqualTo("HTTP 429 as expected, but without a Retry-After header");
        assertThat(ConformanceRunner.judge(burst, new ConformanceRunner.Exchange(burst, 429, Map.of("retry-after", "soon"), problem,
                null), null, java.util.List.of())).isEqualTo("HTTP 429 as expected, but Retry-After 'soon' is neither seconds nor an HTTP date");
        assertThat(ConformanceRunner.judge(burst, new ConformanceRunner.Exchange(burst, 429, Map.of("Retry-After", "7"), problem,
                null), null, java.util.List.of())).isNull();
        assertThat(ConformanceRunner.judge(burst, new ConformanceRunner.Exchange(burst, 429,
                Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"), problem, null), null, java.util.List.of())).isNull();
    }

    @Test
    void anEndpointThatFailsUnderABurstFailsTheRateLimitedCaseNamingTheSubmission() throws IOException {
        AtomicInteger answered = new AtomicInteger();
        HttpServer failsUnderLoad = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failsUnderLoad.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            byte[] body = "{\"code\":\"XML_MALFORMED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(answered.incrementAndGet() < 4 ? 400 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        failsUnderLoad.start();
        try {
            ConformanceCase burst = ConformanceCase.of("rate-limited", "a burst is limited", new ConformanceCase.Request("burst",
                    "POST", "/api/v1/messages", Map.of(), new byte[0], ConformanceCase.Expectation.problem(429, "RATE_LIMITED"), 20));

            ConformanceRunner.CaseResult result = new ConformanceRunner(java.net.URI.create("http://127.0.0.1:"
                    + failsUnderLoad.getAddress().getPort()), java.time.Duration.ofSeconds(10)).run(java.util.List.of(burst),
                    new PrintStream(OutputStream.nullOutputStream())).get(0);

            assertThat(result.verdict()).isEqualTo(ConformanceRunner.Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("submission 4 of the burst was answered HTTP 503 XML_MALFORMED");
            assertThat(answered.get()).isEqualTo(4);
        } finally {
            failsUnderLoad.stop(0);
        }
    }

    @Test
    void anEndpointThatAnswersTheRightStatusWithTheWrongCodeFailsNamingBoth() {
        ConformanceCase.Request request = new ConformanceCase.Request("submission", "POST", "/api/v1/messages", Map.of(),
                new byte[0], ConformanceCase.Expectation.problem(422, "SIGNATURE_INVALID"));
        ConformanceRunner.Exchange exchange = new ConformanceRunner.Exchange(request, 422, Map.of(),
                "{\"code\":\"SCHEMA_VIOLATION\",\"violations\":[{\"code\":\"SCHEMA_VIOLATION\"}]}", null);

        assertThat(ConformanceRunner.judge(request, exchange, null, java.util.List.of()))
                .isEqualTo("HTTP 422 as expected, but the problem names SCHEMA_VIOLATION, not SIGNATURE_INVALID");
        ConformanceRunner.Exchange right = new ConformanceRunner.Exchange(request, 422, Map.of(),
                "{\"code\":\"SIGNATURE_INVALID\",\"violations\":[]}", null);
        assertThat(ConformanceRunner.judge(request, right, null, java.util.List.of())).isNull();
    }
}
