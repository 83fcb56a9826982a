package org.casw.certs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Reads PKCS#12 files through Bouncy Castle's PKCS12 KeyStore (which, unlike the JDK's, handles SM2 keys)
 * and writes them with Bouncy Castle's PFX builder.
 *
 * <p>Written with the JDK 17 defaults (PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC, 10,000
 * iterations): Bouncy Castle's KeyStore writer has a fixed, much higher iteration count that makes every
 * file take about 0.8 s to write and again to read, and with these algorithms the EC and RSA files also
 * open with the JDK's own PKCS12 KeyStore and keytool.
 */
final class Pkcs12Files {

    /** A private key with its certificate chain, leaf first. */
    record KeyEntry(String alias, PrivateKey key, List<X509Certificate> chain) {
    }

    private static final String TYPE = "PKCS12";
    private static final int ITERATIONS = 10_000;
    /** Oracle's bag attribute that makes the JDK treat a certificate bag as a trusted certificate entry. */
    private static final ASN1ObjectIdentifier ORACLE_TRUSTED_KEY_USAGE =
            new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

    private Pkcs12Files() {
    }

    static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(TYPE, BouncyCastle.provider());
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new DevPkiException("no keystore at " + file, e);
        } catch (GeneralSecurityException | IOException e) {
            throw new DevPkiException("cannot read keystore " + file + " (wrong password or damaged file)", e);
        }
    }

    /** Writes a store of key entries, owner-only. */
    static void saveKeyEntries(Path file, List<KeyEntry> entries, char[] password) {
        try {
            List<PKCS12SafeBag> certificateBags = new ArrayList<>();
            List<PKCS12SafeBag> keyBags = new ArrayList<>();
            Set<X509Certificate> issuers = new LinkedHashSet<>();
            for (KeyEntry entry : entries) {
                X509Certificate leaf = entry.chain().get(0);
                SubjectKeyIdentifier localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(
                        leaf.getPublicKey());
                certificateBags.add(new JcaPKCS12SafeBagBuilder(leaf)
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(entry.alias()))
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
                        .build());
                issuers.addAll(entry.chain().subList(1, entry.chain().size()));
                keyBags.add(new JcaPKCS12SafeBagBuilder(entry.key(), encryptor(password))
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(entry.alias()))
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
                        .build());
            }
            for (X509Certificate issuer : issuers) {
                // No attributes: a chain certificate, not an entry of its own.
                certificateBags.add(new JcaPKCS12SafeBagBuilder(issuer).build());
            }
            write(file, certificateBags, keyBags, password);
        } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException e) {
            throw new DevPkiException("cannot encode keystore " + file, e);
        }
    }

    /** Writes a truststore of certificate entries, owner-only like every other store here. */
    static void saveTrustedCertificates(Path file, Map<String, X509Certificate> certificates, char[] password) {
        try {
            List<PKCS12SafeBag> certificateBags = new ArrayList<>();
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                certificateBags.add(new JcaPKCS12SafeBagBuilder(entry.getValue())
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(entry.getKey()))
                        .addBagAttribute(ORACLE_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage)
                        .build());
            }
            write(file, certificateBags, List.of(), password);
        } catch (IOException | OperatorCreationException | PKCSException e) {
            throw new DevPkiException("cannot encode truststore " + file, e);
        }
    }

    private static void write(Path file, List<PKCS12SafeBag> certificateBags, List<PKCS12SafeBag> keyBags,
            char[] password) throws IOException, OperatorCreationException, PKCSException {
        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        pfx.addEncryptedData(encryptor(password), certificateBags.toArray(PKCS12SafeBag[]::new));
        for (PKCS12SafeBag keyBag : keyBags) {
            // Key bags are shrouded individually, so their container needs no second encryption.
            pfx.addData(keyBag);
        }
        JcePKCS12MacCalculatorBuilder mac = new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                .setProvider(BouncyCastle.provider())
                .setIterationCount(ITERATIONS);
        AtomicFiles.writeOwnerOnly(file, pfx.build(mac, password).getEncoded(ASN1Encoding.DER));
    }

    /** A fresh encryptor per bag: each gets its own salt and IV. */
    private static OutputEncryptor encryptor(char[] password) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BouncyCastle.provider())
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256))
                .setIterationCount(ITERATIONS)
                .build(password);
    }
}
