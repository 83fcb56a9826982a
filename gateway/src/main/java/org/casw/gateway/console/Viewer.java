package org.casw.gateway.console;

import org.casw.routes.ledger.MessageView;
import org.springframework.security.core.Authentication;

/**
 * Who is looking: an operator sees every message; a party sees the messages it sent or received, and of other
 * parties' documents only the milestones that concern its own consignments (see {@link org.casw.gateway.api.ConsignmentTimeline}).
 */
public record Viewer(String name, boolean operator) {

    static Viewer of(Authentication authentication) {
        return new Viewer(authentication.getName(),
                authentication.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority())));
    }

    /** The party the console narrows searches to; null for an operator. */
    String party() {
        return operator ? null : name;
    }

    boolean mayRead(MessageView message) {
        return operator || name.equals(message.sender()) || name.equals(message.receiver());
    }
}
