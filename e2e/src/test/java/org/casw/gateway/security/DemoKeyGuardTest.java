package org.casw.gateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.config.GatewayPropertiesFixture;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production profile refuses to start while a published demo key, the published development API key secret or a
 * bare sha256: key digest is configured.
 */
class DemoKeyGuardTest {

    @TempDir
    Path dir;

    @Test
    void theDevelopmentSecretIsRefusedInProduction() {
        GatewayProperties properties = KeyedAgreements.properties(Map.of(
                "DEMO-ENTERPRISE", List.of(ApiKeys.development().digest("a-new-enterprise-key"))), Map.of(), null);

        assertThatThrownBy(() -> new ProductionGuard(new ConfiguredPartners(properties, AgreementLocator.none()), properties))
                .hasMessageContaining("Refusing to start in the production profile")
                .hasMessageContaining("published development secret").hasMessageContaining("gateway.api-keys.secret-file")
                .hasMessageContaining("api-key-digest");
    }

    @Test
    void aBareSha256DigestIsRefusedInProductionNamingItsOwner() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        GatewayProperties properties = KeyedAgreements.properties(Map.of("DEMO-ENTERPRISE", List.of(ApiKeys.legacyDigest("a-new-enterprise-key"))),
                Map.of("ops", List.of(ApiKeys.fromFile(secret).digest("a-new-operator-key"))), secret);

        assertThatThrownBy(() -> new ProductionGuard(new ConfiguredPartners(properties, AgreementLocator.none()), properties))
                .hasMessageContaining("DEMO-ENTERPRISE has an API key stored as a bare sha256: digest")
                .hasMessageNotContaining("development secret");
    }

    @Test
    void aDemoKeyIsRefusedUnderTheProductionSecretToo() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        GatewayProperties properties = KeyedAgreements.properties(Map.of(),
                Map.of("ops", List.of(ApiKeys.fromFile(secret).digest("demo-operator-key"))), secret);

        assertThatThrownBy(() -> new ProductionGuard(new ConfiguredPartners(properties, AgreementLocator.none()), properties))
                .hasMessageContaining("operator ops still has a published demo API key");
    }

    @Test
    void aDemoConsolePasswordIsRefusedAndANewOneAccepted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        String key = ApiKeys.fromFile(secret).digest("a-new-operator-key");
        var bcrypt = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder();
        GatewayProperties demo = GatewayPropertiesFixture.with(Map.of())
                .operators(Map.of("ops", new GatewayProperties.Operator(List.of(key), "{bcrypt}" + bcrypt.encode("demo-operator-password"))))
                .devPki(false).apiKeys(new GatewayProperties.ApiKeySecret(secret)).build();

        assertThatThrownBy(() -> new ProductionGuard(new ConfiguredPartners(demo, AgreementLocator.none()), demo))
                .hasMessageContaining("operator ops still has a published demo console password")
                .hasMessageContaining("console-password-hash");

        GatewayProperties fresh = GatewayPropertiesFixture.with(Map.of())
                .operators(Map.of("ops", new GatewayProperties.Operator(List.of(key), "{bcrypt}" + bcrypt.encode("a-new-console-password"))))
                .devPki(false).apiKeys(new GatewayProperties.ApiKeySecret(secret)).build();
        new ProductionGuard(new ConfiguredPartners(fresh, AgreementLocator.none()), fresh);
    }

    @Test
    void aConsolePasswordStoredInClearStopsTheStartWithoutRepeatingIt() {
        GatewayProperties properties = GatewayPropertiesFixture.with(Map.of())
                .operators(Map.of("ops", new GatewayProperties.Operator(List.of(), "my-clear-password"))).build();

        assertThatThrownBy(() -> new ConfiguredPartners(properties, AgreementLocator.none()))
                .hasMessageContaining("gateway.operators.ops.console-password: not a {bcrypt} hash")
                .hasMessageNotContaining("my-clear-password");
    }

    @Test
    void aProductionSecretWithHmacDigestsOfNewKeysIsAccepted() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        GatewayProperties properties = KeyedAgreements.properties(Map.of("DEMO-ENTERPRISE",
                List.of(ApiKeys.fromFile(secret).digest("a-new-enterprise-key"))), Map.of(), secret);

        new ProductionGuard(new ConfiguredPartners(properties, AgreementLocator.none()), properties);
    }

    @Test
    void productionProfileWithDemoKeysDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).profiles("production").run(
                "--server.port=0",
                "--gateway.data-dir=" + TestData.newDataDir("production"),
                "--gateway.broker.acceptor-url=").close())
                .rootCause()
                .hasMessageContaining("Refusing to start in the production profile")
                .hasMessageContaining("published demo API key");
    }
}
