package org.casw.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.gateway.security.ProductionGuard;
import org.casw.routes.signature.CertificateTrust;
import org.casw.routes.signature.CrlFiles;
import org.casw.routes.signature.OcspClient;
import org.casw.routes.signature.OverlappingTrust;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.SignerPin;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The gateway's signing keys and each partner's signature agreement, loaded and checked at start-up:
 * a missing key store, an unknown profile or a profile without a key stops the gateway with every
 * problem listed.
 */
@Component
public class PartnerSignatures implements SignaturePolicies {

    private final Map<SigningProfile, SigningIdentity> identities = new EnumMap<>(SigningProfile.class);
    /** Rollover: the key that replaces the current one from an instant on. */
    private final Map<SigningProfile, NextIdentity> next = new EnumMap<>(SigningProfile.class);
    /** Per partner: the profile, options and whether its documents are signed; the key is picked per call. */
    private final Map<String, OutboundSignature> signingSettings = new HashMap<>();
    private final Clock clock;

    private record NextIdentity(SigningIdentity identity, Instant from) {
    }
    private final Map<String, VerificationPolicy> verification = new HashMap<>();
    private final Map<String, List<X509Certificate>> anchors = new HashMap<>();

    @Autowired
    public PartnerSignatures(GatewayProperties properties, ObjectProvider<DevPki> devPki, Environment environment,
            ObjectProvider<ProductionGuard> productionGuard) {
        this(afterGuard(properties, productionGuard), devPki, Clock.systemUTC(), AgreementLocator.of(environment));
    }

    /** In production, published demo keys are refused first: that is the problem to fix, not the missing dev PKI. */
    private static GatewayProperties afterGuard(GatewayProperties properties, ObjectProvider<ProductionGuard> productionGuard) {
        productionGuard.getIfAvailable();
        return properties;
    }

    PartnerSignatures(GatewayProperties properties, ObjectProvider<DevPki> devPki) {
        this(properties, devPki, Clock.systemUTC(), AgreementLocator.none());
    }

    PartnerSignatures(GatewayProperties properties, ObjectProvider<DevPki> devPki, Clock clock) {
        this(properties, devPki, clock, AgreementLocator.none());
    }

    PartnerSignatures(GatewayProperties properties, ObjectProvider<DevPki> devPki, Clock clock, AgreementLocator locate) {
        this.clock = clock;
        devPki.getIfAvailable(); // on the default run the key stores below are generated first
        List<String> problems = new ArrayList<>();
        Map<String, GatewayProperties.KeyStoreEntry> configured =
                properties.signing().identities() == null ? Map.of() : properties.signing().identities();
        configured.forEach((profileId, entry) -> {
            String where = "gateway.signing.identities." + profileId;
            try {
                identities.put(SigningProfile.of(profileId), load(entry));
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(where + ": " + e.getMessage());
            }
        });
        Map<String, GatewayProperties.KeyStoreEntry> upcoming = properties.signing().next() == null
                ? Map.of() : properties.signing().next();
        upcoming.forEach((profileId, entry) -> {
            String where = "gateway.signing.next." + profileId;
            try {
                SigningProfile profile = SigningProfile.of(profileId);
                if (entry.from() == null) {
                    problems.add(where + ".from: required: the instant the new key starts signing");
                } else if (!identities.containsKey(profile)) {
                    problems.add(where + ": there is no current key for " + profileId + " to roll over from");
                } else {
                    next.put(profile, new NextIdentity(load(entry), entry.from()));
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(where + ": " + e.getMessage());
            }
        });
        Map<String, GatewayProperties.Partner> partners = properties.partners() == null ? Map.of() : properties.partners();
        partners.forEach((partyId, partner) -> {
            GatewayProperties.Signatures s = partner.signatures();
            if (s.signWith() != null && !s.signWith().isBlank()) {
                try {
                    SigningProfile profile = SigningProfile.of(s.signWith());
                    SigningIdentity identity = identities.get(profile);
                    if (profile == SigningProfile.CMS_DETACHED) {
                        problems.add(locate.where(partyId, "signatures.sign-with")
                                + ": cms-detached is for non-XML payloads, not for documents delivered as XML");
                    } else if (identity == null) {
                        problems.add(locate.where(partyId, "signatures.sign-with") + ": no key for " + profile.id()
                                + " in gateway.signing.identities");
                    } else {
                        signingSettings.put(partyId, new OutboundSignature(profile, identity, new SigningOptions(s.xades(),
                                SigningOptions.DigestChoice.valueOf(s.eportDigest()), null)));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(locate.where(partyId, "signatures.sign-with") + ": " + e.getMessage());
                }
            }
            List<String> accept = s.accept() == null ? List.of() : s.accept();
            List<SignerPin> pins = pins(partyId, s, locate, problems);
            boolean revocationSources = (s.crls() != null && !s.crls().isEmpty()) || (s.ocsp() != null && !s.ocsp().isBlank());
            if (s.revocationRequired() && !revocationSources) {
                problems.add(locate.where(partyId, "signatures.revocation-required") + ": needs 'crls' or 'ocsp' in the same"
                        + " agreement, or every signature from this party would be refused as of unknown revocation status");
            }
            if (!s.required() && accept.isEmpty() && (!pins.isEmpty() || s.revocationRequired())) {
                problems.add(locate.where(partyId, "signatures") + ": 'signers' and 'revocation-required' apply to verified"
                        + " signatures; set 'accept' (profiles) and 'trust-anchors'");
            }
            if (s.required() || !accept.isEmpty()) {
                Set<SigningProfile> profiles = EnumSet.noneOf(SigningProfile.class);
                for (String id : accept) {
                    try {
                        profiles.add(SigningProfile.of(id));
                    } catch (IllegalArgumentException e) {
                        problems.add(locate.where(partyId, "signatures.accept") + ": " + e.getMessage());
                    }
                }
                List<Path> anchors = s.trustAnchors() == null ? List.of() : s.trustAnchors();
                if (profiles.isEmpty() || anchors.isEmpty()) {
                    problems.add(locate.where(partyId, "signatures")
                            + ": verifying signatures needs 'accept' (profiles) and 'trust-anchors' (PEM files)");
                    return;
                }
                try {
                    List<X509Certificate> roots = certificates(anchors);
                    List<X509CRL> revoked = crls(s.crls());
                    List<OverlappingTrust.Retiring> retiring = new ArrayList<>();
                    for (GatewayProperties.RetiringAnchor old : s.retiringAnchors() == null ? List.<GatewayProperties.RetiringAnchor>of()
                            : s.retiringAnchors()) {
                        if (old.file() == null || old.until() == null) {
                            problems.add(locate.where(partyId, "signatures.retiring-anchors") + ": each needs 'file' and 'until'");
                            continue;
                        }
                        List<X509Certificate> oldRoots = certificates(List.of(old.file()));
                        roots = new ArrayList<>(roots);
                        roots.addAll(oldRoots);
                        retiring.add(new OverlappingTrust.Retiring(new PkixCertificateTrust(oldRoots, revoked, s.revocationRequired()),
                                old.until()));
                    }
                    this.anchors.put(partyId, roots);
                    OcspClient ocsp = s.ocsp() == null || s.ocsp().isBlank() ? null
                            : OcspClient.loopback(URI.create(s.ocsp()), Duration.ofSeconds(5));
                    CertificateTrust trust = new PkixCertificateTrust(certificates(anchors), revoked, s.revocationRequired(), ocsp);
                    verification.put(partyId, new VerificationPolicy(s.required(), profiles,
                            retiring.isEmpty() ? trust : new OverlappingTrust(trust, retiring, clock), clock, pins));
                } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                    problems.add(locate.where(partyId, "signatures") + ": " + e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
    }

    /** The party's pinned signing certificates ({@code signatures.signers}); each needs a subject or a key identifier. */
    private static List<SignerPin> pins(String partyId, GatewayProperties.Signatures s, AgreementLocator locate, List<String> problems) {
        List<GatewayProperties.Signer> signers = s.signers() == null ? List.of() : s.signers();
        List<SignerPin> pins = new ArrayList<>();
        for (int i = 0; i < signers.size(); i++) {
            GatewayProperties.Signer signer = signers.get(i);
            try {
                pins.add(SignerPin.of(signer.subject(), signer.keyIdentifier()));
            } catch (IllegalArgumentException e) {
                problems.add(locate.where(partyId, "signatures.signers[" + i + "]") + ": " + e.getMessage());
            }
        }
        return pins;
    }

    @Override
    public Optional<VerificationPolicy> verificationFor(String partyId) {
        return Optional.ofNullable(verification.get(partyId));
    }

    /** The receiver's profile and options with the gateway key in force now (the next key once its time has come). */
    @Override
    public Optional<OutboundSignature> signingFor(String partyId) {
        OutboundSignature settings = signingSettings.get(partyId);
        if (settings == null) {
            return Optional.empty();
        }
        NextIdentity upcoming = next.get(settings.profile());
        SigningIdentity inForce = upcoming != null && !clock.instant().isBefore(upcoming.from()) ? upcoming.identity()
                : settings.identity();
        return Optional.of(new OutboundSignature(settings.profile(), inForce, settings.options()));
    }

    /** The gateway's current signing identities by profile. */
    public Map<SigningProfile, SigningIdentity> identities() {
        return Map.copyOf(identities);
    }

    /** Keys that take over from the current ones at a set instant, by profile. */
    public Map<SigningProfile, SigningIdentity> nextIdentities() {
        Map<SigningProfile, SigningIdentity> upcoming = new EnumMap<>(SigningProfile.class);
        next.forEach((profile, n) -> upcoming.put(profile, n.identity()));
        return upcoming;
    }

    /** Each partner's trust anchors, for the certificate inventory. */
    public Map<String, List<X509Certificate>> trustAnchors() {
        return Map.copyOf(anchors);
    }

    private static SigningIdentity load(GatewayProperties.KeyStoreEntry entry) {
        if (entry.keystore() == null || !Files.isReadable(entry.keystore())) {
            throw new IllegalArgumentException("key store " + entry.keystore() + " cannot be read");
        }
        char[] password = password(entry.passwordFile());
        try (InputStream in = Files.newInputStream(entry.keystore())) {
            // Bouncy Castle's PKCS#12 reads SM2 keys, which the JDK's cannot
            KeyStore keyStore = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            keyStore.load(in, password);
            return SigningIdentity.fromKeyStore(keyStore, entry.alias(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + entry.keystore() + " cannot be opened: " + e.getMessage());
        }
    }

    private static char[] password(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("password-file is required (the password never goes in configuration)");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("password file " + file + " cannot be read");
        }
    }

    /** Certificates from PEM (or DER) files, with Bouncy Castle, which also reads SM2 certificates. */
    public static List<X509Certificate> certificates(List<Path> pemFiles) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
            for (Path file : pemFiles) {
                try (InputStream in = Files.newInputStream(file)) {
                    factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
                } catch (IOException e) {
                    throw new IllegalArgumentException("trust anchor file " + file + " cannot be read");
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("trust anchors cannot be parsed: " + e.getMessage());
        }
        return certificates;
    }

    /** CRL files, and CRLs fetched once at start-up from loopback URLs (CrlFiles refuses any other host). */
    private static List<X509CRL> crls(List<String> sources) {
        List<X509CRL> crls = new ArrayList<>();
        for (String source : sources == null ? List.<String>of() : sources) {
            if (source.startsWith("http://") || source.startsWith("https://")) {
                crls.add(CrlFiles.fetch(URI.create(source), Duration.ofSeconds(10)));
            } else {
                crls.addAll(CrlFiles.load(Path.of(source)));
            }
        }
        return crls;
    }
}
