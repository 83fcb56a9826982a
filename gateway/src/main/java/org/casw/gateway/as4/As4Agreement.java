package org.casw.gateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.routes.partner.DeliveryChannel;

/**
 * A partner gateway's AS4 P-Mode values, checked: whom the gateway talks to (both ebMS party ids with
their types; a null type is an untyped id), about what (service, action), where (endpoint) and with which
 * certificate (the partner signs with it; the gateway encrypts for it), whether the partner must sign and
 * encrypt, and how the end parties are named in the four-corner properties. Under the eDelivery AS4 2.0
 * profile the partner signs with {@code certificate} (Ed25519) and the gateway encrypts for
 * {@code encryptionCertificate} (X25519).
 */
public record As4Agreement(String partner, String ourPartyId, String ourPartyIdType, String partyId, String partyIdType,
        String service, String serviceType, String action, String endpoint, X509Certificate certificate, Path certificateFile,
        boolean mustSign, boolean mustEncrypt, As4Profile profile, X509Certificate encryptionCertificate, String endPartyIdType,
        Map<String, EndParty> endParties) {

    public As4Agreement {
        profile = profile == null ? As4Profile.RSA : profile;
        endPartyIdType = endPartyIdType == null ? UNREGISTERED_TYPE : endPartyIdType;
        endParties = endParties == null ? Map.of() : Map.copyOf(endParties);
    }

    /** An agreement under the RSA profile: one certificate to verify and to encrypt for; end parties named by default. */
    public As4Agreement(String partner, String ourPartyId, String ourPartyIdType, String partyId, String partyIdType, String service,
            String serviceType, String action, String endpoint, X509Certificate certificate, Path certificateFile, boolean mustSign,
            boolean mustEncrypt) {
        this(partner, ourPartyId, ourPartyIdType, partyId, partyIdType, service, serviceType, action, endpoint, certificate,
                certificateFile, mustSign, mustEncrypt, As4Profile.RSA, null, null, null);
    }

    /** An agreement under the RSA profile with its four-corner naming. */
    public As4Agreement(String partner, String ourPartyId, String ourPartyIdType, String partyId, String partyIdType, String service,
            String serviceType, String action, String endpoint, X509Certificate certificate, Path certificateFile, boolean mustSign,
            boolean mustEncrypt, String endPartyIdType, Map<String, EndParty> endParties) {
        this(partner, ourPartyId, ourPartyIdType, partyId, partyIdType, service, serviceType, action, endpoint, certificate,
                certificateFile, mustSign, mustEncrypt, As4Profile.RSA, null, endPartyIdType, endParties);
    }

    /** The certificate the gateway encrypts for: the X25519 one under eDelivery AS4 2.0, else the one certificate. */
    public X509Certificate encryptsFor() {
        return encryptionCertificate != null ? encryptionCertificate : certificate;
    }

    /** An end party (four-corner C1 or C4) as named to a partner: its id and the type (scheme) of that id. */
    public record EndParty(String id, String type) {
    }

    /** The initiator and responder roles of the eDelivery AS4 one-way push. */
    public static final String ROLE_INITIATOR = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator";
    public static final String ROLE_RESPONDER = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder";

    /** ebCore party id type for ids in no registered scheme (the default of both party id types). */
    public static final String UNREGISTERED_TYPE = GatewayProperties.As4.UNREGISTERED;

    /** The P-Mode id: one P-Mode per partner agreement, both directions use it. */
    public String pmodeId() {
        return "casw-" + partner.toLowerCase(Locale.ROOT);
    }

    /** Whether a message from {@code from} to {@code to} (each id with its type; null: untyped) is under this agreement. */
    public boolean covers(String fromType, String from, String toType, String to) {
        return partyId.equals(from) && Objects.equals(partyIdType, fromType) && ourPartyId.equals(to)
                && Objects.equals(ourPartyIdType, toType);
    }

    /** What this agreement expects a partner's message to be addressed with, for refusals. */
    public String expectedParties() {
        return "the agreement with " + partner + " expects " + describe(partyIdType, partyId) + " sending to " + describe(ourPartyIdType,
                ourPartyId);
    }

    /** A party id as a refusal names it: its value and its type, or that it has none. */
    public static String describe(String type, String id) {
        return id + (type == null ? " (untyped)" : " (type " + type + ")");
    }

    /** A certificate as a refusal names it: subject and serial number (hex), enough to find it in a key store. */
    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16) + ")";
    }

    /**
     * The four-corner name of a party of this gateway towards this partner: as its {@code end-parties} entry says, else its
     * first identifier (e.g. its USCC), else its party id, typed {@code end-party-id-type}.
     */
    public EndParty endParty(String party, List<String> identifiers) {
        EndParty named = endParties.get(party);
        if (named != null) {
            return named;
        }
        return new EndParty(identifiers == null || identifiers.isEmpty() ? party : identifiers.get(0), endPartyIdType);
    }

    /**
     * Checks a partner's {@code as4:} block (and that {@code delivery.channel: AS4} has one), adding every
     * problem with its file and line; returns the agreement, or null when there is none or it is unusable.
     */
    public static As4Agreement check(String partnerId, GatewayProperties.Partner partner, AgreementLocator locate, List<String> problems) {
        GatewayProperties.As4 as4 = partner.as4();
        boolean deliversByAs4 = partner.delivery() != null && partner.delivery().channel() == DeliveryChannel.AS4;
        if (as4 == null) {
            if (deliversByAs4) {
                problems.add(locate.where(partnerId, "as4") + ": required for channel AS4 (our-party-id, party-id, service, action,"
                        + " endpoint, certificate)");
            }
            return null;
        }
        int before = problems.size();
        required(partnerId, "as4.our-party-id", as4.ourPartyId(), locate, problems);
        required(partnerId, "as4.party-id", as4.partyId(), locate, problems);
        required(partnerId, "as4.service", as4.service(), locate, problems);
        required(partnerId, "as4.action", as4.action(), locate, problems);
        String ourPartyIdType = partyIdType(partnerId, "as4.our-party-id-type", as4.ourPartyIdType(), locate, problems);
        String partyIdType = partyIdType(partnerId, "as4.party-id-type", as4.partyIdType(), locate, problems);
        if (as4.ourPartyId() != null && as4.ourPartyId().equals(as4.partyId()) && Objects.equals(ourPartyIdType, partyIdType)) {
            problems.add(locate.where(partnerId, "as4.party-id") + ": is the gateway's own party id (as4.our-party-id)");
        }
        Map<String, EndParty> endParties = endParties(partnerId, as4, locate, problems);
        if (as4.serviceType() == null && as4.service() != null && !as4.service().isBlank() && !isUri(as4.service())) {
            problems.add(locate.where(partnerId, "as4.service") + ": '" + as4.service() + "' is not a URI; give as4.service-type as well");
        }
        if (as4.endpoint() == null || as4.endpoint().isBlank()) {
            if (deliversByAs4) {
                problems.add(locate.where(partnerId, "as4.endpoint") + ": required for channel AS4 (the partner's AS4 URL)");
            }
        } else {
            try {
                URI uri = URI.create(as4.endpoint().replace("{local.server.port}", "1"));
                if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add(locate.where(partnerId, "as4.endpoint") + ": must be an http or https URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add(locate.where(partnerId, "as4.endpoint") + ": not a URL (" + e.getMessage() + ")");
            }
        }
        As4Profile profile = As4Profile.of(as4.profile()).orElse(null);
        if (profile == null) {
            problems.add(locate.where(partnerId, "as4.profile") + ": '" + as4.profile() + "' is not an AS4 profile; use rsa (RSA-SHA256,"
                    + " RSA-OAEP) or edelivery2 (eDelivery AS4 2.0: Ed25519, X25519)");
        }
        X509Certificate certificate = null;
        if (as4.certificate() == null) {
            problems.add(locate.where(partnerId, "as4.certificate") + ": missing (PEM or DER file of the partner gateway's certificate)");
        } else if (profile != null) {
            certificate = readCertificate(partnerId, "as4.certificate", as4.certificate(), profile, false, locate, problems);
        }
        X509Certificate encryptionCertificate = null;
        if (profile == As4Profile.EDELIVERY2 && as4.encryptionCertificate() == null) {
            problems.add(locate.where(partnerId, "as4.encryption-certificate") + ": missing; as4.profile edelivery2 encrypts for the"
                    + " partner's X25519 certificate (PEM or DER file), beside its Ed25519 signing certificate in as4.certificate");
        } else if (profile == As4Profile.RSA && as4.encryptionCertificate() != null) {
            problems.add(locate.where(partnerId, "as4.encryption-certificate") + ": only for as4.profile edelivery2; the rsa profile"
                    + " encrypts for as4.certificate");
        } else if (profile == As4Profile.EDELIVERY2) {
            encryptionCertificate = readCertificate(partnerId, "as4.encryption-certificate", as4.encryptionCertificate(), profile, true,
                    locate, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new As4Agreement(partnerId, as4.ourPartyId(), ourPartyIdType, as4.partyId(), partyIdType, as4.service(),
                as4.serviceType(), as4.action(), as4.endpoint(), certificate, as4.certificate(), as4.mustSign(), as4.mustEncrypt(),
                profile, encryptionCertificate, as4.endPartyIdType(), endParties);
    }

    /**
     * Checks that every {@code end-parties} entry names a party of this gateway (all agreements are known only once all
     * are read).
     */
    public static void checkEndPartiesKnown(Map<String, As4Agreement> agreements, Set<String> parties, AgreementLocator locate,
            List<String> problems) {
        agreements.forEach((partnerId, agreement) -> agreement.endParties().keySet().stream().filter(p -> !parties.contains(p)).sorted()
                .forEach(p -> problems.add(locate.where(partnerId, "as4.end-parties." + p) + ": " + p
                        + " is not a party of this gateway")));
    }

    /** A party id type as configured: omitted is the default (unregistered), empty is an untyped id (null). */
    private static String partyIdType(String partnerId, String setting, String value, AgreementLocator locate, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().equals(value) || value.chars().anyMatch(Character::isWhitespace)) {
            problems.add(locate.where(partnerId, setting) + ": '" + value + "' contains white space; give the type URI, or \"\" for"
                    + " an untyped party id");
        }
        return value;
    }

    private static Map<String, EndParty> endParties(String partnerId, GatewayProperties.As4 as4, AgreementLocator locate,
            List<String> problems) {
        String endPartyIdType = as4.endPartyIdType();
        if (endPartyIdType == null || endPartyIdType.isBlank() || endPartyIdType.chars().anyMatch(Character::isWhitespace)) {
            problems.add(locate.where(partnerId, "as4.end-party-id-type") + ": must be a type URI such as " + UNREGISTERED_TYPE
                    + " (the four-corner properties carry the end parties' ids with their type)");
        }
        Map<String, EndParty> endParties = new LinkedHashMap<>();
        if (as4.endParties() == null) {
            return endParties;
        }
        as4.endParties().forEach((party, endParty) -> {
            String where = locate.where(partnerId, "as4.end-parties." + party);
            String id = endParty == null ? null : endParty.id();
            String type = endParty == null || endParty.type() == null ? as4.endPartyIdType() : endParty.type();
            if (id == null || id.isBlank()) {
                problems.add(where + ": id missing (the party's id in " + partnerId + "'s network, e.g. its registration number)");
            } else if (id.chars().anyMatch(Character::isWhitespace)) {
                problems.add(where + ": id '" + id + "' contains white space");
            }
            if (endParty != null && endParty.type() != null && (type.isBlank() || type.chars().anyMatch(Character::isWhitespace))) {
                problems.add(where + ": type '" + type + "' is not a type URI");
            }
            endParties.put(party, new EndParty(id, type));
        });
        return endParties;
    }

    /** What key a certificate of the profile must hold, and why, for the refusal. */
    private static String keyProblem(X509Certificate certificate, As4Profile profile, boolean encryption) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        return switch (profile) {
            case RSA -> certificate.getPublicKey() instanceof RSAPublicKey ? null : "holds a " + algorithm + " key; the AS4 channel"
                    + " signs with RSA-SHA256 and transports keys with RSA-OAEP, so it needs an RSA certificate";
            case EDELIVERY2 -> encryption
                    ? isKey(certificate, "X25519") ? null : "holds a " + algorithm + " key; as4.profile edelivery2 encrypts by X25519 key"
                            + " agreement, so it needs an X25519 certificate"
                    : isKey(certificate, "Ed25519") ? null : "holds a " + algorithm + " key; as4.profile edelivery2 signs with EdDSA"
                            + " Ed25519, so it needs an Ed25519 certificate";
        };
    }

    /** The JDK names both curves' keys by family (EdDSA, XDH); the curve is in the parameters. */
    private static boolean isKey(X509Certificate certificate, String curve) {
        return certificate.getPublicKey() instanceof EdECPublicKey ed ? curve.equals(ed.getParams().getName())
                : certificate.getPublicKey() instanceof XECPublicKey xec && xec.getParams() instanceof NamedParameterSpec named
                        && curve.equals(named.getName());
    }

    private static X509Certificate readCertificate(String partnerId, String setting, Path file, As4Profile profile, boolean encryption,
            AgreementLocator locate, List<String> problems) {
        String where = locate.where(partnerId, setting);
        if (!Files.isReadable(file)) {
            problems.add(where + ": " + file + " cannot be read");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            String problem = keyProblem(certificate, profile, encryption);
            if (problem != null) {
                problems.add(where + ": " + file + " " + problem);
                return null;
            }
            return certificate;
        } catch (IOException | CertificateException | ClassCastException e) {
            problems.add(where + ": " + file + " is not a PEM or DER X.509 certificate (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void required(String partnerId, String setting, String value, AgreementLocator locate, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(locate.where(partnerId, setting) + ": missing");
        }
    }

    private static boolean isUri(String value) {
        try {
            return URI.create(value).getScheme() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
