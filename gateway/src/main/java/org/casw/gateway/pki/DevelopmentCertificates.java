package org.casw.gateway.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.signature.PartnerSignatures;

/**
 * Finds the development PKI among the keys and trust anchors the configuration names: its certificates carry
 * O=CASW Development PKI ({@link DevPki#isDevelopmentCertificate}), and their keys are known to anyone with the
 * source, so production refuses them.
 */
public final class DevelopmentCertificates {

    private DevelopmentCertificates() {
    }

    /**
     * The development PKI in the configuration, as problems naming the setting: gateway.dev-pki, and every
     * configured key store (gateway.signing, gateway.as4.identity) and trust anchor file (agreements' signatures
     * and AS4 certificates) holding one of its certificates. Files that cannot be read are left to the
     * component that loads them, which names that problem.
     */
    public static List<String> inConfiguration(GatewayProperties properties) {
        List<String> problems = new ArrayList<>();
        if (properties.devPki()) {
            problems.add("gateway.dev-pki is true: it generates the development PKI, whose keys anyone can make. Set it to false"
                    + " and configure your own keys (gateway.signing, gateway.as4.identity) and partners' trust anchors.");
        }
        GatewayProperties.Signing signing = properties.signing();
        Map<String, GatewayProperties.KeyStoreEntry> current = signing == null || signing.identities() == null ? Map.of()
                : signing.identities();
        current.forEach((profile, entry) -> keyStore("gateway.signing.identities." + profile, entry, problems));
        Map<String, GatewayProperties.KeyStoreEntry> next = signing == null || signing.next() == null ? Map.of() : signing.next();
        next.forEach((profile, entry) -> keyStore("gateway.signing.next." + profile, entry, problems));
        if (properties.as4() != null && properties.as4().identity() != null) {
            keyStore("gateway.as4.identity", properties.as4().identity(), problems);
        }
        GatewayProperties.Edelivery2Keys edelivery2 = properties.as4() == null ? null : properties.as4().edelivery2();
        if (edelivery2 != null) {
            keyStore("gateway.as4.edelivery2.signing", edelivery2.signing(), problems);
            keyStore("gateway.as4.edelivery2.encryption", edelivery2.encryption(), problems);
        }
        Map<String, GatewayProperties.Partner> partners = properties.partners() == null ? Map.of() : properties.partners();
        partners.forEach((party, partner) -> {
            GatewayProperties.Signatures s = partner.signatures();
            if (s != null && s.trustAnchors() != null) {
                s.trustAnchors().forEach(file -> anchor(party + " signatures.trust-anchors", file, problems));
            }
            if (s != null && s.retiringAnchors() != null) {
                s.retiringAnchors().forEach(old -> anchor(party + " signatures.retiring-anchors", old.file(), problems));
            }
            if (partner.as4() != null && partner.as4().certificate() != null) {
                anchor(party + " as4.certificate", partner.as4().certificate(), problems);
            }
            if (partner.as4() != null && partner.as4().encryptionCertificate() != null) {
                anchor(party + " as4.encryption-certificate", partner.as4().encryptionCertificate(), problems);
            }
        });
        return problems;
    }

    private static void anchor(String setting, Path file, List<String> problems) {
        if (file == null || !Files.isReadable(file)) {
            return;
        }
        List<X509Certificate> certificates;
        try {
            certificates = PartnerSignatures.certificates(List.of(file));
        } catch (RuntimeException e) {
            return;
        }
        if (certificates.stream().anyMatch(DevPki::isDevelopmentCertificate)) {
            problems.add(setting + ": " + file + " is a development PKI certificate (" + DevPki.ORGANISATION
                    + "); trust the partner's real CA instead.");
        }
    }

    private static void keyStore(String setting, GatewayProperties.KeyStoreEntry entry, List<String> problems) {
        if (entry == null || entry.keystore() == null || entry.passwordFile() == null || !Files.isReadable(entry.keystore())) {
            return;
        }
        try (InputStream in = Files.newInputStream(entry.keystore())) {
            char[] password = Files.readString(entry.passwordFile(), StandardCharsets.UTF_8).trim().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                Certificate single = store.getCertificate(alias);
                List<Certificate> all = chain != null ? List.of(chain) : single != null ? List.of(single) : List.of();
                if (all.stream().anyMatch(c -> c instanceof X509Certificate x && DevPki.isDevelopmentCertificate(x))) {
                    problems.add(setting + ": " + entry.keystore() + " holds a development PKI key (" + DevPki.ORGANISATION
                            + "); configure the gateway's own key.");
                    return;
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // unreadable: PartnerSignatures or the AS4 set-up reports it with its own message
        }
    }
}
