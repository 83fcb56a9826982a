package org.casw.gateway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code certs export --as4}: the gateway's AS4 certificate and chain as PEM, found through the gateway's own configuration
 * (no key store, alias or password on the command line), read back by parsers the project did not write.
 */
class CertsExportCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path dataDir;
    static DevPki pki;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void developmentPki() {
        dataDir = shared.resolve("data");
        pki = DevPki.ensure(dataDir.resolve("certs"));
    }

    @Test
    void writesTheConfiguredAs4CertificateAndItsChainAsPemAndNothingElse() throws Exception {
        assertThat(run("certs", "export", "--as4", "--gateway.data-dir=" + dataDir)).as(errors()).isZero();

        String pem = printed();
        List<X509Certificate> chain = parse(pem);
        // the entry the running gateway loads (application.yml: CASW-GATEWAY-rsa in the data directory), read with the JDK
        X509Certificate keyStoreEntry = jdkKeyStoreCertificate(dataDir.resolve("certs/CASW-GATEWAY-rsa.p12"), "CASW-GATEWAY-rsa");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0)).isEqualTo(keyStoreEntry);
        assertThat(chain.get(1)).isEqualTo(pki.rootCertificate(KeyFamily.RSA_2048));
        assertThat(pem.replaceAll("(?s)-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n", ""))
                .as("only certificates on standard output").isEmpty();
        assertThat(pem).doesNotContain("PRIVATE");
        assertThat(errors()).contains("AS4 certificate " + keyStoreEntry.getSubjectX500Principal().getName(),
                "SHA-256 " + fingerprint(keyStoreEntry), "a development PKI certificate");
    }

    @Test
    void opensslReadsTheExportedFileAndVerifiesTheLeafAgainstTheChain() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path file = dir.resolve("casw-gateway-as4.pem");

        assertThat(run("certs", "export", "--as4", "--out", file.toString(), "--gateway.data-dir=" + dataDir)).as(errors()).isZero();

        X509Certificate gateway = pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048);
        assertThat(printed()).startsWith("Wrote " + file + ": AS4 certificate").contains(fingerprint(gateway));
        String x509 = openssl("x509", "-in", file.toString(), "-noout", "-fingerprint", "-sha256", "-subject");
        assertThat(x509).contains(fingerprint(gateway)).contains("CASW-GATEWAY");
        // openssl verify takes the first certificate of the file and the chain's root as the trust anchor
        assertThat(openssl("verify", "-CAfile", file.toString(), file.toString())).contains(": OK");
    }

    @Test
    void followsTheSameSettingsAsServe() throws Exception {
        assertThat(run("certs", "export", "--as4", "--gateway.data-dir=" + dataDir,
                "--gateway.as4.identity.keystore=" + dataDir.resolve("certs/SG-NSW-rsa.p12"), "--gateway.as4.identity.alias=SG-NSW-rsa"))
                .as(errors()).isZero();
        assertThat(parse(printed()).get(0)).isEqualTo(pki.certificate("SG-NSW", KeyFamily.RSA_2048));

        // production: a configuration directory as bin/gateway adds it, and no development PKI is generated
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("application.yml"), """
                gateway:
                  as4:
                    identity:
                      keystore: %s
                      alias: MY-NSW-rsa
                      password-file: %s
                """.formatted(dataDir.resolve("certs/MY-NSW-rsa.p12"), dataDir.resolve("certs/keystore-password")));
        Path productionData = dir.resolve("production-data");

        assertThat(run("certs", "export", "--as4", "--spring.profiles.active=production",
                "--spring.config.additional-location=optional:file:" + conf + "/", "--gateway.data-dir=" + productionData))
                .as(errors()).isZero();
        assertThat(parse(printed()).get(0)).isEqualTo(pki.certificate("MY-NSW", KeyFamily.RSA_2048));
        assertThat(productionData).doesNotExist();
    }

    @Test
    void onTheDefaultRunTheDevelopmentPkiIsMadeFirstAsTheGatewaysFirstStartWould() throws Exception {
        Path fresh = dir.resolve("fresh");

        assertThat(run("certs", "export", "--as4", "--gateway.data-dir=" + fresh)).as(errors()).isZero();

        assertThat(errors()).contains("generating the development PKI in " + fresh.resolve("certs"));
        assertThat(parse(printed()).get(0)).isEqualTo(jdkKeyStoreCertificate(fresh.resolve("certs/CASW-GATEWAY-rsa.p12"),
                "CASW-GATEWAY-rsa"));
    }

    @Test
    void aMissingKeyStoreOrAliasIsNamedWithItsSetting() {
        Path missing = dir.resolve("nowhere.p12");
        assertThat(run("certs", "export", "--as4", "--gateway.dev-pki=false", "--gateway.as4.identity.keystore=" + missing)).isEqualTo(1);
        assertThat(errors()).contains("certs export: gateway.as4.identity.keystore: " + missing + " does not exist or cannot be read");

        assertThat(run("certs", "export", "--as4", "--gateway.data-dir=" + dataDir, "--gateway.as4.identity.alias=gateway-as4"))
                .isEqualTo(1);
        assertThat(errors()).contains("gateway.as4.identity.alias: ", "holds no key entry 'gateway-as4' (its key entries: [CASW-GATEWAY-rsa])");
        assertThat(printed()).isEmpty();
    }

    @Test
    void withoutAKindOrWithAStrayArgumentItIsAUsageError() {
        assertThat(run("certs", "export", "--gateway.data-dir=" + dataDir)).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--as4'", "Usage: gateway certs export");

        assertThat(run("certs", "export", "--as4", "--gateway.data-dir=" + dataDir, "gateway.pem")).isEqualTo(2);
        assertThat(errors()).contains("[gateway.pem]: not a setting");
        assertThat(printed()).isEmpty();
    }

    @Test
    void answersHelpUnderCerts() {
        assertThat(run("certs", "--help")).isZero();
        assertThat(printed()).contains("Commands:", "export");
        assertThat(run("certs", "export", "--help")).isZero();
        assertThat(printed()).contains("Usage: gateway certs export", "--as4", "--out");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return GatewayCommandLine.execute(GatewayCommandLine.create("gateway"), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<X509Certificate> parse(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    /** The certificate of a key store entry as the JDK's own PKCS#12 reader sees it. */
    private static X509Certificate jdkKeyStoreCertificate(Path keystore, String alias) throws Exception {
        char[] password = Files.readString(keystore.resolveSibling(DevPki.PASSWORD_FILE)).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        return (X509Certificate) store.getCertificate(alias);
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl " + String.join(" ", args) + ": " + output).isZero();
        return output;
    }
}
