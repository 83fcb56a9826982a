package org.casw.sandbox;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.casw.gateway.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use a sandbox (/sandbox/**), which acts as customs and as partner windows with their keys: an
 * operator, or the party the sandbox acts as with its own API key; and on an inbox (POST .../inbox) also
 * the gateway delivering with the {@link SandboxDeliveryToken}. Everyone else is refused: 401 without
 * credentials, 403 with a party's or the token's on a door not theirs.
 */
public final class SandboxAccess {

    /** The role of a request bearing the sandbox delivery token. */
    static final String DELIVERY_ROLE = "ROLE_SANDBOX_DELIVERY";
    /** Problem code of a request with credentials not valid for that sandbox. */
    public static final String ACCESS_DENIED = "SANDBOX_ACCESS_DENIED";

    private static final String PREFIX = "/sandbox/";
    private static final GrantedAuthority OPERATOR = new SimpleGrantedAuthority("ROLE_OPERATOR");
    private static final GrantedAuthority PARTY = new SimpleGrantedAuthority("ROLE_PARTY");

    /** Enabled sandboxes by the first path segment below /sandbox/ (customs, port, rail), to their party. */
    private final Map<String, String> singles = new LinkedHashMap<>();
    /** Enabled sandbox windows' parties (/sandbox/windows/{party}). */
    private final List<String> windows;
    private final Optional<SandboxDeliveryToken> token;

    public SandboxAccess(SandboxProperties sandbox, Optional<SandboxDeliveryToken> token) {
        this.token = token;
        Map<String, SandboxProperties.Partner> all = sandbox.byName();
        for (String name : List.of("customs", "port", "rail")) {
            SandboxProperties.Partner settings = all.get(name);
            if (settings.enabled() && settings.party() != null) {
                singles.put(name, settings.party());
            }
        }
        this.windows = SandboxWindows.NAMES.stream().map(all::get).filter(s -> s.enabled() && s.party() != null)
                .map(SandboxProperties.Partner::party).toList();
    }

    /** Whether {@code authentication} may make this request to a sandbox. */
    public boolean allows(Authentication authentication, HttpServletRequest request) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        var roles = authentication.getAuthorities();
        if (roles.contains(OPERATOR)) {
            return true;
        }
        String path = path(request);
        Optional<String> party = partyAt(path);
        if (party.isEmpty()) {
            return false;
        }
        if (roles.contains(PARTY)) {
            return party.get().equals(authentication.getName());
        }
        return roles.stream().anyMatch(r -> DELIVERY_ROLE.equals(r.getAuthority())) && isInbox(request.getMethod(), path);
    }

    /** The problem for a request whose credentials do not open this sandbox. */
    public ProblemDetail denied(HttpServletRequest request) {
        String path = path(request);
        String detail = partyAt(path).map(party -> "This sandbox acts as " + party + ": use an operator's API key or " + party
                + "'s own" + (isInbox(request.getMethod(), path) ? ", or the sandbox delivery token (" + SandboxDeliveryToken.FILE
                + " under the data directory)." : "."))
                .orElse("No sandbox is enabled at " + path + "; operators may look.");
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, ACCESS_DENIED, "Not this sandbox's party", detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** Authenticates a request bearing the sandbox delivery token (there is none in production). */
    public OncePerRequestFilter deliveryAuthentication() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return token.isEmpty() || !path(request).startsWith(PREFIX);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                if (SecurityContextHolder.getContext().getAuthentication() == null && header != null
                        && header.regionMatches(true, 0, "Bearer ", 0, 7) && token.get().matches(header.substring(7).trim())) {
                    SecurityContextHolder.getContext().setAuthentication(new PreAuthenticatedAuthenticationToken("sandbox-delivery", null,
                            List.of(new SimpleGrantedAuthority(DELIVERY_ROLE))));
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The party of the enabled sandbox at {@code path}, if any. */
    Optional<String> partyAt(String path) {
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        if ("windows".equals(segments[0])) {
            return segments.length >= 2 && windows.contains(segments[1]) ? Optional.of(segments[1]) : Optional.empty();
        }
        return Optional.ofNullable(singles.get(segments[0]));
    }

    /** A sandbox inbox the gateway delivers to: POST /sandbox/customs/inbox or /sandbox/windows/{party}/inbox. */
    static boolean isInbox(String method, String path) {
        return "POST".equals(method) && (path.equals("/sandbox/customs/inbox") || path.matches("/sandbox/windows/[^/]+/inbox"));
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
