package org.casw.gateway.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;

/**
 * The gateway's AS4 certificate and its chain as configured ({@code gateway.as4.identity}), read from the same key
 * store the AS4 channel signs and decrypts with, but without its private key: what a partner puts in its agreement
 * and what the certificate inventory watches.
 *
 * @param chain    the certificate first, then its issuers as the key store holds them
 * @param keystore the key store file
 * @param alias    the entry's alias in it
 */
public record As4Identity(List<X509Certificate> chain, Path keystore, String alias) {

    /** The setting this identity comes from. */
    public static final String SETTING = "gateway.as4.identity";

    public As4Identity {
        chain = List.copyOf(chain);
    }

    /** The certificate the gateway signs AS4 messages and receipts with, and partners encrypt for. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Reads the chain of the configured entry. The password comes from the entry's password file, as for the AS4
     * channel: it is needed to open a PKCS#12 file, never to export anything secret.
     *
     * @throws IllegalStateException naming the setting and the file when the entry is not configured or cannot be read
     */
    public static As4Identity read(GatewayProperties.KeyStoreEntry entry) {
        if (entry == null || entry.keystore() == null) {
            throw new IllegalStateException(SETTING + ".keystore is not set: the gateway has no AS4 key store");
        }
        if (entry.alias() == null || entry.alias().isBlank()) {
            throw new IllegalStateException(SETTING + ".alias is not set: the AS4 key's alias in " + entry.keystore());
        }
        if (entry.passwordFile() == null) {
            throw new IllegalStateException(SETTING + ".password-file is not set: the password of " + entry.keystore());
        }
        if (!Files.isReadable(entry.keystore())) {
            throw new IllegalStateException(SETTING + ".keystore: " + entry.keystore() + " does not exist or cannot be read");
        }
        char[] password;
        try {
            password = Files.readString(entry.passwordFile(), StandardCharsets.UTF_8).trim().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException(SETTING + ".password-file: " + entry.passwordFile() + " cannot be read");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(entry.keystore())) {
            store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(SETTING + ".keystore: " + entry.keystore() + " cannot be opened with the password in "
                    + entry.passwordFile() + " (wrong password or not a PKCS#12 file)");
        }
        try {
            Certificate[] chain = store.getCertificateChain(entry.alias());
            if (chain == null || chain.length == 0) {
                throw new IllegalStateException(SETTING + ".alias: " + entry.keystore() + " holds no key entry '" + entry.alias()
                        + "' (its key entries: " + keyAliases(store) + ")");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return new As4Identity(certificates, entry.keystore(), entry.alias());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(SETTING + ": " + entry.keystore() + " cannot be read: " + e.getMessage());
        }
    }

    /** The chain as PEM: the certificate first, then its issuers; public data only. */
    public String pem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append(new String(DevPki.toPem(certificate), StandardCharsets.US_ASCII));
        }
        return pem.toString();
    }

    /** The SHA-256 fingerprint of the certificate, colon-separated, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate().getSubjectX500Principal(), e);
        }
    }

    private static List<String> keyAliases(KeyStore store) throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                aliases.add(alias);
            }
        }
        return aliases;
    }
}
