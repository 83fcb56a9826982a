package org.casw.gateway.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.casw.certs.DevPki;
import org.casw.gateway.GatewayApplication;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production profile refuses the development PKI: generating it ({@code gateway.dev-pki}), signing with a
 * key it issued, or trusting one of its roots in an agreement. Each problem is named with its setting.
 */
class ProductionGuardTest {

    @Test
    void productionProfileRefusesToGenerateTheDevelopmentPki() {
        assertThatThrownBy(() -> production(TestData.newDataDir("production-dev-pki"), "--gateway.dev-pki=true"))
                .rootCause()
                .hasMessageContaining("Refusing to start in the production profile")
                .hasMessageContaining("gateway.dev-pki is true");
    }

    @Test
    void productionProfileRefusesDevelopmentTrustAnchorsInAgreements() {
        Path dataDir = TestData.newDataDir("production-dev-anchors");
        DevPki.ensure(dataDir.resolve("certs")); // what an earlier development run left in the data directory

        assertThatThrownBy(() -> production(dataDir))
                .rootCause()
                .hasMessageContaining("Refusing to start in the production profile")
                .hasMessageContaining("SG-NSW signatures.trust-anchors: " + dataDir.resolve("certs").resolve("root-ec.pem"))
                .hasMessageContaining("CN-CUSTOMS signatures.trust-anchors")
                .hasMessageContaining("is a development PKI certificate (CASW Development PKI)");
    }

    @Test
    void productionProfileRefusesADevelopmentSigningKey() {
        Path dataDir = TestData.newDataDir("production-dev-key");
        Path certs = DevPki.ensure(dataDir.resolve("certs")).directory();
        String identity = "--gateway.signing.identities.xmldsig-ecdsa-sha256.";

        assertThatThrownBy(() -> production(dataDir, identity + "keystore=" + certs.resolve("CASW-GATEWAY-ec.p12"),
                identity + "alias=CASW-GATEWAY-ec", identity + "password-file=" + certs.resolve(DevPki.PASSWORD_FILE)))
                .rootCause()
                .hasMessageContaining("gateway.signing.identities.xmldsig-ecdsa-sha256: " + certs.resolve("CASW-GATEWAY-ec.p12")
                        + " holds a development PKI key");
    }

    @Test
    void productionProfileRefusesADevelopmentEdelivery2Key() {
        Path dataDir = TestData.newDataDir("production-dev-edelivery2-key");
        DevPki pki = DevPki.ensure(dataDir.resolve("certs"));
        String encryption = "--gateway.as4.edelivery2.encryption.";

        assertThatThrownBy(() -> production(dataDir, encryption + "keystore=" + pki.edelivery2Keystore("CASW-GATEWAY"),
                encryption + "alias=CASW-GATEWAY-x25519", encryption + "password-file=" + pki.directory().resolve(DevPki.PASSWORD_FILE)))
                .rootCause()
                .hasMessageContaining("gateway.as4.edelivery2.encryption: " + pki.edelivery2Keystore("CASW-GATEWAY")
                        + " holds a development PKI key");
    }

    private static void production(Path dataDir, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--gateway.data-dir=" + dataDir, "--gateway.broker.acceptor-url="));
        args.addAll(List.of(settings));
        new SpringApplicationBuilder(GatewayApplication.class).profiles("production").run(args.toArray(String[]::new)).close();
    }
}
