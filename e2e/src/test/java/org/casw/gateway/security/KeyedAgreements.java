package org.casw.gateway.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.config.GatewayPropertiesFixture;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;

/** Agreements that hold nothing but API key digests, for the key tests. */
final class KeyedAgreements {

    private KeyedAgreements() {
    }

    static ConfiguredPartners partners(Map<String, List<String>> partyDigests, Map<String, List<String>> operatorDigests, Path secretFile) {
        return new ConfiguredPartners(properties(partyDigests, operatorDigests, secretFile), AgreementLocator.none());
    }

    static GatewayProperties properties(Map<String, List<String>> partyDigests, Map<String, List<String>> operatorDigests, Path secretFile) {
        Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
        partyDigests.forEach((party, digests) -> partners.put(party, new GatewayProperties.Partner(null, null, PartyRole.ENTERPRISE, "CN",
                List.of(), digests, new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null), null, null, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(), false),
                null, List.of(), null, null, null, null, null, null, null)));
        Map<String, GatewayProperties.Operator> operators = new LinkedHashMap<>();
        operatorDigests.forEach((name, digests) -> operators.put(name, new GatewayProperties.Operator(digests, null)));
        return GatewayPropertiesFixture.with(partners).operators(operators).devPki(false)
                .apiKeys(new GatewayProperties.ApiKeySecret(secretFile)).build();
    }
}
