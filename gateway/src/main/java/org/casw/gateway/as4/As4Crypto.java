package org.casw.gateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.gateway.config.GatewayProperties;
import com.helger.phase4.crypto.AS4CryptParams;
import com.helger.phase4.crypto.AS4SigningParams;
import com.helger.phase4.crypto.AbstractAS4CryptoFactory;
import com.helger.phase4.crypto.ECryptoAlgorithmC14N;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.crypto.ECryptoKeyIdentifierType;
import com.helger.phase4.crypto.ECryptoMode;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.crypto.IAS4PModeAwareCryptoFactory;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.leg.PModeLeg;

/**
 * The gateway's AS4 key material and the security values of each {@link As4Profile}. Under the RSA profile the
 * gateway signs (RSA-SHA256, SHA-256 digests, exclusive C14N, its certificate as a binary security token) and
 * decrypts with its own RSA key; it encrypts for a partner with AES-128-GCM, the content key transported by
 * RSA-OAEP (MGF1 with SHA-256). Under eDelivery AS4 2.0 it signs with its Ed25519 key and decrypts with its
 * X25519 key; it encrypts for a partner's X25519 certificate (key agreement X25519, HKDF with SHA-256, AES-128 key
 * wrap, AES-128-GCM). All keys sit in one key store: WSS4J finds the decryption key by the certificate the sender
 * names, and the signing key is chosen by the profile (inbound: by the P-Mode of the message answered). Only the
 * partners' own AS4 certificates are trusted, each exactly, so a certificate from the same CA but not in an
 * agreement does not pass: WSS4J verifies the signature with the certificate the message carries, and the agreement
 * judges that certificate ({@link As4Inbox} for messages, {@link As4Channel} for receipts), so a refusal can name the
 * certificate used and the one expected.
 */
public final class As4Crypto {

    private final Map<As4Profile, IAS4CryptoFactory> factories;
    private final KeyStore keys;
    private final KeyStore trust;
    private final char[] password;
    private final Map<As4Profile, String> signingAliases;
    private final Merlin merlin;
    private final X509Certificate certificate;
    private final List<X509Certificate> edelivery2Certificates;

    private As4Crypto(KeyStore keys, KeyStore trust, char[] password, Map<As4Profile, String> signingAliases, X509Certificate certificate,
            List<X509Certificate> edelivery2Certificates) {
        this.keys = keys;
        this.trust = trust;
        this.password = password;
        this.signingAliases = signingAliases;
        // one WSS4J view of the stores for every request, as phase4's own in-memory factory keeps one
        this.merlin = agreementTrust();
        merlin.setKeyStore(keys);
        merlin.setTrustStore(trust);
        this.certificate = certificate;
        this.edelivery2Certificates = edelivery2Certificates;
        Map<As4Profile, IAS4CryptoFactory> byProfile = new EnumMap<>(As4Profile.class);
        signingAliases.forEach((profile, alias) -> byProfile.put(profile, new Keys(alias)));
        this.factories = byProfile;
    }

    /**
     * WSS4J's view of the stores with its trust step left to the agreement. WSS4J's own trust failure reaches the partner
     * as {@code EBMS:0102 FailedDecryption} with an untranslated text ("No message with ID \"certpath\" found in resource
     * bundle") and phase4 logs it with a stack trace; the agreement check says which certificate signed and which one was
     * expected, as {@code EBMS:0101 FailedAuthentication}.
     */
    private static Merlin agreementTrust() {
        return new Merlin(false, null) {
            @Override
            public void verifyTrust(X509Certificate[] certificates, boolean enableRevocation, Collection<Pattern> subjectConstraints,
                    Collection<Pattern> issuerConstraints) {
                // judged against the agreement once the sender is known (a message's From party, a receipt's partner)
            }

            @Override
            public void verifyTrust(PublicKey publicKey) {
                // a bare key has no certificate to match an agreement's: the agreement check refuses it
            }
        };
    }

    /** Loads the gateway's RSA key ({@code gateway.as4.identity}) and trusts exactly the partners' certificates. */
    public static As4Crypto load(GatewayProperties.KeyStoreEntry identity, Collection<As4Agreement> agreements) {
        return load(identity, null, agreements);
    }

    /**
     * Loads the gateway's RSA key ({@code gateway.as4.identity}) and, when an agreement uses eDelivery AS4 2.0, its
     * Ed25519 and X25519 keys ({@code gateway.as4.edelivery2}); trusts exactly the partners' certificates.
     */
    public static As4Crypto load(GatewayProperties.KeyStoreEntry identity, GatewayProperties.Edelivery2Keys edelivery2,
            Collection<As4Agreement> agreements) {
        if (identity == null || identity.keystore() == null) {
            throw new IllegalStateException("gateway.as4.identity.keystore is not set: the AS4 channel needs the gateway's RSA key");
        }
        List<String> edelivery2Partners = agreements.stream().filter(a -> a.profile() == As4Profile.EDELIVERY2)
                .map(As4Agreement::partner).toList();
        // loaded only for agreements that use them: the default run names the development keys whether used or not
        boolean withEdelivery2 = !edelivery2Partners.isEmpty();
        if (withEdelivery2 && (edelivery2 == null || edelivery2.signing() == null && edelivery2.encryption() == null)) {
            throw new IllegalStateException("gateway.as4.edelivery2 is not set: the agreements with "
                    + String.join(", ", edelivery2Partners)
                    + " use as4.profile edelivery2, which needs the gateway's Ed25519 signing and X25519 encryption keys");
        }
        try {
            char[] password = Files.readString(identity.passwordFile(), StandardCharsets.UTF_8).trim().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Map<As4Profile, String> signingAliases = new EnumMap<>(As4Profile.class);
            X509Certificate rsa = addKey(keys, password, "gateway.as4.identity", identity, "RSA",
                    "the AS4 channel signs with RSA-SHA256 and decrypts RSA-OAEP");
            signingAliases.put(As4Profile.RSA, identity.alias());
            List<X509Certificate> edelivery2Certificates = List.of();
            if (withEdelivery2) {
                X509Certificate signing = addKey(keys, password, "gateway.as4.edelivery2.signing", edelivery2.signing(), "Ed25519",
                        "eDelivery AS4 2.0 signs with EdDSA Ed25519");
                X509Certificate encryption = addKey(keys, password, "gateway.as4.edelivery2.encryption", edelivery2.encryption(), "X25519",
                        "eDelivery AS4 2.0 decrypts by X25519 key agreement");
                signingAliases.put(As4Profile.EDELIVERY2, edelivery2.signing().alias());
                edelivery2Certificates = List.of(signing, encryption);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (As4Agreement agreement : agreements) {
                trust.setCertificateEntry(agreement.partner().toLowerCase(Locale.ROOT), agreement.certificate());
            }
            return new As4Crypto(keys, trust, password, signingAliases, rsa, edelivery2Certificates);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("AS4 key store " + identity.keystore() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Copies one key entry into the in-memory key store as a key of the JDK's own providers, which WSS4J signs,
     * agrees and decrypts with; returns its certificate.
     */
    private static X509Certificate addKey(KeyStore keys, char[] storePassword, String setting, GatewayProperties.KeyStoreEntry entry,
            String algorithm, String why) throws IOException, GeneralSecurityException {
        if (entry == null || entry.keystore() == null || entry.alias() == null || entry.passwordFile() == null) {
            throw new IllegalStateException(setting + " is not set (keystore, alias, password-file): " + why);
        }
        char[] password = Files.readString(entry.passwordFile(), StandardCharsets.UTF_8).trim().toCharArray();
        KeyStore file = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
        try (InputStream in = Files.newInputStream(entry.keystore())) {
            file.load(in, password);
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": " + entry.keystore() + " cannot be opened: " + e.getMessage(), e);
        }
        Key key = file.getKey(entry.alias(), password);
        Certificate[] chain = file.getCertificateChain(entry.alias());
        String found = key instanceof PrivateKey privateKey ? jdkAlgorithm(privateKey) : null;
        if (chain == null || !algorithm.equals(found)) {
            throw new IllegalStateException(setting + ": " + entry.keystore() + " holds no " + algorithm + " key entry " + entry.alias()
                    + (found == null ? "" : " (it holds a " + found + " key)") + "; " + why);
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        // PKCS#8 v1 without the optional public key: the form the JDK's key factories read for every algorithm
        byte[] pkcs8 = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey()).getEncoded();
        PrivateKey jdkKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        keys.setKeyEntry(entry.alias(), jdkKey, storePassword, chain);
        return (X509Certificate) chain[0];
    }

    /** RSA, Ed25519 or X25519 by the key's OID (providers name the curves differently), or the provider's name. */
    private static String jdkAlgorithm(PrivateKey key) {
        ASN1ObjectIdentifier oid = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            return "Ed25519";
        }
        if (EdECObjectIdentifiers.id_X25519.equals(oid)) {
            return "X25519";
        }
        return key.getAlgorithm();
    }

    /** The RSA profile's keys, for senders and callers that know no profile. */
    public IAS4CryptoFactory factory() {
        return factories.get(As4Profile.RSA);
    }

    /** The keys for sending under a profile: signs with that profile's key, verifies receipts against the partners' certificates. */
    public IAS4CryptoFactory factory(As4Profile profile) {
        IAS4CryptoFactory factory = factories.get(profile);
        if (factory == null) {
            throw new IllegalStateException("gateway.as4.edelivery2 is not set: as4.profile " + profile.id() + " needs its keys");
        }
        return factory;
    }

    /**
     * The keys for answering one incoming message: phase4 hands it the P-Mode it resolved for the message, and the
     * receipt is then signed with that P-Mode's profile's key (until then, and without a P-Mode, the RSA key).
     */
    public IAS4CryptoFactory inbound() {
        return new InboundKeys(signingAliases.get(As4Profile.RSA));
    }

    /** The gateway's eDelivery AS4 2.0 certificates, Ed25519 signing then X25519 encryption; empty when no agreement uses them. */
    public List<X509Certificate> edelivery2Certificates() {
        return edelivery2Certificates;
    }

    /** phase4's view of the gateway's keys with one signing key; any of the keys decrypts what was encrypted for it. */
    private class Keys extends AbstractAS4CryptoFactory {

        protected volatile String signingAlias;

        Keys(String signingAlias) {
            this.signingAlias = signingAlias;
        }

        @Override
        public Crypto getCrypto(ECryptoMode mode) {
            return merlin;
        }

        @Override
        public KeyStore getKeyStore() {
            return keys;
        }

        @Override
        public String getKeyAlias() {
            return signingAlias;
        }

        @Override
        public char[] getKeyPasswordPerAliasCharArray(String alias) {
            // one password for the in-memory store: the decryption key's alias is WSS4J's to find
            return alias == null ? null : password;
        }

        @Override
        public KeyStore getTrustStore() {
            return trust;
        }
    }

    private final class InboundKeys extends Keys implements IAS4PModeAwareCryptoFactory {

        InboundKeys(String signingAlias) {
            super(signingAlias);
        }

        @Override
        public void setContextPMode(IPMode pmode) {
            PModeLeg leg = pmode.getLeg1();
            ECryptoAlgorithmSign algorithm = leg == null || leg.getSecurity() == null ? null
                    : leg.getSecurity().getX509SignatureAlgorithm();
            String alias = signingAliases.get(As4Profile.signingWith(algorithm));
            if (alias != null) {
                signingAlias = alias;
            }
        }
    }

    /** The gateway's own AS4 certificate (what partners put in their agreement). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** eDelivery AS4 signing: RSA-SHA256 over SHA-256 digests, exclusive C14N, certificate as binary security token. */
    public static AS4SigningParams signing() {
        return signing(As4Profile.RSA);
    }

    /** Signing under a profile: its signature algorithm (RSA-SHA256 or EdDSA Ed25519), SHA-256 digests, exclusive C14N, BST. */
    public static AS4SigningParams signing(As4Profile profile) {
        return new AS4SigningParams().setAlgorithmSign(profile.signature())
                .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256)
                .setAlgorithmC14N(ECryptoAlgorithmC14N.C14N_EXCL_OMIT_COMMENTS)
                .setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE);
    }

    /** Encryption for a partner under its agreement's profile. */
    public static AS4CryptParams encryptionFor(As4Agreement agreement) {
        return agreement.profile() == As4Profile.EDELIVERY2 ? edelivery2EncryptionFor(agreement.encryptsFor())
                : encryptionFor(agreement.encryptsFor());
    }

    /**
     * eDelivery AS4 2.0 encryption for a partner's X25519 certificate: AES-128-GCM, the content key wrapped with AES-128
     * (kw-aes128) under a key agreed by X25519 with an ephemeral key and derived by HKDF (HMAC-SHA256).
     */
    public static AS4CryptParams edelivery2EncryptionFor(X509Certificate partner) {
        return new AS4CryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                .setEDelivery2KeyAgreementX25519()
                .setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE)
                .setCertificate(partner);
    }

    /** eDelivery AS4 encryption for a partner: AES-128-GCM, key transport RSA-OAEP with MGF1-SHA256. */
    public static AS4CryptParams encryptionFor(X509Certificate partner) {
        return new AS4CryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)
                .setMGFAlgorithm("http://www.w3.org/2009/xmlenc11#mgf1sha256")
                .setDigestAlgorithm("http://www.w3.org/2001/04/xmlenc#sha256")
                .setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE)
                .setCertificate(partner);
    }

    /** Decryption needs the same algorithms declared; the key comes from the message. */
    public static AS4CryptParams decryption() {
        return new AS4CryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11);
    }
}
