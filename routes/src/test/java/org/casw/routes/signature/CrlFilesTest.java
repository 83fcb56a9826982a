package org.casw.routes.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.DevPkiTestCa.Revocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrlFilesTest {

    @TempDir
    static Path pkiDirectory;

    @TempDir
    Path files;

    private static DevPki pki;
    private HttpServer server;

    @BeforeAll
    static void createPki() {
        pki = DevPki.ensure(pkiDirectory);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static X509CRL crl(KeyFamily family) throws Exception {
        Instant now = Instant.now();
        return DevPkiTestCa.of(pki, family).crl(now, now.plus(Duration.ofDays(7)));
    }

    @Test
    void loadsDerAndMultiCrlPemFilesInOrder() throws Exception {
        X509CRL ec = crl(KeyFamily.EC_P256);
        X509CRL rsa = crl(KeyFamily.RSA_2048);
        X509CRL sm2 = crl(KeyFamily.SM2);
        Path der = files.resolve("root-ec.crl");
        Files.write(der, ec.getEncoded());
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(rsa);
            writer.writeObject(sm2);
        }
        Path pemFile = files.resolve("roots.pem");
        Files.writeString(pemFile, pem.toString(), StandardCharsets.US_ASCII);

        List<X509CRL> loaded = CrlFiles.load(der, pemFile);

        assertThat(loaded).containsExactly(ec, rsa, sm2);
    }

    @Test
    void loadRefusesAFileThatIsNoCrl() throws Exception {
        Path garbage = files.resolve("not-a.crl");
        Files.writeString(garbage, "UNB+UNOC:3+SENDER+RECEIVER+250101:1200+1'");

        assertThatThrownBy(() -> CrlFiles.load(garbage))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(garbage.toString());
    }

    @Test
    void loadReportsAMissingFile() {
        Path missing = files.resolve("missing.crl");

        assertThatThrownBy(() -> CrlFiles.load(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.crl");
    }

    @Test
    void fetchesACrlFromALoopbackServer() throws Exception {
        X509CRL sm2 = crl(KeyFamily.SM2);
        URI uri = serve("/root-sm2.crl", 200, sm2.getEncoded(), null);

        X509CRL fetched = CrlFiles.fetch(uri, Duration.ofSeconds(10));

        assertThat(fetched).isEqualTo(sm2);
    }

    @Test
    void fetchedCrlRevokesInTheTrustCheck() throws Exception {
        KeyFamily family = KeyFamily.EC_P256;
        Instant now = Instant.now();
        IssuedIdentity identity = pki.issue("MY-NSW", "Revoked via HTTP", family, now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofDays(30)));
        X509CRL crl = DevPkiTestCa.of(pki, family).crl(now, now.plus(Duration.ofDays(7)),
                Revocation.of(identity.certificate(), now, CRLReason.superseded));
        URI uri = serve("/root-ec.crl", 200, crl.getEncoded(), null);

        PkixCertificateTrust trust = new PkixCertificateTrust(List.of(pki.rootCertificate(family)),
                List.of(CrlFiles.fetch(uri, Duration.ofSeconds(10))));

        assertThat(trust.check(identity.chain(), now.plus(Duration.ofMinutes(1))))
                .extracting(v -> v.code()).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
    }

    @Test
    void fetchReportsAnErrorStatus() throws Exception {
        URI uri = serve("/gone.crl", 404, new byte[0], null);

        assertThatThrownBy(() -> CrlFiles.fetch(uri, Duration.ofSeconds(10)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("404");
    }

    @Test
    void fetchDoesNotFollowRedirects() throws Exception {
        URI uri = serve("/moved.crl", 302, new byte[0], "http://192.0.2.1/elsewhere.crl");

        assertThatThrownBy(() -> CrlFiles.fetch(uri, Duration.ofSeconds(10)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("302");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://192.0.2.1/root.crl", // TEST-NET-1: a connection attempt would time out, not fail at once
            "http://crl.example.org/root.crl",
            "http://localhost.example/root.crl",
            "http://127.0.0.1@crl.example.org/root.crl",
            "http://0x7f.0.0.1/root.crl",
            "http://127.0.0.256/root.crl",
            "ftp://127.0.0.1/root.crl",
            "file:///etc/passwd"})
    void fetchRefusesNonLoopbackUrisBeforeAnyNetworkCall(String uri) {
        assertThatThrownBy(() -> CrlFiles.fetch(URI.create(uri), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing CRL URI");
    }

    @Test
    void loopbackLiteralsAreAccepted() {
        CrlFiles.requireLoopback(URI.create("http://127.0.0.1:8089/root.crl"));
        CrlFiles.requireLoopback(URI.create("http://127.10.20.30/root.crl"));
        CrlFiles.requireLoopback(URI.create("https://[::1]:8443/root.crl"));
    }

    private URI serve(String path, int status, byte[] body, String location) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
