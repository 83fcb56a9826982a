package org.casw.gateway.as4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.casw.certs.DevPki;
import org.casw.certs.Edelivery2Key;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An agreement's {@code as4.profile}: rsa by default, or edelivery2 with an Ed25519 signing and an X25519 encryption certificate. */
class As4ProfileAgreementTest {

    @TempDir
    Path dir;

    DevPki pki;
    Path rsa;
    Path ed25519;
    Path x25519;

    @BeforeEach
    void certificates() throws Exception {
        pki = DevPki.ensure(dir.resolve("certs"));
        rsa = pem("rsa.pem", pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        ed25519 = pem("ed25519.pem", pki.identity("SG-NSW", Edelivery2Key.SIGNING).certificate());
        x25519 = pem("x25519.pem", pki.identity("SG-NSW", Edelivery2Key.ENCRYPTION).certificate());
    }

    @Test
    void anAgreementWithoutAProfileUsesRsa() throws Exception {
        write("SG-NSW.yml", agreement("SG-NSW", "certificate: " + rsa));
        StandardEnvironment environment = environment();

        As4Agreement as4 = new ConfiguredPartners(bind(environment), environment).as4("SG-NSW").orElseThrow();

        assertThat(as4.profile()).isEqualTo(As4Profile.RSA);
        assertThat(as4.encryptsFor()).isEqualTo(as4.certificate());
    }

    @Test
    void anEdelivery2AgreementSignsWithOneCertificateAndEncryptsForTheOther() throws Exception {
        write("SG-NSW.yml", agreement("SG-NSW", "profile: edelivery2\n  certificate: " + ed25519 + "\n  encryption-certificate: " + x25519));
        StandardEnvironment environment = environment();

        As4Agreement as4 = new ConfiguredPartners(bind(environment), environment).as4("SG-NSW").orElseThrow();

        assertThat(as4.profile()).isEqualTo(As4Profile.EDELIVERY2);
        assertThat(as4.certificate()).isEqualTo(pki.identity("SG-NSW", Edelivery2Key.SIGNING).certificate());
        assertThat(as4.encryptsFor()).isEqualTo(pki.identity("SG-NSW", Edelivery2Key.ENCRYPTION).certificate());
    }

    @Test
    void certificatesThatDoNotFitTheProfileAreReportedWithFileAndLine() throws Exception {
        write("SG-NSW.yml", agreement("SG-NSW", "profile: edelivery2\n  certificate: " + rsa + "\n  encryption-certificate: " + ed25519));
        write("MY-NSW.yml", agreement("MY-NSW", "profile: edelivery2\n  certificate: " + ed25519));
        write("TH-NSW.yml", agreement("TH-NSW", "profile: rsa\n  certificate: " + rsa + "\n  encryption-certificate: " + x25519));
        write("ID-NSW.yml", agreement("ID-NSW", "profile: ed25519\n  certificate: " + ed25519));
        StandardEnvironment environment = environment();

        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "SG-NSW.yml line 11 (as4.certificate): " + rsa + " holds a RSA key; as4.profile edelivery2 signs with EdDSA"
                                + " Ed25519, so it needs an Ed25519 certificate",
                        "SG-NSW.yml line 12 (as4.encryption-certificate): " + ed25519 + " holds a EdDSA key; as4.profile edelivery2"
                                + " encrypts by X25519 key agreement, so it needs an X25519 certificate",
                        "MY-NSW.yml (as4.encryption-certificate): missing; as4.profile edelivery2 encrypts for the partner's X25519"
                                + " certificate (PEM or DER file), beside its Ed25519 signing certificate in as4.certificate",
                        "TH-NSW.yml line 12 (as4.encryption-certificate): only for as4.profile edelivery2; the rsa profile encrypts"
                                + " for as4.certificate",
                        "ID-NSW.yml line 10 (as4.profile): 'ed25519' is not an AS4 profile; use rsa (RSA-SHA256, RSA-OAEP) or"
                                + " edelivery2 (eDelivery AS4 2.0: Ed25519, X25519)"));
    }

    @Test
    void anEdelivery2AgreementNeedsTheGatewaysEdelivery2Keys() throws Exception {
        write("SG-NSW.yml", agreement("SG-NSW", "profile: edelivery2\n  certificate: " + ed25519 + "\n  encryption-certificate: " + x25519));
        StandardEnvironment environment = environment();
        ConfiguredPartners partners = new ConfiguredPartners(bind(environment), environment);
        GatewayProperties.KeyStoreEntry identity = new GatewayProperties.KeyStoreEntry(pki.keystore("CASW-GATEWAY", KeyFamily.RSA_2048),
                pki.alias("CASW-GATEWAY", KeyFamily.RSA_2048), pki.directory().resolve(DevPki.PASSWORD_FILE), null);
        GatewayProperties.KeyStoreEntry signing = new GatewayProperties.KeyStoreEntry(pki.edelivery2Keystore("CASW-GATEWAY"),
                pki.alias("CASW-GATEWAY", Edelivery2Key.SIGNING), pki.directory().resolve(DevPki.PASSWORD_FILE), null);
        GatewayProperties.KeyStoreEntry rsaAsSigning = new GatewayProperties.KeyStoreEntry(identity.keystore(), identity.alias(),
                identity.passwordFile(), null);
        GatewayProperties.KeyStoreEntry encryption = new GatewayProperties.KeyStoreEntry(pki.edelivery2Keystore("CASW-GATEWAY"),
                pki.alias("CASW-GATEWAY", Edelivery2Key.ENCRYPTION), pki.directory().resolve(DevPki.PASSWORD_FILE), null);

        assertThatThrownBy(() -> As4Crypto.load(identity, partners.as4Agreements())).hasMessageContaining(
                "gateway.as4.edelivery2 is not set: the agreements with SG-NSW use as4.profile edelivery2");
        assertThatThrownBy(() -> As4Crypto.load(identity, new GatewayProperties.Edelivery2Keys(rsaAsSigning, encryption),
                partners.as4Agreements())).hasMessageContaining("gateway.as4.edelivery2.signing: ").hasMessageContaining(
                        " holds no Ed25519 key entry CASW-GATEWAY-rsa (it holds a RSA key)");
        assertThatThrownBy(() -> As4Crypto.load(identity, new GatewayProperties.Edelivery2Keys(signing, signing),
                partners.as4Agreements())).hasMessageContaining("gateway.as4.edelivery2.encryption: ").hasMessageContaining(
                        " holds no X25519 key entry CASW-GATEWAY-ed25519 (it holds a Ed25519 key)");
        As4Crypto crypto = As4Crypto.load(identity, new GatewayProperties.Edelivery2Keys(signing, encryption), partners.as4Agreements());
        assertThat(crypto.edelivery2Certificates()).containsExactly(pki.identity("CASW-GATEWAY", Edelivery2Key.SIGNING).certificate(),
                pki.identity("CASW-GATEWAY", Edelivery2Key.ENCRYPTION).certificate());
        assertThat(crypto.factory(As4Profile.EDELIVERY2).getKeyAlias()).isEqualTo("CASW-GATEWAY-ed25519");
        assertThat(crypto.factory(As4Profile.RSA).getKeyAlias()).isEqualTo("CASW-GATEWAY-rsa");
    }

    private String agreement(String party, String profileLines) {
        return """
                party: %s
                role: PARTNER_SINGLE_WINDOW
                delivery: {channel: AS4}
                as4:
                  our-party-id: CN-CASW
                  party-id: %s-GW
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  endpoint: https://as4.sg.example/as4
                  %s
                """.formatted(party, party, profileLines);
    }

    private Path pem(String name, java.security.cert.X509Certificate certificate) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, As4AgreementTest.pem(certificate));
        return file;
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    private StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("gateway.agreements", "file:" + dir + "/*.yml")));
        new PartnerAgreementFiles().postProcessEnvironment(environment, null);
        return environment;
    }

    private static GatewayProperties bind(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("gateway", Bindable.of(GatewayProperties.class));
    }
}
