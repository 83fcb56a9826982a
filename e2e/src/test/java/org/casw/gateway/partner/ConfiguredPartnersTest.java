package org.casw.gateway.partner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.config.GatewayPropertiesFixture;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartyLimits;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.routing.RoutingFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partner agreements are checked at start-up, every problem is reported at once, and they route by content. */
class ConfiguredPartnersTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);

    @Test
    void validAgreementsRouteDeclarationsAndResolveKeys() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("CN-CUSTOMS", partner(PartyRole.CUSTOMS, List.of(DIGEST), http("http://127.0.0.1:9/inbox"), null,
                List.of(new GatewayProperties.Receive(DocumentType.DECLARATION, null))));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners), AgreementLocator.none());

        assertThat(configured.receiversFor(DocumentType.DECLARATION, RoutingFacts.of(Map.of()))).containsExactly("CN-CUSTOMS");
        assertThat(configured.receiversFor(DocumentType.MANIFEST, RoutingFacts.of(Map.of()))).isEmpty();
        assertThat(configured.partyForKeyDigest(DIGEST)).contains("CN-CUSTOMS");
        assertThat(configured.find("CN-CUSTOMS").orElseThrow().deliveryQueue()).isEqualTo("sw.out.CN-CUSTOMS");
    }

    @Test
    void contentDecidesTheReceiversAndSeveralMayReceiveOneDocument() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("CN-CUSTOMS", partner(PartyRole.CUSTOMS, List.of(DIGEST), http("http://127.0.0.1:9/inbox"), null, List.of(
                new GatewayProperties.Receive(DocumentType.MANIFEST, null),
                new GatewayProperties.Receive(DocumentType.CERTIFICATE_OF_ORIGIN, Map.of("importing-country", List.of("CN"))))));
        partners.put("PORT-QINZHOU", partner(PartyRole.PORT, List.of(OTHER_DIGEST), mailbox(), null, List.of(
                new GatewayProperties.Receive(DocumentType.MANIFEST, Map.of("mode", List.of("SEA"), "direction", List.of("IMPORT"))))));
        partners.put("SG-NSW", partner(PartyRole.PARTNER_SINGLE_WINDOW, List.of(), mailbox(), null, List.of(
                new GatewayProperties.Receive(DocumentType.CERTIFICATE_OF_ORIGIN, Map.of("importing-country", List.of("SG"))))));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners), AgreementLocator.none());

        assertThat(configured.receiversFor(DocumentType.MANIFEST, RoutingFacts.of(Map.of("mode", "SEA", "direction", "IMPORT"))))
                .containsExactly("CN-CUSTOMS", "PORT-QINZHOU");
        assertThat(configured.receiversFor(DocumentType.MANIFEST, RoutingFacts.of(Map.of("mode", "SEA", "direction", "EXPORT"))))
                .containsExactly("CN-CUSTOMS");
        assertThat(configured.receiversFor(DocumentType.CERTIFICATE_OF_ORIGIN, RoutingFacts.of(Map.of("importing-country", "SG"))))
                .containsExactly("SG-NSW");
        assertThat(configured.receiversFor(DocumentType.CERTIFICATE_OF_ORIGIN, RoutingFacts.of(Map.of()))).isEmpty();
    }

    @Test
    void aPartySendsItsRolesDocumentTypesUnlessItsAgreementNarrowsThemAndNeverMore() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("PORT-QINZHOU", partner(PartyRole.PORT, List.of(), mailbox(), null, List.of()));
        partners.put("BROKER", withSends(partner(PartyRole.ENTERPRISE, List.of(), mailbox(), null, List.of()), List.of(DocumentType.DECLARATION)));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners), AgreementLocator.none());

        assertThat(configured.find("PORT-QINZHOU").orElseThrow().documentsSent())
                .containsExactlyInAnyOrder(DocumentType.MANIFEST, DocumentType.CONTAINER_EVENT);
        assertThat(configured.find("BROKER").orElseThrow().maySend(DocumentType.DECLARATION)).isTrue();
        assertThat(configured.find("BROKER").orElseThrow().maySend(DocumentType.MANIFEST)).isFalse();

        partners.put("ENTERPRISE", withSends(partner(PartyRole.ENTERPRISE, List.of(), mailbox(), null, List.of()),
                List.of(DocumentType.DECLARATION, DocumentType.CERTIFICATE_OF_ORIGIN)));
        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners), AgreementLocator.none()))
                .isInstanceOf(InvalidPartnerAgreementException.class)
                .hasMessageContaining("gateway.partners.ENTERPRISE.sends[1]: a ENTERPRISE may not send CERTIFICATE_OF_ORIGIN");
    }

    @Test
    void everyProblemOfBrokenAgreementsIsListedAndNoKeyIsEchoed() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("cn customs", partner(null, List.of("plain-secret-key"), new GatewayProperties.Delivery(DeliveryChannel.HTTP, null, null), null,
                List.of(new GatewayProperties.Receive(DocumentType.CERTIFICATE_OF_ORIGIN, Map.of("importing-contry", List.of("CN"))),
                        new GatewayProperties.Receive(DocumentType.DECLARATION_RECEIPT, null))));
        partners.put("PORT-QINZHOU", partner(PartyRole.PORT, List.of(), new GatewayProperties.Delivery(DeliveryChannel.JMS, null, null), "sw.in.port",
                List.of(new GatewayProperties.Receive(null, null))));

        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners), AgreementLocator.none()))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> {
                    assertThat(e.problems()).hasSize(8);
                    assertThat(e.getMessage())
                            .contains("gateway.partners.cn customs: party id")
                            .contains("gateway.partners.cn customs.role: missing")
                            .contains("gateway.partners.cn customs.api-keys[0]")
                            .contains("gateway.partners.cn customs.delivery.url: required for channel HTTP")
                            .contains("gateway.partners.cn customs.receives[0].when.importing-contry: CERTIFICATE_OF_ORIGIN offers no fact"
                                    + " 'importing-contry'; known: [agreement, exporting-country, form-type, importing-country]")
                            .contains("gateway.partners.cn customs.receives[1].document-type: DECLARATION_RECEIPT always goes back")
                            .contains("gateway.partners.PORT-QINZHOU.reply-address")
                            .contains("gateway.partners.PORT-QINZHOU.receives[0]: document-type is missing")
                            .doesNotContain("plain-secret-key");
                });
    }

    @Test
    void aggregateDeclarationsCannotBeRoutedOnlyTheDeclarationsTheyAreSplitInto() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("CN-CUSTOMS", partner(PartyRole.CUSTOMS, List.of(DIGEST), http("http://127.0.0.1:9/inbox"), null,
                List.of(new GatewayProperties.Receive(DocumentType.AGGREGATE_DECLARATION, null))));

        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners), AgreementLocator.none()))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactly(
                        "gateway.partners.CN-CUSTOMS.receives[0].document-type: AGGREGATE_DECLARATION is never routed: the gateway"
                                + " splits an aggregate declaration into DECLARATIONs (route those) and answers its sender itself"));
    }

    @Test
    void anAgreementsLimitsOverrideTheGatewayWideDefaultsFieldByField() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("PORT-QINZHOU", withLimits(partner(PartyRole.PORT, List.of(), mailbox(), null, List.of()),
                new GatewayProperties.Limits(5.0, null, null)));
        partners.put("RAIL-QINZHOU", partner(PartyRole.RAIL, List.of(), mailbox(), null, List.of()));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners, new GatewayProperties.Limits(200.0, 400, 64)),
                AgreementLocator.none());

        assertThat(configured.find("PORT-QINZHOU").orElseThrow().limits()).isEqualTo(new PartyLimits(5, 400, 64));
        assertThat(configured.find("RAIL-QINZHOU").orElseThrow().limits()).isEqualTo(new PartyLimits(200, 400, 64));
        assertThat(new ConfiguredPartners(properties(partners), AgreementLocator.none()).find("RAIL-QINZHOU").orElseThrow().limits())
                .as("no limits configured anywhere: none").isEqualTo(PartyLimits.NONE);
    }

    @Test
    void negativeLimitsAreRefusedNamingTheirSetting() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("PORT-QINZHOU", withLimits(partner(PartyRole.PORT, List.of(), mailbox(), null, List.of()),
                new GatewayProperties.Limits(-1.0, -2, -3)));

        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners, new GatewayProperties.Limits(null, null, -1)),
                AgreementLocator.none()))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactly(
                        "gateway.limits.in-flight: -1 must be 0 or more (0: no cap)",
                        "gateway.partners.PORT-QINZHOU.limits.rate-per-second: -1.0 is not a rate (0 or more submissions per second;"
                                + " 0: no rate limit)",
                        "gateway.partners.PORT-QINZHOU.limits.burst: -2 must be 0 or more",
                        "gateway.partners.PORT-QINZHOU.limits.in-flight: -3 must be 0 or more (0: no cap)"));
    }

    @Test
    void anEdifactBlockNamesOnlyWhatDiffersFromTheDefaultsAndBadValuesAreListed() {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partners.put("PORT-QINZHOU", withEdifact(partner(PartyRole.PORT, List.of(), mailbox(), null, List.of()),
                new GatewayProperties.Edifact("QZPORT", "5", null, null, List.of("D96B", "D95B"), EdifactAgreement.Contrl.ALWAYS)));
        partners.put("RAIL-QINZHOU", partner(PartyRole.RAIL, List.of(), mailbox(), null, List.of()));

        ConfiguredPartners configured = new ConfiguredPartners(properties(partners), AgreementLocator.none());

        EdifactAgreement port = configured.find("PORT-QINZHOU").orElseThrow().edifact();
        assertThat(port).isEqualTo(new EdifactAgreement("QZPORT", "5", "CASW-GATEWAY", "ZZZ", List.of("D96B", "D95B"),
                EdifactAgreement.Contrl.ALWAYS));
        assertThat(port.allows("D95B")).isTrue();
        assertThat(port.allows("D00B")).isFalse();
        EdifactAgreement rail = configured.find("RAIL-QINZHOU").orElseThrow().edifact();
        assertThat(rail).isEqualTo(new EdifactAgreement("RAIL-QINZHOU", "ZZZ", "CASW-GATEWAY", "ZZZ", List.of("D96B"),
                EdifactAgreement.Contrl.ON_REQUEST));
        assertThat(rail.answersWithContrl("1")).isTrue();
        assertThat(rail.answersWithContrl(null)).isFalse();

        partners.put("RAIL-QINZHOU", withEdifact(partner(PartyRole.RAIL, List.of(), mailbox(), null, List.of()),
                new GatewayProperties.Edifact("RAIL+QZ", "zz", "X".repeat(36), null, List.of("96B"), null)));
        assertThatThrownBy(() -> new ConfiguredPartners(properties(partners), AgreementLocator.none()))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactly(
                        "gateway.partners.RAIL-QINZHOU.edifact.interchange-id: 'RAIL+QZ' is not a UNB interchange id (1-35 characters,"
                                + " none of + : ' ? *)",
                        "gateway.partners.RAIL-QINZHOU.edifact.our-interchange-id: '" + "X".repeat(36) + "' is not a UNB interchange id"
                                + " (1-35 characters, none of + : ' ? *)",
                        "gateway.partners.RAIL-QINZHOU.edifact.id-qualifier: 'zz' is not an identification code qualifier (0007: 1-4"
                                + " letters or digits, e.g. ZZZ or 5)",
                        "gateway.partners.RAIL-QINZHOU.edifact.directories[0]: '96B' is not a directory such as D96B (UNH S009 0052"
                                + " and 0054)"));
    }

    private static GatewayProperties.Partner withEdifact(GatewayProperties.Partner p, GatewayProperties.Edifact edifact) {
        return new GatewayProperties.Partner(p.party(), p.name(), p.role(), p.country(), p.identifiers(), p.apiKeys(), p.delivery(),
                p.inboundAddress(), p.inboundDirectory(), p.replyAddress(), p.suspended(), p.signatures(), p.retry(), p.receives(),
                p.formats(), p.as4(), p.sends(), p.declaresFor(), p.limits(), edifact, null);
    }

    private static GatewayProperties.Partner withLimits(GatewayProperties.Partner p, GatewayProperties.Limits limits) {
        return new GatewayProperties.Partner(p.party(), p.name(), p.role(), p.country(), p.identifiers(), p.apiKeys(), p.delivery(),
                p.inboundAddress(), p.inboundDirectory(), p.replyAddress(), p.suspended(), p.signatures(), p.retry(), p.receives(),
                p.formats(), p.as4(), p.sends(), p.declaresFor(), limits, p.edifact(), null);
    }

    private static GatewayProperties.Delivery http(String url) {
        return new GatewayProperties.Delivery(DeliveryChannel.HTTP, url, null);
    }

    private static GatewayProperties.Delivery mailbox() {
        return new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null);
    }

    private static GatewayProperties.Partner partner(PartyRole role, List<String> keys, GatewayProperties.Delivery delivery, String inbound,
            List<GatewayProperties.Receive> receives) {
        return new GatewayProperties.Partner(null, null, role, null, List.of(), keys, delivery, inbound, null, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(), false), null,
                receives, null, null, null, null,
                null, null, null);
    }

    private static GatewayProperties.Partner withSends(GatewayProperties.Partner p, List<DocumentType> sends) {
        return new GatewayProperties.Partner(p.party(), p.name(), p.role(), p.country(), p.identifiers(), p.apiKeys(), p.delivery(),
                p.inboundAddress(), p.inboundDirectory(), p.replyAddress(), p.suspended(), p.signatures(), p.retry(), p.receives(),
                p.formats(), p.as4(), sends, p.declaresFor(), p.limits(), p.edifact(), null);
    }

    static GatewayProperties properties(Map<String, GatewayProperties.Partner> partners) {
        return properties(partners, null);
    }

    static GatewayProperties properties(Map<String, GatewayProperties.Partner> partners, GatewayProperties.Limits limits) {
        return GatewayPropertiesFixture.with(partners).limits(limits).build();
    }
}
