package org.casw.gateway.partner;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.casw.gateway.as4.As4Agreement;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.security.ApiKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyLimits;
import org.casw.routes.partner.SendingRights;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.routing.RoutingRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The partner agreements in force and the routing rules they contain, checked at start-up. Every
 * problem is reported at once, with the file and line it is on, so an operator fixes them in one go.
 */
@Component
public class ConfiguredPartners implements PartnerDirectory {

    private static final Pattern PASSWORD_HASH = Pattern.compile("\\{bcrypt}\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern KEY_DIGEST = Pattern.compile("(hmac-)?sha256:[0-9a-f]{64}");
    private static final String HOW_TO_DIGEST = "store the digest of the key, never the key itself:"
            + " java -jar gateway.jar api-key-digest --key-file <file with the key>";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPartners.class);
    private static final Pattern PARTY_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final Map<String, PartnerProfile> partners = new LinkedHashMap<>();
    private final Map<String, String> partyByKeyDigest = new LinkedHashMap<>();
    private final Map<String, String> operatorByKeyDigest = new LinkedHashMap<>();
    private final Map<String, String> partyConsolePasswords = new LinkedHashMap<>();
    private final Map<String, String> operatorConsolePasswords = new LinkedHashMap<>();
    private final List<RoutingRule> routing = new ArrayList<>();
    private final Map<String, As4Agreement> as4 = new LinkedHashMap<>();
    /** Parties' and operators' key digests in one map: a request is authenticated with one digest and one look-up. */
    private final Map<String, KeyHolder> holderByKeyDigest;
    private final ApiKeys apiKeys;
    private boolean legacyDigests;

    @Autowired
    public ConfiguredPartners(GatewayProperties properties, Environment environment) {
        this(properties, AgreementLocator.of(environment));
    }

    public ConfiguredPartners(GatewayProperties properties, AgreementLocator locate) {
        List<String> problems = new ArrayList<>();
        ApiKeys digests;
        try {
            digests = ApiKeys.fromFile(properties.apiKeys() == null ? null : properties.apiKeys().secretFile());
        } catch (IllegalArgumentException e) {
            problems.add("gateway.api-keys.secret-file: " + e.getMessage());
            digests = ApiKeys.development(); // so the agreements below are still checked and reported together
        }
        this.apiKeys = digests;
        Map<String, GatewayProperties.Partner> configured = properties.partners() == null ? Map.of() : properties.partners();
        checkLimits(properties.limits(), setting -> "gateway.limits." + setting, problems);
        configured.forEach((id, p) -> {
            if (!PARTY_ID.matcher(id).matches()) {
                problems.add(locate.where(id, "") + ": party id must be upper-case letters, digits and '-' (2-64 characters)");
            }
            if (p.party() != null && !p.party().equals(id)) {
                problems.add(locate.where(id, "party") + ": names " + p.party() + " but the agreement is filed as " + id);
            }
            if (p.role() == null) {
                problems.add(locate.where(id, "role") + ": missing (one of ENTERPRISE, CUSTOMS, PORT, RAIL, PARTNER_SINGLE_WINDOW)");
            }
            if (p.country() != null && !COUNTRY.matcher(p.country()).matches()) {
                problems.add(locate.where(id, "country") + ": '" + p.country() + "' is not an ISO 3166 alpha-2 code such as SG");
            }
            List<String> keys = list(p.apiKeys());
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                if (!KEY_DIGEST.matcher(key).matches()) {
                    problems.add(locate.where(id, "api-keys[" + i + "]") + ": '" + abbreviate(key) + "' is not 'hmac-sha256:' + 64"
                            + " lower-case hex digits (" + HOW_TO_DIGEST + ")");
                } else if (partyByKeyDigest.putIfAbsent(key, id) != null) {
                    problems.add(locate.where(id, "api-keys[" + i + "]") + ": the same key is also configured for "
                            + partyByKeyDigest.get(key));
                }
            }
            consolePassword(p.consolePassword(), locate.where(id, "console-password"), problems)
                    .ifPresent(hash -> partyConsolePasswords.put(id, hash));
            DeliveryChannel channel = p.delivery().channel();
            if (channel == DeliveryChannel.HTTP) {
                if (p.delivery().url() == null || p.delivery().url().isBlank()) {
                    problems.add(locate.where(id, "delivery.url") + ": required for channel HTTP");
                } else {
                    try {
                        URI uri = URI.create(p.delivery().url().replace("{local.server.port}", "1"));
                        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                            problems.add(locate.where(id, "delivery.url") + ": must be an http or https URL");
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(locate.where(id, "delivery.url") + ": not a URL (" + e.getMessage() + ")");
                    }
                }
            }
            if (channel == DeliveryChannel.FILE && (p.delivery().directory() == null || p.delivery().directory().isBlank())) {
                problems.add(locate.where(id, "delivery.directory") + ": required for channel FILE");
            }
            if ((channel == DeliveryChannel.JMS || p.inboundAddress() != null) && p.replyAddress() == null) {
                problems.add(locate.where(id, "reply-address") + ": required for JMS delivery or a JMS inbound address");
            }
            As4Agreement as4Agreement = As4Agreement.check(id, p, locate, problems);
            if (as4Agreement != null) {
                as4.values().stream().filter(other -> other.partyId().equals(as4Agreement.partyId())
                        && Objects.equals(other.partyIdType(), as4Agreement.partyIdType())).findFirst().ifPresentOrElse(
                        other -> problems.add(locate.where(id, "as4.party-id") + ": " + as4Agreement.partyId()
                                + " is already the AS4 party id of " + other.partner()),
                        () -> as4.put(id, as4Agreement));
            }
            List<GatewayProperties.Receive> receives = p.receives() == null ? List.of() : p.receives();
            for (int i = 0; i < receives.size(); i++) {
                checkReceive(id, i, receives.get(i), locate, problems);
            }
            Set<DocumentType> sends = checkSends(id, p, locate, problems);
            GatewayProperties.Formats formats = p.formats();
            partners.put(id, new PartnerProfile(id, p.name() == null ? id : p.name(), p.role(), list(p.identifiers()),
                    channel, p.delivery().url(), p.inboundAddress(), p.replyAddress(), p.suspended(), p.country(),
                    formats == null ? List.of() : formats.sends(), formats == null ? Map.of() : formats.accepts(),
                    p.delivery().directory(), p.inboundDirectory(), sends, list(p.declaresFor()),
                    limits(id, p.limits(), properties.limits(), locate, problems), edifact(id, p.edifact(), locate, problems)));
        });
        As4Agreement.checkEndPartiesKnown(as4, configured.keySet(), locate, problems);
        Map<String, GatewayProperties.Operator> operators = properties.operators() == null ? Map.of() : properties.operators();
        operators.forEach((name, operator) -> {
            for (String key : list(operator.apiKeys())) {
                if (!KEY_DIGEST.matcher(key).matches()) {
                    problems.add("gateway.operators." + name + ".api-keys: '" + abbreviate(key) + "' is not 'hmac-sha256:' + 64 lower-case"
                            + " hex digits (" + HOW_TO_DIGEST + ")");
                } else if (partyByKeyDigest.containsKey(key) || operatorByKeyDigest.putIfAbsent(key, name) != null) {
                    problems.add("gateway.operators." + name + ".api-keys: the same key is configured twice");
                }
            }
            consolePassword(operator.consolePassword(), "gateway.operators." + name + ".console-password", problems)
                    .ifPresent(hash -> operatorConsolePasswords.put(name, hash));
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
        Map<String, KeyHolder> holders = new HashMap<>();
        partyByKeyDigest.forEach((digest, party) -> holders.put(digest, new KeyHolder(party, false)));
        operatorByKeyDigest.forEach((digest, operator) -> holders.put(digest, new KeyHolder(operator, true)));
        holderByKeyDigest = Map.copyOf(holders);
        legacyDigests = keyDigests().stream().anyMatch(digest -> digest.startsWith(ApiKeys.LEGACY_PREFIX));
        if (legacyDigests) {
            LOG.warn("Some API keys are stored as bare sha256: digests; re-issue them as hmac-sha256: digests"
                    + " (java -jar gateway.jar api-key-digest). The production profile refuses sha256: digests.");
        }
        if (apiKeys.usesDevelopmentSecret()) {
            LOG.info("API key digests use the published development secret (set gateway.api-keys.secret-file; dev only)");
        }
    }

    /** A console password must be stored hashed; the value itself is never repeated, in case it is the password. */
    private static Optional<String> consolePassword(String hash, String where, List<String> problems) {
        if (hash == null) {
            return Optional.empty();
        }
        if (!PASSWORD_HASH.matcher(hash).matches()) {
            problems.add(where + ": not a {bcrypt} hash; store the hash, never the password: java -jar gateway.jar console-password-hash");
            return Optional.empty();
        }
        return Optional.of(hash);
    }

    /**
     * The types the party may submit: its agreement's {@code sends}, which may narrow its role's set but not widen it
     * (an enterprise listing CERTIFICATE_OF_ORIGIN is a mistake to stop on, not a right to grant); null for the role's.
     */
    private static Set<DocumentType> checkSends(String id, GatewayProperties.Partner p, AgreementLocator locate, List<String> problems) {
        if (p.sends() == null || p.role() == null) {
            return null;
        }
        Set<DocumentType> ceiling = SendingRights.ceilingOf(p.role());
        Set<DocumentType> sends = new LinkedHashSet<>();
        for (int i = 0; i < p.sends().size(); i++) {
            DocumentType type = p.sends().get(i);
            if (type == null) {
                problems.add(locate.where(id, "sends[" + i + "]") + ": empty; list document types such as DECLARATION");
            } else if (!ceiling.contains(type)) {
                problems.add(locate.where(id, "sends[" + i + "]") + ": a " + p.role() + " may not send " + type + "; it may send "
                        + new TreeSet<>(ceiling));
            } else {
                sends.add(type);
            }
        }
        return sends;
    }

    /** The party's limits: its agreement's values, else the gateway's, field by field; unset everywhere is no limit. */
    /** The agreement's {@code edifact:} block, each value checked against what a UNB or UNH can carry. */
    private static EdifactAgreement edifact(String id, GatewayProperties.Edifact e, AgreementLocator locate, List<String> problems) {
        if (e == null) {
            return EdifactAgreement.defaults(id);
        }
        checkPattern(e.interchangeId(), EdifactAgreement.INTERCHANGE_ID, locate.where(id, "edifact.interchange-id"),
                "is not a UNB interchange id (1-35 characters, none of + : ' ? *)", problems);
        checkPattern(e.ourInterchangeId(), EdifactAgreement.INTERCHANGE_ID, locate.where(id, "edifact.our-interchange-id"),
                "is not a UNB interchange id (1-35 characters, none of + : ' ? *)", problems);
        checkPattern(e.idQualifier(), EdifactAgreement.QUALIFIER, locate.where(id, "edifact.id-qualifier"),
                "is not an identification code qualifier (0007: 1-4 letters or digits, e.g. ZZZ or 5)", problems);
        checkPattern(e.ourIdQualifier(), EdifactAgreement.QUALIFIER, locate.where(id, "edifact.our-id-qualifier"),
                "is not an identification code qualifier (0007: 1-4 letters or digits, e.g. ZZZ or 5)", problems);
        List<String> directories = list(e.directories());
        for (int i = 0; i < directories.size(); i++) {
            checkPattern(directories.get(i), EdifactAgreement.DIRECTORY, locate.where(id, "edifact.directories[" + i + "]"),
                    "is not a directory such as D96B (UNH S009 0052 and 0054)", problems);
        }
        return new EdifactAgreement(e.interchangeId() == null ? id : e.interchangeId(), e.idQualifier(), e.ourInterchangeId(),
                e.ourIdQualifier(), directories, e.contrl());
    }

    private static void checkPattern(String value, Pattern pattern, String where, String rule, List<String> problems) {
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(where + ": '" + value + "' " + rule);
        }
    }

    private static PartyLimits limits(String id, GatewayProperties.Limits own, GatewayProperties.Limits defaults, AgreementLocator locate,
            List<String> problems) {
        if (!checkLimits(own, setting -> locate.where(id, "limits." + setting), problems)) {
            return PartyLimits.NONE;
        }
        GatewayProperties.Limits none = new GatewayProperties.Limits(null, null, null);
        GatewayProperties.Limits mine = own == null ? none : own;
        GatewayProperties.Limits base = defaults == null ? none : defaults;
        double rate = firstOf(mine.ratePerSecond(), base.ratePerSecond(), 0.0);
        int burst = firstOf(mine.burst(), base.burst(), 0);
        int inFlight = firstOf(mine.inFlight(), base.inFlight(), 0);
        try {
            return new PartyLimits(rate, burst, inFlight);
        } catch (IllegalArgumentException e) {
            return PartyLimits.NONE; // reported by checkLimits
        }
    }

    private static boolean checkLimits(GatewayProperties.Limits limits, UnaryOperator<String> where,
            List<String> problems) {
        if (limits == null) {
            return true;
        }
        int before = problems.size();
        if (limits.ratePerSecond() != null && !(limits.ratePerSecond() >= 0 && limits.ratePerSecond() < Double.POSITIVE_INFINITY)) {
            problems.add(where.apply("rate-per-second") + ": " + limits.ratePerSecond()
                    + " is not a rate (0 or more submissions per second; 0: no rate limit)");
        }
        if (limits.burst() != null && limits.burst() < 0) {
            problems.add(where.apply("burst") + ": " + limits.burst() + " must be 0 or more");
        }
        if (limits.inFlight() != null && limits.inFlight() < 0) {
            problems.add(where.apply("in-flight") + ": " + limits.inFlight() + " must be 0 or more (0: no cap)");
        }
        return problems.size() == before;
    }

    private static <T> T firstOf(T own, T fallback, T none) {
        return own != null ? own : fallback != null ? fallback : none;
    }

    private void checkReceive(String id, int index, GatewayProperties.Receive receive, AgreementLocator locate, List<String> problems) {
        String setting = "receives[" + index + "]";
        DocumentType type = receive.documentType();
        if (type == null) {
            problems.add(locate.where(id, setting) + ": document-type is missing");
            return;
        }
        if (type.isReceipt()) {
            problems.add(locate.where(id, setting + ".document-type") + ": " + type
                    + " always goes back to the sender of the message it answers; it cannot be routed");
            return;
        }
        if (type == DocumentType.AGGREGATE_DECLARATION || type == DocumentType.AGGREGATE_RECEIPT) {
            problems.add(locate.where(id, setting + ".document-type") + ": " + type + " is never routed: the gateway splits an"
                    + " aggregate declaration into DECLARATIONs (route those) and answers its sender itself");
            return;
        }
        Map<String, List<String>> when = receive.when() == null ? Map.of() : receive.when();
        Set<String> offered = RoutingFacts.OFFERED.get(type);
        boolean valid = true;
        for (Map.Entry<String, List<String>> condition : when.entrySet()) {
            if (!offered.contains(condition.getKey())) {
                problems.add(locate.where(id, setting + ".when." + condition.getKey()) + ": " + type + " offers no fact '"
                        + condition.getKey() + "'" + (offered.isEmpty() ? "" : "; known: " + new TreeSet<>(offered)));
                valid = false;
            } else if (condition.getValue() == null || condition.getValue().isEmpty()) {
                problems.add(locate.where(id, setting + ".when." + condition.getKey()) + ": lists no value");
                valid = false;
            }
        }
        if (valid) {
            routing.add(new RoutingRule(id, type, when));
        }
    }

    /** The AS4 agreement of a partner gateway, if it has one. */
    public Optional<As4Agreement> as4(String partyId) {
        return Optional.ofNullable(as4.get(partyId));
    }

    /** Every AS4 agreement, by partner. */
    public Collection<As4Agreement> as4Agreements() {
        return Collections.unmodifiableCollection(as4.values());
    }

    /** The {@code {bcrypt}} hash of the party's console password, if it has one. */
    public Optional<String> consolePasswordOfParty(String party) {
        return Optional.ofNullable(partyConsolePasswords.get(party));
    }

    /** The {@code {bcrypt}} hash of the operator's console password, if the operator may log in to the console. */
    public Optional<String> consolePasswordOfOperator(String operator) {
        return Optional.ofNullable(operatorConsolePasswords.get(operator));
    }

    /** Every configured console password hash, of parties and operators, with whom it belongs to. */
    public Map<String, String> consolePasswords() {
        Map<String, String> all = new LinkedHashMap<>();
        partyConsolePasswords.forEach((party, hash) -> all.put(party, hash));
        operatorConsolePasswords.forEach((operator, hash) -> all.put("operator " + operator, hash));
        return all;
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
    public List<String> receiversFor(DocumentType type, RoutingFacts facts) {
        Set<String> receivers = new LinkedHashSet<>();
        for (RoutingRule rule : routing) {
            if (rule.matches(type, facts)) {
                receivers.add(rule.receiver());
            }
        }
        return List.copyOf(receivers);
    }

    /** Every routing rule, in agreement order, for the partner listing. */
    public List<RoutingRule> routingRules() {
        return List.copyOf(routing);
    }

    /** Who holds an API key: a trade party or an operator of the gateway. */
    public record KeyHolder(String name, boolean operator) {
    }

    /**
     * The party or operator a presented API key belongs to, from one digest of the key. A key shorter than
     * {@link ApiKeys#MIN_LENGTH} belongs to nobody. Bare {@code sha256:} digests of earlier releases still match (the
     * production profile refuses them).
     */
    public Optional<KeyHolder> holderOfKey(String key) {
        if (!ApiKeys.longEnough(key)) {
            return Optional.empty();
        }
        KeyHolder holder = holderByKeyDigest.get(apiKeys.digest(key));
        if (holder == null && legacyDigests) {
            holder = holderByKeyDigest.get(ApiKeys.legacyDigest(key));
        }
        return Optional.ofNullable(holder);
    }

    /** The party a presented API key belongs to, under the rules of {@link #holderOfKey}. */
    public Optional<String> partyForKey(String key) {
        return holderOfKey(key).filter(holder -> !holder.operator()).map(KeyHolder::name);
    }

    /** The operator a presented API key belongs to, under the rules of {@link #holderOfKey}. */
    public Optional<String> operatorForKey(String key) {
        return holderOfKey(key).filter(KeyHolder::operator).map(KeyHolder::name);
    }

    /** How API keys are digested here: with the configured server secret, or the development one. */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** The party an API key digest belongs to. */
    public Optional<String> partyForKeyDigest(String digest) {
        return Optional.ofNullable(partyByKeyDigest.get(digest));
    }

    /** Every configured key digest, of parties and operators. */
    public Collection<String> keyDigests() {
        Set<String> all = new LinkedHashSet<>(partyByKeyDigest.keySet());
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
