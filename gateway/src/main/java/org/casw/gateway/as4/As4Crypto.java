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
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.gateway.config.GatewayProperties;
import com.helger.phase4.crypto.AS4CryptParams;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.AS4SigningParams;
import com.helger.phase4.crypto.ECryptoAlgorithmC14N;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.crypto.ECryptoKeyIdentifierType;
import com.helger.phase4.crypto.ECryptoMode;
import com.helger.phase4.crypto.IAS4CryptoFactory;

/**
 * The gateway's AS4 key material and the eDelivery AS4 security values: the gateway signs (RSA-SHA256,
 * SHA-256 digests, exclusive C14N, its certificate as a binary security token) and decrypts with its own
 * RSA key; it encrypts for a partner with AES-128-GCM, the content key transported by RSA-OAEP
 * (MGF1 with SHA-256). Only the partners' own AS4 certificates are trusted, each exactly, so a
 * certificate from the same CA but not in an agreement does not pass: WSS4J verifies the signature with the certificate
 * the message carries, and the agreement judges that certificate ({@link As4Inbox} for messages, {@link As4Channel} for
 * receipts), so a refusal can name the certificate used and the one expected.
 */
public final class As4Crypto {

    private final IAS4CryptoFactory factory;
    private final X509Certificate certificate;

    private As4Crypto(IAS4CryptoFactory factory, X509Certificate certificate) {
        this.factory = factory;
        this.certificate = certificate;
    }

    /** Loads the gateway's key ({@code gateway.as4.identity}) and trusts exactly the partners' certificates. */
    public static As4Crypto load(GatewayProperties.KeyStoreEntry identity, Collection<As4Agreement> agreements) {
        if (identity == null || identity.keystore() == null) {
            throw new IllegalStateException("gateway.as4.identity.keystore is not set: the AS4 channel needs the gateway's RSA key");
        }
        try {
            char[] password = Files.readString(identity.passwordFile(), StandardCharsets.UTF_8).trim().toCharArray();
            KeyStore file = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            try (InputStream in = Files.newInputStream(identity.keystore())) {
                file.load(in, password);
            }
            Key key = file.getKey(identity.alias(), password);
            Certificate[] chain = file.getCertificateChain(identity.alias());
            if (!(key instanceof PrivateKey privateKey) || chain == null || !"RSA".equals(privateKey.getAlgorithm())) {
                throw new IllegalStateException(identity.keystore() + " holds no RSA key entry " + identity.alias()
                        + " (the AS4 channel signs with RSA-SHA256 and decrypts RSA-OAEP)");
            }
            // re-encoded as a JDK key in a JDK key store: WSS4J signs and decrypts with the JDK's providers
            PrivateKey jdkKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey.getEncoded()));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(identity.alias(), jdkKey, password, chain);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (As4Agreement agreement : agreements) {
                trust.setCertificateEntry(agreement.partner().toLowerCase(Locale.ROOT), agreement.certificate());
            }
            return new As4Crypto(new AgreementTrust(keys, identity.alias(), password, trust), (X509Certificate) chain[0]);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("AS4 key store " + identity.keystore() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * The key store and trust store for phase4, with WSS4J's trust step left to the agreement. WSS4J's own trust failure
     * reaches the partner as {@code EBMS:0102 FailedDecryption} with an untranslated text ("No message with ID
     * \"certpath\" found in resource bundle") and phase4 logs it with a stack trace; the agreement check says which
     * certificate signed and which one was expected, as {@code EBMS:0101 FailedAuthentication}.
     */
    private static final class AgreementTrust extends AS4CryptoFactoryInMemoryKeyStore {

        private final Merlin crypto;

        AgreementTrust(KeyStore keys, String alias, char[] password, KeyStore trust) {
            super(keys, alias, password, trust);
            crypto = new Merlin(false, null) {
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
            crypto.setKeyStore(keys);
            crypto.setTrustStore(trust);
        }

        @Override
        public Crypto getCrypto(ECryptoMode mode) {
            return crypto;
        }
    }

    public IAS4CryptoFactory factory() {
        return factory;
    }

    /** The gateway's own AS4 certificate (what partners put in their agreement). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** eDelivery AS4 signing: RSA-SHA256 over SHA-256 digests, exclusive C14N, certificate as binary security token. */
    public static AS4SigningParams signing() {
        return new AS4SigningParams().setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256)
                .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256)
                .setAlgorithmC14N(ECryptoAlgorithmC14N.C14N_EXCL_OMIT_COMMENTS)
                .setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE);
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
