package org.casw.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.routes.signature.CrlFiles;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The gateway's signing keys and each partner's signature agreement, loaded and checked at start-up:
 * a missing key store, an unknown profile or a profile without a key stops the gateway with every
 * problem listed.
 */
@Component
public class PartnerSignatures implements SignaturePolicies {

    private final Map<SigningProfile, SigningIdentity> identities = new EnumMap<>(SigningProfile.class);
    private final Map<String, VerificationPolicy> verification = new HashMap<>();
    private final Map<String, OutboundSignature> signing = new HashMap<>();
    private final Map<String, List<X509Certificate>> anchors = new HashMap<>();

    public PartnerSignatures(GatewayProperties properties, ObjectProvider<DevPki> devPki) {
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
        Map<String, GatewayProperties.Partner> partners = properties.partners() == null ? Map.of() : properties.partners();
        partners.forEach((partyId, partner) -> {
            GatewayProperties.Signatures s = partner.signatures();
            String where = "gateway.partners." + partyId + ".signatures";
            if (s.signWith() != null && !s.signWith().isBlank()) {
                try {
                    SigningProfile profile = SigningProfile.of(s.signWith());
                    SigningIdentity identity = identities.get(profile);
                    if (profile == SigningProfile.CMS_DETACHED) {
                        problems.add(where + ".sign-with: cms-detached is for non-XML payloads, not for documents delivered as XML");
                    } else if (identity == null) {
                        problems.add(where + ".sign-with: no key for " + profile.id() + " in gateway.signing.identities");
                    } else {
                        signing.put(partyId, new OutboundSignature(profile, identity, new SigningOptions(s.xades(),
                                SigningOptions.DigestChoice.valueOf(s.eportDigest()), null)));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(where + ".sign-with: " + e.getMessage());
                }
            }
            List<String> accept = s.accept() == null ? List.of() : s.accept();
            if (s.required() || !accept.isEmpty()) {
                Set<SigningProfile> profiles = EnumSet.noneOf(SigningProfile.class);
                for (String id : accept) {
                    try {
                        profiles.add(SigningProfile.of(id));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ".accept: " + e.getMessage());
                    }
                }
                List<Path> anchors = s.trustAnchors() == null ? List.of() : s.trustAnchors();
                if (profiles.isEmpty() || anchors.isEmpty()) {
                    problems.add(where + ": verifying signatures needs 'accept' (profiles) and 'trust-anchors' (PEM files)");
                    return;
                }
                try {
                    List<X509Certificate> roots = certificates(anchors);
                    this.anchors.put(partyId, roots);
                    verification.put(partyId, new VerificationPolicy(s.required(), profiles,
                            new PkixCertificateTrust(roots, crls(s.crls())), Clock.systemUTC()));
                } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
    }

    @Override
    public Optional<VerificationPolicy> verificationFor(String partyId) {
        return Optional.ofNullable(verification.get(partyId));
    }

    @Override
    public Optional<OutboundSignature> signingFor(String partyId) {
        return Optional.ofNullable(signing.get(partyId));
    }

    /** The gateway's signing identities by profile. */
    public Map<SigningProfile, SigningIdentity> identities() {
        return Map.copyOf(identities);
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
        } catch (IOException | java.security.GeneralSecurityException e) {
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

    static List<X509Certificate> certificates(List<Path> pemFiles) {
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
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("trust anchors cannot be parsed: " + e.getMessage());
        }
        return certificates;
    }

    private static List<X509CRL> crls(List<Path> files) {
        return files == null || files.isEmpty() ? List.of() : CrlFiles.load(files.toArray(Path[]::new));
    }
}
