package org.casw.gateway.partner;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.stereotype.Component;

/**
 * The partner agreements and routing rules from configuration, checked at start-up. Every problem
 * is reported at once so an operator fixes the file in one go.
 */
@Component
public class ConfiguredPartners implements PartnerDirectory {

    private static final Pattern KEY_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PARTY_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");

    private final Map<String, PartnerProfile> partners = new LinkedHashMap<>();
    private final Map<String, String> partyByKeyDigest = new LinkedHashMap<>();
    private final Map<String, String> operatorByKeyDigest = new LinkedHashMap<>();
    private final Map<DocumentType, String> routes = new EnumMap<>(DocumentType.class);

    public ConfiguredPartners(GatewayProperties properties) {
        List<String> problems = new ArrayList<>();
        Map<String, GatewayProperties.Partner> configured = properties.partners() == null ? Map.of() : properties.partners();
        configured.forEach((id, p) -> {
            String where = "gateway.partners." + id;
            if (!PARTY_ID.matcher(id).matches()) {
                problems.add(where + ": party id must be upper-case letters, digits and '-' (2-64 characters)");
            }
            if (p.role() == null) {
                problems.add(where + ".role: missing (one of ENTERPRISE, CUSTOMS, PORT, RAIL, PARTNER_SINGLE_WINDOW)");
            }
            for (String key : list(p.apiKeys())) {
                if (!KEY_DIGEST.matcher(key).matches()) {
                    problems.add(where + ".api-keys: '" + abbreviate(key) + "' is not 'sha256:' + 64 lower-case hex digits"
                            + " (store the digest of the key, never the key itself)");
                } else if (partyByKeyDigest.putIfAbsent(key, id) != null) {
                    problems.add(where + ".api-keys: the same key is also configured for " + partyByKeyDigest.get(key));
                }
            }
            DeliveryChannel channel = p.delivery().channel();
            if (channel == DeliveryChannel.HTTP) {
                if (p.delivery().url() == null || p.delivery().url().isBlank()) {
                    problems.add(where + ".delivery.url: required for channel HTTP");
                } else {
                    try {
                        URI uri = URI.create(p.delivery().url().replace("{local.server.port}", "1"));
                        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                            problems.add(where + ".delivery.url: must be an http or https URL");
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ".delivery.url: not a URL (" + e.getMessage() + ")");
                    }
                }
            }
            if ((channel == DeliveryChannel.JMS || p.inboundAddress() != null) && p.replyAddress() == null) {
                problems.add(where + ".reply-address: required for JMS delivery or a JMS inbound address");
            }
            partners.put(id, new PartnerProfile(id, p.name() == null ? id : p.name(), p.role(), list(p.identifiers()),
                    channel, p.delivery().url(), p.inboundAddress(), p.replyAddress(), p.suspended()));
        });
        for (GatewayProperties.RoutingRule rule : properties.routing() == null ? List.<GatewayProperties.RoutingRule>of() : properties.routing()) {
            if (rule.documentType() == null) {
                problems.add("gateway.routing: a rule has no document-type");
            } else if (rule.to() == null || !partners.containsKey(rule.to())) {
                problems.add("gateway.routing: " + rule.documentType() + " goes to '" + rule.to() + "', which is no configured partner");
            } else if (routes.putIfAbsent(rule.documentType(), rule.to()) != null) {
                problems.add("gateway.routing: " + rule.documentType() + " has more than one rule");
            }
        }
        Map<String, GatewayProperties.Operator> operators = properties.operators() == null ? Map.of() : properties.operators();
        operators.forEach((name, operator) -> {
            for (String key : list(operator.apiKeys())) {
                if (!KEY_DIGEST.matcher(key).matches()) {
                    problems.add("gateway.operators." + name + ".api-keys: '" + abbreviate(key) + "' is not 'sha256:' + 64 lower-case hex digits");
                } else if (partyByKeyDigest.containsKey(key) || operatorByKeyDigest.putIfAbsent(key, name) != null) {
                    problems.add("gateway.operators." + name + ".api-keys: the same key is configured twice");
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
    }

    /** The operator an API key digest belongs to. */
    public Optional<String> operatorForKeyDigest(String digest) {
        return Optional.ofNullable(operatorByKeyDigest.get(digest));
    }

    @Override
    public Optional<PartnerProfile> find(String partyId) {
        return Optional.ofNullable(partners.get(partyId));
    }

    @Override
    public Collection<PartnerProfile> all() {
        return Collections.unmodifiableCollection(partners.values());
    }

    @Override
    public Optional<String> receiverFor(DocumentType type) {
        return Optional.ofNullable(routes.get(type));
    }

    /** The party an API key digest belongs to. */
    public Optional<String> partyForKeyDigest(String digest) {
        return Optional.ofNullable(partyByKeyDigest.get(digest));
    }

    /** Every configured key digest, of parties and operators. */
    public Collection<String> keyDigests() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(partyByKeyDigest.keySet());
        all.addAll(operatorByKeyDigest.keySet());
        return Collections.unmodifiableSet(all);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static String abbreviate(String key) {
        // never echo what may be a real secret in full
        return key.length() <= 8 ? "***" : key.substring(0, 7) + "...";
    }
}
