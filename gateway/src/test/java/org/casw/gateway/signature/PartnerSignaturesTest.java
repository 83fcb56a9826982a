package org.casw.gateway.signature;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.signature.SigningProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature agreements: the key in force rolls over at its instant, and broken settings stop start-up. */
class PartnerSignaturesTest {

    private static final Instant ROLLOVER = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private DevPki pki;

    @BeforeEach
    void pki() {
        pki = DevPki.ensure(dir);
    }

    @Test
    void theNextKeySignsFromItsInstantOn() {
        var before = signatures(ROLLOVER.minus(Duration.ofDays(1))).signingFor("SG-NSW").orElseThrow();
        var after = signatures(ROLLOVER).signingFor("SG-NSW").orElseThrow();

        assertThat(before.identity().certificate()).isEqualTo(pki.certificate("CASW-GATEWAY", KeyFamily.EC_P256));
        assertThat(after.identity().certificate()).isEqualTo(pki.certificate("DEMO-ENTERPRISE", KeyFamily.EC_P256));
        assertThat(after.profile()).isEqualTo(SigningProfile.XMLDSIG_ECDSA_SHA256);
        assertThat(signatures(ROLLOVER).nextIdentities()).containsKey(SigningProfile.XMLDSIG_ECDSA_SHA256);
    }

    @Test
    void aProfileWithoutAKeyAndAMissingKeyStoreAreBothReported() {
        GatewayProperties properties = properties(Map.of("xmldsig-ecdsa-sha256", entry("NO-SUCH", KeyFamily.EC_P256, null)), Map.of(),
                "xmldsig-rsa-sha256");

        assertThatThrownBy(() -> new PartnerSignatures(properties, new StaticListableBeanFactory().getBeanProvider(DevPki.class)))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.getMessage())
                        .contains("gateway.signing.identities.xmldsig-ecdsa-sha256: key store", "cannot be read")
                        .contains("gateway.partners.SG-NSW.signatures.sign-with: no key for xmldsig-rsa-sha256"));
    }

    private PartnerSignatures signatures(Instant now) {
        GatewayProperties properties = properties(
                Map.of("xmldsig-ecdsa-sha256", entry("CASW-GATEWAY", KeyFamily.EC_P256, null)),
                Map.of("xmldsig-ecdsa-sha256", entry("DEMO-ENTERPRISE", KeyFamily.EC_P256, ROLLOVER)), "xmldsig-ecdsa-sha256");
        return new PartnerSignatures(properties, new StaticListableBeanFactory().getBeanProvider(DevPki.class),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private GatewayProperties.KeyStoreEntry entry(String party, KeyFamily family, Instant from) {
        return new GatewayProperties.KeyStoreEntry(pki.directory().resolve(party + "-" + family.suffix() + ".p12"),
                party + "-" + family.suffix(), pki.directory().resolve(DevPki.PASSWORD_FILE), from);
    }

    private GatewayProperties properties(Map<String, GatewayProperties.KeyStoreEntry> identities,
            Map<String, GatewayProperties.KeyStoreEntry> next, String signWith) {
        var signatures = new GatewayProperties.Signatures(signWith, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null);
        var partner = new GatewayProperties.Partner("Singapore", PartyRole.PARTNER_SINGLE_WINDOW, List.of(), List.of(),
                new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null), null, null, false, signatures);
        return new GatewayProperties(dir, DataSize.ofMegabytes(10), 2, Duration.ofSeconds(30), Map.of("SG-NSW", partner), List.of(),
                new GatewayProperties.Sandbox(false, "CN-CUSTOMS", null, Duration.ofSeconds(2)),
                new GatewayProperties.Broker(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), ""),
                new GatewayProperties.EmbeddedDatabase(0), new GatewayProperties.Signing(identities, next));
    }
}
