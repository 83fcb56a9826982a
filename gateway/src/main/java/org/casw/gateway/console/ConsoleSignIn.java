package org.casw.gateway.console;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.partner.PartnerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Who may log in to the console: an operator with the password hashed in {@code gateway.operators}, or a trade party
 * (its party id) with one of its API keys or the password hashed in its agreement. The principal's name is the
 * API's ({@code operator:<name>} or the party id), so what a person does in the console is recorded as the API would
 * record it, and a party sees exactly what its API key would show it. Five wrong secrets for one name within 15 minutes
 * refuse that name for a while ({@link LoginThrottle}).
 */
@Component
public class ConsoleSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSignIn.class);
    private static final List<SimpleGrantedAuthority> PARTY = List.of(new SimpleGrantedAuthority("ROLE_PARTY"));
    private static final List<SimpleGrantedAuthority> OPERATOR = List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"));
    /** Compared against when the name is unknown, so an unknown name takes as long to refuse as a wrong password. */
    private static final String NOBODY = "{bcrypt}$2a$10$Gd6TpvfmVl6jK/M2d9qTW.tRP1HrYsiSqWhKUWHbLNjzo.Bw4Enwy";

    private final ConfiguredPartners partners;
    private final PartnerSuspensions suspensions;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());

    public ConsoleSignIn(ConfiguredPartners partners, PartnerSuspensions suspensions) {
        this.partners = partners;
        this.suspensions = suspensions;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName() == null ? "" : attempt.getName().trim();
        String secret = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (throttle.blocked(name)) {
            passwords.matches(secret, NOBODY);
            log.info("Console login refused for '{}': too many wrong secrets lately", shown(name));
            throw new LockedException("TOO_MANY_ATTEMPTS");
        }
        Optional<String> operator = partners.consolePasswordOfOperator(name);
        if (operator.isPresent()) {
            if (passwords.matches(secret, operator.get())) {
                throttle.succeeded(name);
                return signedIn("operator:" + name, OPERATOR);
            }
            throw refused(name);
        }
        Optional<PartnerProfile> party = partners.find(name);
        if (party.isEmpty()) {
            passwords.matches(secret, NOBODY);
            throw refused(name);
        }
        boolean byKey = partners.holderOfKey(secret).filter(h -> !h.operator() && h.name().equals(name)).isPresent();
        boolean byPassword = !byKey && partners.consolePasswordOfParty(name).map(hash -> passwords.matches(secret, hash)).orElse(false);
        if (!byKey && !byPassword) {
            throw refused(name);
        }
        throttle.succeeded(name);
        if (party.get().suspended() || suspensions.isSuspended(name)) {
            throw new DisabledException("PARTY_SUSPENDED");
        }
        return signedIn(name, PARTY);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Back to the login page with the reason's code; the page says it in the person's language. */
    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String code = e instanceof DisabledException ? "PARTY_SUSPENDED" : e instanceof LockedException ? "TOO_MANY_ATTEMPTS"
                : "BAD_CREDENTIALS";
        response.sendRedirect(ConsoleSecurity.LOGIN + "?error=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
    }

    private static Authentication signedIn(String principal, List<SimpleGrantedAuthority> authorities) {
        log.info("Console login: {}", principal);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    private BadCredentialsException refused(String name) {
        throttle.failed(name);
        // the name is logged (truncated) to trace guessing; the secret never is
        log.info("Console login refused for '{}'", shown(name));
        return new BadCredentialsException("BAD_CREDENTIALS");
    }

    private static String shown(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
