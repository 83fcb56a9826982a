package org.casw.routes.signature;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first, that the gateway signs with.
 *
 * @param key   the signer's private key
 * @param chain the signer's certificate followed by its issuers (only the leaf is embedded in signatures)
 */
public record SigningIdentity(PrivateKey key, List<X509Certificate> chain) {

    public SigningIdentity {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the signer's certificate");
        }
    }

    /** The signer's (leaf) certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Reads the key entry {@code alias} of a keystore (PKCS#12 files holding SM2 keys need a BC keystore). */
    public static SigningIdentity fromKeyStore(KeyStore keyStore, String alias, char[] password) {
        try {
            Key key = keyStore.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalArgumentException("keystore has no private key entry '" + alias + "'");
            }
            Certificate[] certificates = keyStore.getCertificateChain(alias);
            if (certificates == null || certificates.length == 0) {
                throw new IllegalArgumentException("keystore entry '" + alias + "' has no certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>(certificates.length);
            for (Certificate certificate : certificates) {
                if (!(certificate instanceof X509Certificate x509)) {
                    throw new IllegalArgumentException("keystore entry '" + alias + "' holds a non-X.509 certificate");
                }
                chain.add(x509);
            }
            return new SigningIdentity(privateKey, chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read keystore entry '" + alias + "'", e);
        }
    }

    /** Names the subject only; a record's default toString would print the key. */
    @Override
    public String toString() {
        return "SigningIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
