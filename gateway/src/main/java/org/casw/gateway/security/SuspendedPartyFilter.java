package org.casw.gateway.security;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.casw.gateway.api.Problems;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.validation.ViolationCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A suspended party receives nothing until resumed: its API calls (mailbox, payloads, tracking) are refused with
 * 403 {@code PARTY_SUSPENDED}. Its submissions still reach the intake, which records the refusal in the audit history.
 */
public class SuspendedPartyFilter extends OncePerRequestFilter {

    private final ConfiguredPartners partners;
    private final PartnerSuspensions suspensions;
    private final ObjectMapper json;

    public SuspendedPartyFilter(ConfiguredPartners partners, PartnerSuspensions suspensions, ObjectMapper json) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean submission = "POST".equals(request.getMethod()) && "/api/v1/messages".equals(request.getRequestURI());
        if (auth != null && !submission && request.getRequestURI().startsWith("/api/") && suspended(auth.getName())) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.FORBIDDEN, ViolationCodes.PARTY_SUSPENDED,
                    "Party suspended", auth.getName() + " is suspended: it neither submits nor receives documents until an"
                            + " operator resumes it."));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean suspended(String party) {
        return partners.find(party).map(PartnerProfile::suspended).orElse(false) || suspensions.isSuspended(party);
    }
}
