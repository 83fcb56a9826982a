package org.casw.dist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * gateway-VERSION.tar.gz as built: its layout, a launcher that is valid sh and starts the server jar (not the kit), a
 * configuration template that sets only settings the gateway has and no secret, and an example agreement the
 * gateway's own loader accepts.
 */
class DistTarballTest {

    private static final KnownSettings KNOWN = KnownSettings.ofGateway();

    static Map<String, Tarball.Entry> entries;
    static String base;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() throws IOException {
        entries = Tarball.read(Shipped.tarball());
        base = "gateway-" + Shipped.version();
        Tarball.extract(entries, unpacked);
    }

    private static Path home() {
        return unpacked.resolve(base);
    }

    @Test
    void theTarballHoldsTheLauncherTheServerJarTheConfigurationAndTheSystemdUnitUnderOneVersionedDirectory() {
        assertThat(entries.keySet()).allMatch(name -> name.equals(base) || name.startsWith(base + "/"));
        assertThat(entries.keySet()).contains(base + "/bin/gateway", base + "/lib/gateway.jar", base + "/conf/application.yml",
                base + "/systemd/casw-gateway.service", base + "/README");
        assertThat(entries.keySet()).filteredOn(name -> name.startsWith(base + "/conf/agreements/example/") && name.endsWith(".yml"))
                .hasSize(1);
        assertThat(entries.keySet()).filteredOn(name -> name.startsWith(base + "/lib/")).containsExactly(base + "/lib/gateway.jar");
    }

    @Test
    void theJarIsTheServerAloneNotTheKit() throws IOException {
        byte[] jar = entries.get(base + "/lib/gateway.jar").content();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Start-Class")).isEqualTo("org.casw.gateway.GatewayApplication");
            boolean sandbox = false;
            for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                sandbox |= entry.getName().contains("org/casw/sandbox/") || entry.getName().contains("org/casw/kit/")
                        || entry.getName().matches("BOOT-INF/lib/(sandbox|kit)[-.].*");
            }
            assertThat(sandbox).as("sandbox or kit classes in gateway.jar").isFalse();
        }
    }

    @Test
    void theLauncherIsAnExecutableShScriptThatShParses() throws Exception {
        assertThat(entries.get(base + "/bin/gateway").executable()).isTrue();
        assertThat(entries.get(base + "/bin/gateway").text()).startsWith("#!/bin/sh\n");

        assertThat(run(List.of("sh", "-n", home().resolve("bin/gateway").toString()), Map.of()).status()).isZero();
        // and sh -n does find a broken script
        Path broken = Files.writeString(unpacked.resolve("broken"), "#!/bin/sh\nif [ -n \"$x\" ]; then\n  echo\n");
        assertThat(run(List.of("sh", "-n", broken.toString()), Map.of()).status()).isNotZero();
    }

    @Test
    void theLauncherPassesTheConfigurationDirectoryJavaOptionsAndTheCommandToTheServerJar(@TempDir Path fakeJava) throws Exception {
        // a java that prints what it was given, so the launcher's command line is checked without starting a JVM
        Path java = Files.createDirectories(fakeJava.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf 'arg=%s\\n' \"$@\"\necho \"conf=$CASW_GATEWAY_CONF\"\n");
        java.toFile().setExecutable(true);

        Run launched = run(List.of(home().resolve("bin/gateway").toString(), "serve", "--server.port=9090"),
                Map.of("JAVA_HOME", fakeJava.toString(), "JAVA_OPTS", "-Xmx256m -Dfile.encoding=UTF-8"));

        assertThat(launched.status()).isZero();
        Path home = home().toRealPath();
        assertThat(launched.output().lines().toList()).containsSubsequence("arg=-Xmx256m", "arg=-Dfile.encoding=UTF-8",
                "arg=-Dspring.config.additional-location=optional:file:" + home + "/conf/", "arg=-jar", "arg=" + home + "/lib/gateway.jar",
                "arg=serve", "arg=--server.port=9090", "conf=" + home + "/conf");
    }

    @Test
    void theLauncherRunsTheServerJarsCommandsWithTheRealJava() throws Exception {
        Run help = run(List.of(home().resolve("bin/gateway").toString(), "help"), Map.of("JAVA_HOME", System.getProperty("java.home")));

        assertThat(help.status()).as(help.output()).isZero();
        assertThat(help.output()).contains("serve", "api-key-digest", "console-password-hash")
                .doesNotContain("conformance", "sandbox");
    }

    @Test
    void theConfigurationTemplateSetsOnlySettingsTheGatewayHasAndNoSecret() {
        Map<String, Object> template = shippedTemplate();

        assertThat(Shipped.unknownSettings(template, KNOWN)).isEmpty();
        assertThat(Shipped.inlineSecrets(template.keySet())).isEmpty();
        assertThat(template).containsEntry("spring.profiles.active", "production").containsEntry("spring.artemis.mode", "native");
        assertThat(String.valueOf(template.get("spring.artemis.broker-url"))).contains("ha=true", "reconnectAttempts=-1");
        assertThat(template.keySet()).contains("spring.datasource.url", "spring.datasource.username",
                "gateway.broker.external.password-file", "gateway.api-keys.secret-file");
    }

    @Test
    void theSettingsCheckFindsAMisspeltSettingAndASecretWrittenAsAValue() {
        Map<String, Object> template = new LinkedHashMap<>(shippedTemplate());
        template.put("gateway.broker.external.pasword-file", "/etc/casw-gateway/secrets/broker-password");
        template.put("spring.datasource.password", "hunter2");

        assertThat(Shipped.unknownSettings(template, KNOWN)).containsExactly("gateway.broker.external.pasword-file: not a setting of the gateway");
        assertThat(Shipped.inlineSecrets(template.keySet())).hasSize(1).allMatch(finding -> finding.startsWith("spring.datasource.password"));
    }

    @Test
    void theKnownSettingsCoverTheGatewaysOwnConfigurationAndRelaxedNames() {
        assertThat(Shipped.unknownSettings(Shipped.gatewayDefaults("application.yml"), KNOWN)).isEmpty();
        assertThat(Shipped.unknownSettings(Shipped.gatewayDefaults("application-production.yml"), KNOWN)).isEmpty();

        assertThat(KNOWN.isKnown("spring.artemis.brokerUrl")).isTrue();
        assertThat(KNOWN.isKnown("gateway.partners.CN-CUSTOMS.delivery.authorization-file")).isTrue();
        assertThat(KNOWN.isKnown("gateway.partners.CN-CUSTOMS.delivery.authorisation-file")).isFalse();
        assertThat(KNOWN.isKnownEnvironmentVariable("GATEWAY_OPERATORS_OPS_APIKEYS_0")).isTrue();
        assertThat(KNOWN.isKnownEnvironmentVariable("GATEWAY_CONF")).isFalse();
    }

    @Test
    void theExampleAgreementPassesTheGatewaysOwnLoaderAndChecksButIsNotReadFromWhereItShips() throws IOException {
        Path example = home().resolve("conf/agreements/example");

        ConfiguredPartners partners = Shipped.loadAgreements(example);

        assertThat(partners.all()).hasSize(1);
        // the template reads agreements/*.yml, not agreements/example/: a fresh install serves no example partner
        String location = String.valueOf(shippedTemplate().get("gateway.agreements"))
                .replace("${" + Shipped.CONF_VARIABLE + "}", home().resolve("conf").toString());
        assertThat(new PathMatchingResourcePatternResolver().getResources(location)).isEmpty();
    }

    @Test
    void theAgreementCheckFindsAMisspeltSettingAndABadValue(@TempDir Path copy) throws IOException {
        String example;
        try (var files = Files.list(home().resolve("conf/agreements/example"))) {
            example = Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
        }
        Path misspelt = Files.createDirectories(copy.resolve("misspelt"));
        Files.writeString(misspelt.resolve("CN-CUSTOMS.yml"), example.replace("\nreceives:", "\nrecieves:"));
        Path badUrl = Files.createDirectories(copy.resolve("bad-url"));
        Files.writeString(badUrl.resolve("CN-CUSTOMS.yml"), example.replace("url: https://", "url: ftp://"));

        assertThatThrownBy(() -> Shipped.loadAgreements(misspelt)).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> Shipped.loadAgreements(badUrl)).isInstanceOf(InvalidPartnerAgreementException.class)
                .hasMessageContaining("delivery.url");
    }

    private static Map<String, Object> shippedTemplate() {
        String yaml = entries.get(base + "/conf/application.yml").text();
        return KnownSettings.flatten(KnownSettings.yamlDocuments(yaml).get(0));
    }

    record Run(int status, String output) {
    }

    static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("CASW_GATEWAY_HOME");
        builder.environment().remove("CASW_GATEWAY_CONF");
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
