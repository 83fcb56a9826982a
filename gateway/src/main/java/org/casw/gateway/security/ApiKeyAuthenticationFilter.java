package org.casw.gateway.security;

import java.io.IOException;
import java.util.List;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.casw.gateway.partner.ConfiguredPartners;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a party from {@code Authorization: Bearer <api key>}. An unknown or too short key leaves the
 * request unauthenticated; the entry point then answers 401. Keys never reach a log.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final List<SimpleGrantedAuthority> PARTY = List.of(new SimpleGrantedAuthority("ROLE_PARTY"));
    private static final List<SimpleGrantedAuthority> OPERATOR = List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"));

    private final ConfiguredPartners partners;

    public ApiKeyAuthenticationFilter(ConfiguredPartners partners) {
        this.partners = partners;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // a key shorter than ApiKeys.MIN_LENGTH matches nobody: the request stays unauthenticated (401)
            String key = header.substring(7).trim();
            // operators act on the gateway, not as a trade party: their name never matches a party's messages
            partners.holderOfKey(key).ifPresent(holder -> {
                if (holder.operator()) {
                    authenticate("operator:" + holder.name(), OPERATOR);
                } else {
                    authenticate(holder.name(), PARTY);
                }
            });
        }
        chain.doFilter(request, response);
    }

    private static void authenticate(String principal, List<SimpleGrantedAuthority> authorities) {
        SecurityContextHolder.getContext().setAuthentication(new PreAuthenticatedAuthenticationToken(principal, null, authorities));
    }
}
