package org.casw.gateway.broker;

import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.partner.PartnerProfile;

/**
 * Broker access by partner agreement. Parties connect with their party id and API key (digested with the server
 * secret, at least {@link org.casw.gateway.security.ApiKeys#MIN_LENGTH} characters); a party may
 * only send to its own inbound address and only read its own reply address. The gateway itself
 * connects in-VM and may do anything. Nothing is created on demand: queues come from configuration.
 */
public class PartyBrokerSecurity implements ActiveMQSecurityManager5 {

    private static final String GATEWAY = "gateway (in-vm)";

    private final ConfiguredPartners partners;

    public PartyBrokerSecurity(ConfiguredPartners partners) {
        this.partners = partners;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(GATEWAY);
        }
        if (user == null || password == null) {
            return null;
        }
        return partners.partyForKey(password).filter(user::equals).map(PartyBrokerSecurity::subject).orElse(null);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false; // anonymous: may connect, may do nothing
        }
        String party = subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
        if (GATEWAY.equals(party)) {
            return true;
        }
        PartnerProfile partner = party == null ? null : partners.find(party).orElse(null);
        if (partner == null || address == null) {
            return false;
        }
        String target = address.contains("::") ? address.substring(0, address.indexOf("::")) : address;
        return switch (checkType) {
            case SEND -> target.equals(partner.inboundAddress());
            case CONSUME, BROWSE -> target.equals(partner.replyAddress());
            default -> false;
        };
    }

    @Override
    public boolean validateUser(String user, String password) {
        return user != null && password != null && partners.partyForKey(password).filter(user::equals).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false; // superseded by authorize(); never consulted for ActiveMQSecurityManager5
    }

    private static Subject subject(String name) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(name));
        return subject;
    }
}
