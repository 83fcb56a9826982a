package org.casw.sandbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone sandbox window ({@code sandbox --partner sg-nsw}) on a free loopback port, without a gateway:
 * it accepts a certificate of origin signed by a key its trust anchors vouch for, refuses a tampered or
 * foreign-signed one, and what it issues verifies against the certificates it exported.
 */
class StandaloneWindowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path dataDir;
    private static Path exportDir;
    private static StandaloneWindow window;
    private static HttpServer integratorGateway;
    private static final BlockingQueue<Submission> SUBMITTED = new LinkedBlockingQueue<>();
    private static String printed;

    private record Submission(String authorization, byte[] body) {
    }

    @BeforeAll
    static void startWindowAgainstAFakeIntegratorGateway() throws Exception {
        // the integrator's gateway: records what the window submits and answers as the China gateway does
        integratorGateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        integratorGateway.createContext("/api/v1/messages", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                SUBMITTED.add(new Submission(exchange.getRequestHeaders().getFirst("Authorization"), in.readAllBytes()));
                byte[] answer = "{\"trackingId\":\"SW-INTEGRATOR-1\",\"status\":\"QUEUED\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(202, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        integratorGateway.start();
        dataDir = TestData.newDataDir("standalone-window");
        exportDir = dataDir.resolve("export");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        window = SandboxCommand.start(new String[] {"--partner", "sg-nsw", "--port", "0", "--data-dir", dataDir.toString(),
                "--export-certs", exportDir.toString(), "--gateway", "http://127.0.0.1:" + integratorGateway.getAddress().getPort(),
                "--delay", "0s"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (window != null) {
            window.close();
        }
        if (integratorGateway != null) {
            integratorGateway.stop(0);
        }
    }

    @Test
    void printsItsUrlsAndWhereTheExportedCertificatesAre() {
        assertThat(printed).contains("http://127.0.0.1:" + window.port() + "/sandbox/windows/SG-NSW/inbox")
                .contains("/sandbox/windows/SG-NSW/certificates")
                .contains(exportDir.resolve("SG-NSW-signing.pem").toAbsolutePath().toString())
                .contains(exportDir.resolve("SG-NSW-root.pem").toAbsolutePath().toString())
                .contains("'Authorization: Bearer <API key of SG-NSW>'", dataDir.resolve(SandboxDeliveryToken.FILE).toAbsolutePath().toString())
                .doesNotContain(token());
    }

    @Test
    void answersOnlyItsOwnPartysKeyAndOnItsInboxTheDeliveryToken() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(window.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(request("POST", "/inbox", null, "<x/>").statusCode()).isEqualTo(401);

        for (String[] refused : List.of(new String[] {"POST", "/certificates", token()}, new String[] {"POST", "/aeo", token()},
                new String[] {"GET", "/inbox", token()}, new String[] {"POST", "/certificates", "demo-my-nsw-key"},
                new String[] {"POST", "/inbox", "demo-enterprise-key"})) {
            HttpResponse<String> answer = request(refused[0], refused[1], refused[2], "{}");
            assertThat(answer.statusCode()).as(refused[0] + " " + refused[1]).isEqualTo(403);
            assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("SANDBOX_ACCESS_DENIED");
        }
        assertThat(request("GET", "/refused", "demo-sg-nsw-key", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCertificateRequestCannotInjectElementsIntoTheFormE() throws Exception {
        SUBMITTED.clear();
        String hostile = "Jurong & Sons </Name><Injected/><Name>";
        HttpResponse<String> response = post("/certificates", JSON.writeValueAsString(Map.of("exporterName", hostile,
                "portOfLoading", "SGSIN</PortOfLoading><Injected/><PortOfLoading>", "currency", "USD\" injected=\"1")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Submission submission = SUBMITTED.poll(10, TimeUnit.SECONDS);
        assertThat(submission).isNotNull();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document formE = factory.newDocumentBuilder().parse(new ByteArrayInputStream(submission.body()));
        assertThat(formE.getElementsByTagNameNS("*", "Injected").getLength()).isZero();
        Element exporter = (Element) formE.getElementsByTagNameNS("*", "Exporter").item(0);
        assertThat(exporter.getElementsByTagNameNS("*", "Name").item(0).getTextContent()).isEqualTo(hostile);
        Element fob = (Element) formE.getElementsByTagNameNS("*", "FobValue").item(0);
        assertThat(fob.getAttribute("currency")).isEqualTo("USD\" injected=\"1");
        assertThat(fob.hasAttribute("injected")).isFalse();
    }

    @Test
    void aRequestOverTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> answer = post("/certificates", "{\"exporterName\": \"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void acceptsACertificateOfOriginSignedByATrustedGatewayAndListsItInItsInbox() throws Exception {
        byte[] signed = signedByTheDevelopmentGateway(certificateForSingapore("STANDALONE-OK"));

        HttpResponse<String> answer = deliver("SW-STANDALONE-1", signed);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("SG-NSW acknowledges CERTIFICATE_OF_ORIGIN SW-STANDALONE-1");
        JsonNode inbox = getJson("/inbox");
        assertThat(inbox.path("SW-STANDALONE-1").path("documentType").asText()).isEqualTo("CERTIFICATE_OF_ORIGIN");
        assertThat(inbox.path("SW-STANDALONE-1").path("signer").asText()).contains("OU=CASW-GATEWAY");
        assertThat(deliver("SW-STANDALONE-1", signed).body()).isEqualTo("already received SW-STANDALONE-1");
        assertThat(getJson("/inbox").path("SW-STANDALONE-1").path("deliveries").asInt()).isEqualTo(2);
    }

    @Test
    void refusesACertificateTamperedWithAfterSigning() throws Exception {
        String signed = new String(signedByTheDevelopmentGateway(certificateForSingapore("STANDALONE-TAMPERED")), StandardCharsets.UTF_8);
        String tampered = signed.replaceFirst("<Quantity>([0-9.]+)</Quantity>", "<Quantity>$10</Quantity>");
        assertThat(tampered).isNotEqualTo(signed);

        HttpResponse<String> answer = deliver("SW-STANDALONE-2", tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("SG-NSW refuses CERTIFICATE_OF_ORIGIN SW-STANDALONE-2").contains("SIGNATURE_INVALID");
        assertThat(getJson("/inbox").has("SW-STANDALONE-2")).isFalse();
        assertThat(getJson("/refused").path("SW-STANDALONE-2").path("reasons").asText()).contains("SIGNATURE_INVALID");
    }

    @Test
    void refusesADocumentSignedUnderAnotherRootAndOneWithoutSignature() throws Exception {
        DevPki foreign = DevPki.ensure(TestData.newDataDir("standalone-foreign").resolve("certs"));
        IssuedIdentity other = foreign.identity("CASW-GATEWAY", KeyFamily.EC_P256);
        byte[] foreignSigned = new XmlSigner().sign(certificateForSingapore("STANDALONE-FOREIGN").getBytes(StandardCharsets.UTF_8),
                SigningProfile.XMLDSIG_ECDSA_SHA256, new SigningIdentity(other.privateKey(), other.chain()), SigningOptions.defaults());

        HttpResponse<String> untrusted = deliver("SW-STANDALONE-3", foreignSigned);
        HttpResponse<String> unsigned = deliver("SW-STANDALONE-4", certificateForSingapore("STANDALONE-UNSIGNED").getBytes(StandardCharsets.UTF_8));

        assertThat(untrusted.statusCode()).isEqualTo(400);
        assertThat(untrusted.body()).contains("UNTRUSTED_SIGNER");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("SIGNATURE_REQUIRED");
    }

    @Test
    void theCertificateItIssuesVerifiesAgainstTheCertificatesItExported() throws Exception {
        SUBMITTED.clear();
        HttpResponse<String> response = post("/certificates", "{\"quantity\": 750}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode issued = JSON.readTree(response.body());
        assertThat(issued.get("trackingId").asText()).isEqualTo("SW-INTEGRATOR-1");
        Submission submission = SUBMITTED.poll(10, TimeUnit.SECONDS);
        assertThat(submission).isNotNull();
        assertThat(submission.authorization()).isEqualTo("Bearer demo-sg-nsw-key");
        assertThat(new String(submission.body(), StandardCharsets.UTF_8)).contains(issued.get("certificateNo").asText())
                .contains("<Quantity>750</Quantity>");

        List<X509Certificate> roots = pem(exportDir.resolve("SG-NSW-root.pem"));
        List<X509Certificate> signing = pem(exportDir.resolve("SG-NSW-signing.pem"));
        List<X509Certificate> chain = pem(exportDir.resolve("SG-NSW-chain.pem"));
        assertThat(chain).hasSize(2).containsExactly(signing.get(0), roots.get(0));
        VerificationResult verified = new XmlSignatureVerifier().verify(submission.body(), new VerificationPolicy(true,
                EnumSet.of(SigningProfile.XMLDSIG_ECDSA_SHA256), new PkixCertificateTrust(roots), Clock.systemUTC()));
        assertThat(verified.violations()).isEmpty();
        assertThat(verified.certificateSerialHex()).isEqualToIgnoringCase(signing.get(0).getSerialNumber().toString(16));

        // and the exported root is not any root: a foreign development root does not vouch for it
        DevPki foreign = DevPki.ensure(TestData.newDataDir("standalone-foreign-root").resolve("certs"));
        VerificationResult foreignRoot = new XmlSignatureVerifier().verify(submission.body(), new VerificationPolicy(true,
                EnumSet.of(SigningProfile.XMLDSIG_ECDSA_SHA256), new PkixCertificateTrust(List.of(foreign.rootCertificate(KeyFamily.EC_P256))),
                Clock.systemUTC()));
        assertThat(foreignRoot.valid()).isFalse();
    }

    @Test
    void sendsItsSignedAeoStatusNoticeToTheGatewayItWasPointedAt() throws Exception {
        SUBMITTED.clear();
        HttpResponse<String> response = post("/aeo", "{\"enterprises\": [{\"id\": \"199801234K\", \"status\": \"VALID\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Submission submission = SUBMITTED.poll(10, TimeUnit.SECONDS);
        assertThat(submission).isNotNull();
        String notice = new String(submission.body(), StandardCharsets.UTF_8);
        assertThat(notice).contains("<IssuingCountry>SG</IssuingCountry>", "<Programme>SG-STP-PLUS</Programme>",
                "<Identifier>199801234K</Identifier>", "<Status>VALID</Status>");
        VerificationResult verified = new XmlSignatureVerifier().verify(submission.body(), new VerificationPolicy(true,
                EnumSet.of(SigningProfile.XMLDSIG_ECDSA_SHA256), new PkixCertificateTrust(pem(exportDir.resolve("SG-NSW-root.pem"))),
                Clock.systemUTC()));
        assertThat(verified.violations()).isEmpty();
    }

    @Test
    void answersWithTheFaultsItIsConfiguredFor() throws Exception {
        Path dir = TestData.newDataDir("standalone-faulty");
        try (StandaloneWindow faulty = SandboxCommand.start(new String[] {"--partner", "my-nsw", "--data-dir", dir.toString(),
                "--sandbox.my-nsw.error-rate=1.0", "--seed", "7"}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(faulty.url() + "/inbox"))
                    .header("Authorization", "Bearer " + Files.readString(dir.resolve(SandboxDeliveryToken.FILE)).strip())
                    .header(HttpChannel.TRACKING_HEADER, "SW-FAULT-1")
                    .POST(HttpRequest.BodyPublishers.ofString("<CertificateOfOrigin/>")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).contains("injected error (sandbox.my-nsw.error-rate)");
            JsonNode status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(faulty.url()))
                    .header("Authorization", "Bearer demo-my-nsw-key").build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(status.get("injectedFaults").asInt()).isEqualTo(1);
            assertThat(status.get("signs").asText()).isEqualTo("xmldsig-rsa-sha256"); // as MY-NSW's agreement says
        }
    }

    @Test
    void itsApiKeyComesFromAKeyFileAndNeverFromAnArgument() throws Exception {
        Path dir = TestData.newDataDir("standalone-key-file");
        Path keyFile = Files.writeString(dir.resolve("sg-key"), "integrator-sg-key-from-file\n");
        String gateway = "http://127.0.0.1:" + integratorGateway.getAddress().getPort();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SandboxCommand.start(new String[] {"--partner", "sg-nsw", "--api-key", "visible-in-ps-key"}, quiet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-key-file FILE or the CASW_API_KEY");
        assertThatThrownBy(() -> SandboxCommand.start(new String[] {"--partner", "sg-nsw",
                "--sandbox.sg-nsw.api-key=visible-in-ps-key"}, quiet)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would put a secret on the command line");
        try (StandaloneWindow keyed = SandboxCommand.start(new String[] {"--partner", "sg-nsw", "--data-dir", dir.toString(),
                "--gateway", gateway, "--delay", "0s", "--api-key-file", keyFile.toString()}, Map.of(), quiet)) {
            SUBMITTED.clear();
            // the window answers its own party's key, the one from the file
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keyed.url() + "/aeo"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer integrator-sg-key-from-file")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"enterprises\": [{\"id\": \"199801234K\", \"status\": \"VALID\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Submission submission = SUBMITTED.poll(10, TimeUnit.SECONDS);
            assertThat(submission).isNotNull();
            assertThat(submission.authorization()).isEqualTo("Bearer integrator-sg-key-from-file");
        }
    }

    @Test
    void anUnknownPartnerIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> SandboxCommand.start(new String[] {"--partner", "th-nsw"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown partner 'th-nsw'")
                .hasMessageContaining("sg-nsw, my-nsw");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SandboxCommand.run(new String[] {"--partner", "xx"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the sandbox windows are sg-nsw, my-nsw").contains("Usage: sandbox");
    }

    private static String certificateForSingapore(String certificateNo) {
        // a Form E for an export from China into Singapore: what the gateway delivers to SG-NSW
        return Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml")
                .replaceFirst("<CertificateNo>[^<]+</CertificateNo>", "<CertificateNo>" + certificateNo + "</CertificateNo>");
    }

    private static byte[] signedByTheDevelopmentGateway(String xml) {
        IssuedIdentity gateway = DevPki.ensure(dataDir.resolve("certs")).identity("CASW-GATEWAY", KeyFamily.EC_P256);
        return new XmlSigner().sign(xml.getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                new SigningIdentity(gateway.privateKey(), gateway.chain()), SigningOptions.xades(null));
    }

    /** A delivery as a gateway on the same data directory makes it: with the delivery token. */
    private static HttpResponse<String> deliver(String trackingId, byte[] document) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(window.url() + "/inbox")).header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + token())
                .header(HttpChannel.TRACKING_HEADER, trackingId).header("X-SW-Document-Type", "CERTIFICATE_OF_ORIGIN")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request of the window's own party (its API key). */
    private static HttpResponse<String> post(String path, String json) throws Exception {
        return request("POST", path, "demo-sg-nsw-key", json);
    }

    private static JsonNode getJson(String path) throws Exception {
        return JSON.readTree(request("GET", path, "demo-sg-nsw-key", null).body());
    }

    private static HttpResponse<String> request(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(window.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token() {
        try {
            return Files.readString(dataDir.resolve(SandboxDeliveryToken.FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<X509Certificate> pem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider()).generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            return certificates;
        }
    }
}
