package org.casw.gateway.security;

import java.util.List;
import java.util.Map;
import org.casw.gateway.broker.PartyBrokerSecurity;
import org.casw.gateway.partner.ConfiguredPartners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** Both doors that take an API key (HTTP bearer, broker password) refuse keys shorter than the minimum. */
class ApiKeyAuthenticationFilterTest {

    private static final String SHORT = "short-key";
    private static final String LONG = "long-enough-key";
    private static final String OPERATOR = "operator-key-of-tests";
    private final ConfiguredPartners partners = KeyedAgreements.partners(Map.of(
            "PORT-QINZHOU", List.of(ApiKeys.development().digest(SHORT)),
            "RAIL-QINZHOU", List.of(ApiKeys.development().digest(LONG))), Map.of("ops", List.of(ApiKeys.development().digest(OPERATOR))), null);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aBearerKeyShorterThanTheMinimumLeavesTheRequestUnauthenticated() throws Exception {
        assertThat(authenticate(SHORT)).isNull();
        assertThat(authenticate(LONG).getName()).isEqualTo("RAIL-QINZHOU");
    }

    @Test
    void aPartysKeyActsAsThePartyAndAnOperatorsKeyAsAnOperatorWhoIsNoParty() throws Exception {
        Authentication party = authenticate(LONG);
        Authentication operator = authenticate(OPERATOR);

        assertThat(party.getName()).isEqualTo("RAIL-QINZHOU");
        assertThat(party.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PARTY");
        assertThat(operator.getName()).isEqualTo("operator:ops");
        assertThat(operator.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
        assertThat(partners.partyForKey(OPERATOR)).isEmpty();
        assertThat(partners.operatorForKey(LONG)).isEmpty();
        assertThat(partners.operatorForKey(OPERATOR)).contains("ops");
        assertThat(authenticate("an-unknown-key-of-tests")).isNull();
    }

    @Test
    void aBrokerPasswordShorterThanTheMinimumIsRefused() {
        PartyBrokerSecurity broker = new PartyBrokerSecurity(partners);

        assertThat(broker.validateUser("PORT-QINZHOU", SHORT)).isFalse();
        assertThat(broker.validateUser("RAIL-QINZHOU", LONG)).isTrue();
        assertThat(broker.validateUser("PORT-QINZHOU", LONG)).isFalse();
    }

    private Authentication authenticate(String key) throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/messages");
        request.addHeader("Authorization", "Bearer " + key);
        new ApiKeyAuthenticationFilter(partners).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
