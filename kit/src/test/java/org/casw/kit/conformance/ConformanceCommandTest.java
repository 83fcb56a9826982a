package org.casw.kit.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.casw.routes.rules.CheckDigits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage of the conformance command, and the fresh copies of samples its cases are made of. */
class ConformanceCommandTest {

    @Test
    void withoutPartnerOrTargetItPrintsUsageAndTheProfilesAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--target", "http://127.0.0.1:1"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: conformance", "demo-enterprise", "sg-nsw", "my-nsw");
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--partner", "xx-nsw", "--target", "http://127.0.0.1:1"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown partner profile 'xx-nsw'");
    }

    @Test
    void aSigningProfileNeverGeneratesAPkiTheTargetWouldNotTrust(@TempDir Path dataDir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--partner", "sg-nsw", "--target", "http://127.0.0.1:1",
                "--data-dir", dataDir.toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no complete development PKI");
        assertThat(Files.exists(dataDir.resolve("certs").resolve("root-ca.p12"))).isFalse();
    }

    @Test
    void anApiKeyOnTheCommandLineIsRefusedNamingTheKeyFileAndTheEnvironment() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ConformanceCommand.run(new String[] {"--partner", "demo-enterprise", "--target", "http://127.0.0.1:1",
                "--api-key", "visible-in-ps-key"}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--api-key would put a secret on the command line",
                "--api-key-file FILE or the CASW_API_KEY environment variable").doesNotContain("visible-in-ps-key");
    }

    @Test
    void theApiKeyComesFromTheKeyFileElseFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "key-from-the-file\n");
        List<String> presented = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            try (exchange) {
                presented.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(401, -1);
            }
        });
        target.start();
        try {
            String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/api/v1/messages";
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            ConformanceCommand.run(new String[] {"--partner", "demo-enterprise", "--target", url, "--report", dir.resolve("a").toString(),
                    "--api-key-file", keyFile.toString()}, Map.of("CASW_API_KEY", "key-from-the-environment"), quiet, quiet);
            assertThat(presented).isNotEmpty().contains("Bearer key-from-the-file").doesNotContain("Bearer key-from-the-environment");
            presented.clear();
            ConformanceCommand.run(new String[] {"--partner", "demo-enterprise", "--target", url, "--report", dir.resolve("b").toString()},
                    Map.of("CASW_API_KEY", "key-from-the-environment"), quiet, quiet);
            assertThat(presented).contains("Bearer key-from-the-environment");
        } finally {
            target.stop(0);
        }
    }

    @Test
    void eachCopyOfASampleHasItsOwnMessageIdBillsAndValidContainers() {
        ConformanceSamples samples = new ConformanceSamples(null, ConformanceSamples.newRunTag());
        String sample = "manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml";

        ConformanceSamples.Copy first = samples.fresh(sample);
        ConformanceSamples.Copy second = samples.fresh(sample);

        assertThat(first.messageId()).isNotEqualTo(second.messageId()).startsWith("CF-");
        assertThat(first.xml()).contains("<MessageID>" + first.messageId() + "</MessageID>")
                .doesNotContain("PABV-MT1101-20261120-0001", "PILQZH2611001", "CSQU3054383");
        List<String> containers = java.util.regex.Pattern.compile(">(CFTU[0-9]{7})<").matcher(first.xml()).results()
                .map(m -> m.group(1)).distinct().toList();
        assertThat(containers).isNotEmpty().allSatisfy(c -> assertThat(CheckDigits.isValidContainerNumber(c)).as(c).isTrue());
    }

    @Test
    void anInvalidSamplesExpectedCodeIsItsFileName() {
        assertThat(ConformanceSamples.expectedCode("certificate-of-origin/invalid/hs-code-unknown.xml")).isEqualTo("HS_CODE_UNKNOWN");
        assertThat(ConformanceSamples.expectedCode("certificate-of-origin/invalid/schema-missing-exporter-and-bad-hs-code.xml"))
                .isEqualTo("SCHEMA_VIOLATION");
    }

    @Test
    void everyShippedProfileNamesSamplesThatExist() {
        ConformanceSamples samples = new ConformanceSamples(null, "T");
        for (ConformanceProfile profile : ConformanceProfile.shipped().values()) {
            for (String path : profile.valid().values()) {
                assertThat(samples.raw(path)).as(path).contains("<?xml");
            }
            assertThat(samples.raw(profile.schemaViolation())).contains("<?xml");
            assertThat(samples.raw(profile.businessRuleViolation())).contains("<?xml");
        }
        assertThat(ConformanceProfile.shipped()).containsOnlyKeys("demo-enterprise", "sg-nsw", "my-nsw");
        assertThat(ConformanceProfile.named("sg-nsw").toString()).doesNotContain("demo-sg-nsw-key");
    }

    @Test
    void anIntegratorsOwnProfilesFileNamesItsPartiesKeysAndSigning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.yml");
        Files.writeString(file, """
                acme-window:
                  party: ACME-NSW
                  api-key: acme-secret
                  signature: {profile: xmldsig-rsa-sha256, key-family: rsa, xades: false, required: true}
                  valid:
                    certificate-of-origin: certificate-of-origin/valid/form-d-palm-oil-my-sg.xml
                  schema-violation: certificate-of-origin/invalid/schema-missing-exporter-and-bad-hs-code.xml
                  business-rule-violation: certificate-of-origin/invalid/currency-unknown.xml
                """);

        ConformanceProfile acme = ConformanceProfile.named("acme-window", file);

        assertThat(acme.party()).isEqualTo("ACME-NSW");
        assertThat(acme.apiKey()).isEqualTo("acme-secret");
        assertThat(acme.signature()).isEqualTo(new ConformanceProfile.Signature(
                org.casw.routes.signature.SigningProfile.XMLDSIG_RSA_SHA256, org.casw.certs.KeyFamily.RSA_2048, false, true));
        assertThat(acme.valid()).containsOnlyKeys("certificate-of-origin");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ConformanceCommand.run(new String[] {"--partner", "sg-nsw", "--target", "http://127.0.0.1:1",
                "--profiles", file.toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no partner profile 'sg-nsw'", "acme-window");
    }
}
