package org.casw.gateway.partner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.security.SecretFile;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agreement's delivery credential ({@code delivery.authorization-file}): a bearer token read from a file only
 * the gateway can read, used by HTTP deliveries only; a file others can read, or a link, stops start-up naming the setting.
 */
class DeliveryCredentialsTest {

    @Test
    void anHttpDeliveryCarriesTheTokenFromItsFile() throws Exception {
        Path file = TestData.newDataDir("credentials").resolve("secrets").resolve("sg-token");
        String token = SecretFile.ensure(file);

        DeliveryCredentials credentials = new DeliveryCredentials(properties(Map.of("SG-NSW", partner(DeliveryChannel.HTTP, file),
                "MY-NSW", partner(DeliveryChannel.HTTP, null))), AgreementLocator.none());
        credentials.afterSingletonsInstantiated();

        assertThat(credentials.authorization("SG-NSW")).contains("Bearer " + token);
        assertThat(credentials.authorization("MY-NSW")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedAtStartUp() throws Exception {
        Path file = TestData.newDataDir("credentials-open").resolve("token");
        Files.writeString(file, "a-token-anyone-can-read\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DeliveryCredentials credentials = new DeliveryCredentials(properties(Map.of("SG-NSW", partner(DeliveryChannel.HTTP, file))),
                AgreementLocator.none());

        assertThatThrownBy(credentials::afterSingletonsInstantiated).isInstanceOfSatisfying(InvalidPartnerAgreementException.class,
                e -> assertThat(e.problems()).singleElement().asString().contains("gateway.partners.SG-NSW.delivery.authorization-file")
                        .contains("readable by group or others (rw-r--r--)").doesNotContain("a-token-anyone-can-read"));
    }

    @Test
    void aLinkOrAMissingFileIsRefusedAtStartUp() throws Exception {
        Path dir = TestData.newDataDir("credentials-link");
        Path real = dir.resolve("real");
        SecretFile.ensure(real);
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("SG-NSW", partner(DeliveryChannel.HTTP, link));
        partners.put("MY-NSW", partner(DeliveryChannel.HTTP, dir.resolve("missing")));
        DeliveryCredentials credentials = new DeliveryCredentials(properties(partners), AgreementLocator.none());

        assertThatThrownBy(credentials::afterSingletonsInstantiated).isInstanceOfSatisfying(InvalidPartnerAgreementException.class,
                e -> assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("SG-NSW").contains("not a regular file"))
                        .anySatisfy(p -> assertThat(p).contains("MY-NSW").contains("cannot be read")));
    }

    @Test
    void aTokenFileOnAnotherChannelIsNeitherReadNorSent() {
        // e.g. CN-CUSTOMS switched to JMS by an override while its agreement still names the sandbox token
        DeliveryCredentials credentials = new DeliveryCredentials(properties(Map.of("CN-CUSTOMS",
                partner(DeliveryChannel.JMS, Path.of("no-such-token")))), AgreementLocator.none());

        credentials.afterSingletonsInstantiated();

        assertThat(credentials.authorization("CN-CUSTOMS")).isEmpty();
    }

    private static GatewayProperties.Partner partner(DeliveryChannel channel, Path authorizationFile) {
        return new GatewayProperties.Partner(null, null, PartyRole.PARTNER_SINGLE_WINDOW, null, List.of(), List.of(),
                new GatewayProperties.Delivery(channel, "http://127.0.0.1:9/inbox", null, authorizationFile), null, null, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(),
                        false), null,
                List.of(), null, null, null, null, null, null, null);
    }

    private static GatewayProperties properties(Map<String, GatewayProperties.Partner> partners) {
        return ConfiguredPartnersTest.properties(partners);
    }
}
