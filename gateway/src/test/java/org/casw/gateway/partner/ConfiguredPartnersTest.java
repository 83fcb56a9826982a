package org.casw.gateway.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partner agreements are checked at start-up and every problem is reported at once. */
class ConfiguredPartnersTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void validAgreementsRouteDeclarationsAndResolveKeys() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("CN-CUSTOMS", partner(PartyRole.CUSTOMS, List.of(DIGEST), new GatewayProperties.Delivery(DeliveryChannel.HTTP, "http://127.0.0.1:9/inbox"), null));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners,
                List.of(new GatewayProperties.RoutingRule(DocumentType.DECLARATION, "CN-CUSTOMS"))));

        assertThat(configured.receiverFor(DocumentType.DECLARATION)).contains("CN-CUSTOMS");
        assertThat(configured.partyForKeyDigest(DIGEST)).contains("CN-CUSTOMS");
        assertThat(configured.find("CN-CUSTOMS").orElseThrow().deliveryQueue()).isEqualTo("sw.out.CN-CUSTOMS");
    }

    @Test
    void everyProblemOfBrokenAgreementsIsListedAndNoKeyIsEchoed() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("cn customs", partner(null, List.of("plain-secret-key"), new GatewayProperties.Delivery(DeliveryChannel.HTTP, null), null));
        partners.put("PORT-QINZHOU", partner(PartyRole.PORT, List.of(), new GatewayProperties.Delivery(DeliveryChannel.JMS, null), "sw.in.port"));

        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners,
                List.of(new GatewayProperties.RoutingRule(DocumentType.DECLARATION, "NOBODY")))))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage())
                            .contains("gateway.partners.cn customs: party id")
                            .contains("gateway.partners.cn customs.role: missing")
                            .contains("gateway.partners.cn customs.api-keys")
                            .contains("gateway.partners.cn customs.delivery.url: required for channel HTTP")
                            .contains("gateway.partners.PORT-QINZHOU.reply-address")
                            .contains("DECLARATION goes to 'NOBODY'")
                            .doesNotContain("plain-secret-key");
                });
    }

    private static GatewayProperties.Partner partner(PartyRole role, List<String> keys, GatewayProperties.Delivery delivery, String inbound) {
        return new GatewayProperties.Partner(null, role, List.of(), keys, delivery, inbound, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null), null);
    }

    private static GatewayProperties properties(Map<String, GatewayProperties.Partner> partners, List<GatewayProperties.RoutingRule> routing) {
        return new GatewayProperties(Path.of("data"), DataSize.ofMegabytes(10), 2, Duration.ofSeconds(30), partners, routing,
                new GatewayProperties.Sandbox(false, "CN-CUSTOMS", null, Duration.ofSeconds(2)),
                new GatewayProperties.Broker(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), "", 0.2),
                new GatewayProperties.EmbeddedDatabase(0), new GatewayProperties.Signing(Map.of(), Map.of()), Map.of());
    }
}
