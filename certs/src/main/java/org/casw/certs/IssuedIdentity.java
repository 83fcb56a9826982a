package org.casw.certs;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A key pair with its certificate chain, leaf first and root last.
 *
 * @param keyPair the subject's key pair
 * @param chain   leaf certificate followed by its issuers
 */
public record IssuedIdentity(KeyPair keyPair, List<X509Certificate> chain) {

    public IssuedIdentity {
        Objects.requireNonNull(keyPair, "keyPair");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The chain as an array, the form {@link java.security.KeyStore#setKeyEntry} takes. */
    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }

    /** Names the subject only; a record's default toString would print the key objects. */
    @Override
    public String toString() {
        return "IssuedIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
