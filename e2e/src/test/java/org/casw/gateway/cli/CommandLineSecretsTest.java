package org.casw.gateway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.security.ApiKeys;
import org.casw.kit.demo.DemoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** No command takes a key or a password as an argument: each refuses one with a clear message. */
class CommandLineSecretsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void optionsAndSpringPropertiesCarryingSecretsAreRefusedAndFileOptionsAreNot() {
        assertThat(CommandLineSecrets.inlineSecret(new String[] {"--api-key", "k"})).get().asString()
                .contains("--api-key-file FILE or the CASW_API_KEY environment variable");
        assertThat(CommandLineSecrets.inlineSecret(new String[] {"--password=p"})).get().asString().contains("--password-file FILE");
        assertThat(CommandLineSecrets.inlineSecret(new String[] {"--spring.datasource.password=p"})).get().asString()
                .contains("SPRING_DATASOURCE_PASSWORD").doesNotContain("=p");
        assertThat(CommandLineSecrets.inlineSecret(new String[] {"--sandbox.sg-nsw.api-key=k"})).isPresent();
        assertThat(CommandLineSecrets.inlineSecret(new String[] {"--server.port=0", "--gateway.api-keys.secret-file=/s",
                "--api-key-file", "/k", "--password-file", "/p", "--gateway.data-dir=/d"})).isEmpty();
    }

    @Test
    void apiKeyDigestReadsTheKeyFromAFileTheEnvironmentOrStandardInput() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        Path keyFile = Files.writeString(dir.resolve("key"), "key-from-the-file\n");
        ApiKeys keys = ApiKeys.fromFile(secret);

        assertThat(digest(new String[] {"--secret-file", secret.toString(), "--key-file", keyFile.toString()}, "", Map.of()))
                .isEqualTo(keys.digest("key-from-the-file"));
        assertThat(digest(new String[] {"--secret-file", secret.toString()}, "", Map.of("CASW_API_KEY", "key-from-the-environment")))
                .isEqualTo(keys.digest("key-from-the-environment"));
        assertThat(digest(new String[] {"--secret-file", secret.toString()}, "key-from-standard-input\n", Map.of()))
                .isEqualTo(keys.digest("key-from-standard-input"));
        assertThat(digest(new String[0], "demo-enterprise-key", Map.of())).isEqualTo(ApiKeys.development().digest("demo-enterprise-key"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("published development secret");
    }

    @Test
    void apiKeyDigestRefusesAKeyArgumentAndAKeyShorterThanTheMinimum() {
        assertThat(ApiKeyDigestCommand.run(new String[] {"--api-key", "visible-in-ps-key"}, new ByteArrayInputStream(new byte[0]), Map.of(),
                print(out), print(err))).isEqualTo(2);
        assertThat(ApiKeyDigestCommand.run(new String[0], new ByteArrayInputStream("short".getBytes(StandardCharsets.UTF_8)), Map.of(),
                print(out), print(err))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--api-key-file FILE or the CASW_API_KEY", "at least 12");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void signRefusesAPasswordArgument() {
        int exit = SignCommand.run(new String[] {"--profile", "xmldsig-ecdsa-sha256", "--key", "k.p12", "--password", "secret", "doc.xml"},
                print(out), print(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--password would put a secret on the command line", "--password-file");
    }

    @Test
    void demoRefusesASandboxKeyAsASpringArgumentBeforeStartingAnything() {
        int exit = DemoCommand.run(new String[] {"--sandbox.customs.api-key=visible-in-ps-key"}, GatewayApplication.class,
                print(out), print(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("would put a secret on the command line", "SANDBOX_CUSTOMS_APIKEY")
                .doesNotContain("visible-in-ps-key");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Starting the gateway");
    }

    private String digest(String[] args, String stdin, Map<String, String> environment) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = ApiKeyDigestCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment,
                print(printed), print(err));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    private static PrintStream print(ByteArrayOutputStream target) {
        return new PrintStream(target, true, StandardCharsets.UTF_8);
    }
}
