package org.casw.gateway.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.config.GatewayProperties;
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
