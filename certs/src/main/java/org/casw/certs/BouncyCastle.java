package org.casw.certs;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Supplies the one Bouncy Castle provider instance that every call in this module names explicitly. */
final class BouncyCastle {

    private static Provider provider;

    private BouncyCastle() {
    }

    /**
     * Returns the registered "BC" provider, registering one at the end of the list if absent.
     * Never at position 1: reordering the global list would change every TLS handshake in the JVM.
     */
    static synchronized Provider provider() {
        if (provider == null) {
            Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (registered == null) {
                registered = new BouncyCastleProvider();
                Security.addProvider(registered);
            }
            provider = registered;
        }
        return provider;
    }
}
