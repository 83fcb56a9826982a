package org.casw.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development PKI kept in one directory: a root CA per {@link KeyFamily}, a PKCS#12 keystore per
 * {@link DemoParty} and family, and a truststore of the roots, all sharing one generated password.
 */
public final class DevPki {

    private static final Logger log = LoggerFactory.getLogger(DevPki.class);

    /** Where the gateway keeps its development PKI, relative to its working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("data", "certs");
    public static final String PASSWORD_FILE = "keystore-password";
    public static final String ROOT_CA_FILE = "root-ca.p12";
    public static final String TRUST_ANCHORS_FILE = "trust-anchors.p12";
    /** Subject O of every certificate here, so nobody mistakes them for real ones. */
    public static final String ORGANISATION = "CASW Development PKI";
    public static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    public static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    /** Issues the eDelivery AS4 2.0 keys' certificates: an elliptic-curve root, as the keys are curves too. */
    public static final KeyFamily EDELIVERY2_ISSUER = KeyFamily.EC_P256;

    private static final String LOCK_FILE = ".dev-pki.lock";
    /** Back-dates notBefore so that peers whose clocks lag a little accept a freshly issued certificate. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern SAFE_PARTY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** 18 random bytes are exactly 24 base64url characters. */
    private static final int PASSWORD_BYTES = 18;

    private final Path directory;
    private final char[] password;
    private final Map<KeyFamily, RootAuthority> roots;
    private final SecureRandom random;

    private DevPki(Path directory, char[] password, Map<KeyFamily, RootAuthority> roots, SecureRandom random) {
        this.directory = directory;
        this.password = password;
        this.roots = Collections.unmodifiableMap(new EnumMap<>(roots));
        this.random = random;
    }

    /**
     * Loads the PKI in {@code directory}, first creating whatever is missing. Missing party files are issued
     * from the existing roots; without the password or the root CA keystore everything is generated anew.
     */
    public static DevPki ensure(Path directory) {
        return underLock(directory, () -> {
            List<String> missing = missingFiles(directory);
            if (missing.isEmpty()) {
                return load(directory);
            }
            if (missing.contains(PASSWORD_FILE) || missing.contains(ROOT_CA_FILE)) {
                if (missing.size() < expectedFileNames().size()) {
                    log.warn("Development PKI in {} is incomplete ({} of {} files missing, including {}); "
                            + "generating a new one", directory, missing.size(), expectedFileNames().size(),
                            missing.get(0));
                }
                return generateAll(directory);
            }
            log.info("Development PKI in {} lacks {}; issuing from the existing root CAs", directory, missing);
            DevPki pki = load(directory);
            pki.writeDerivedFiles(false);
            return pki;
        });
    }

    /**
     * Throws away any PKI in {@code directory} and generates a new one with new roots and a new password.
     * {@code DevPki} objects obtained earlier for that directory can no longer open its files.
     */
    public static DevPki regenerate(Path directory) {
        return underLock(directory, () -> generateAll(directory));
    }

    /**
     * Whether a certificate belongs to a development PKI: issued by one (issuer O) or one of its roots (subject
     * O). Such keys are published to anyone with the jar's source, so production refuses them.
     */
    public static boolean isDevelopmentCertificate(X509Certificate certificate) {
        return hasDevelopmentOrganisation(certificate.getSubjectX500Principal().getEncoded())
                || hasDevelopmentOrganisation(certificate.getIssuerX500Principal().getEncoded());
    }

    private static boolean hasDevelopmentOrganisation(byte[] encodedName) {
        return Arrays.stream(X500Name.getInstance(encodedName).getRDNs(BCStyle.O))
                .flatMap(rdn -> Arrays.stream(rdn.getTypesAndValues()))
                .anyMatch(value -> ORGANISATION.equals(value.getValue().toString()));
    }

    /** Every file name a complete PKI directory holds. */
    public static List<String> expectedFileNames() {
        List<String> names = new ArrayList<>();
        names.add(PASSWORD_FILE);
        names.add(ROOT_CA_FILE);
        names.add(TRUST_ANCHORS_FILE);
        for (KeyFamily family : KeyFamily.values()) {
            names.add(pemFileName(family));
        }
        for (DemoParty party : DemoParty.values()) {
            for (KeyFamily family : KeyFamily.values()) {
                names.add(aliasFor(party.partyId(), family) + ".p12");
            }
            names.add(edelivery2FileName(party.partyId()));
        }
        return names;
    }

    /** Alias of a root in {@code root-ca.p12} and {@code trust-anchors.p12}: {@code root-<suffix>}. */
    public static String rootAlias(KeyFamily family) {
        return "root-" + family.suffix();
    }

    public Path directory() {
        return directory;
    }

    /** A copy of the keystore password; callers may wipe it after use. */
    public char[] password() {
        return password.clone();
    }

    /** Path of the PKCS#12 keystore of a party and family: {@code <partyId>-<suffix>.p12}. */
    public Path keystore(String partyId, KeyFamily family) {
        // Party ids may come from partner configuration; keep them from naming files outside the directory.
        if (!SAFE_PARTY_ID.matcher(partyId).matches()) {
            throw new IllegalArgumentException("party id unusable as a file name: " + partyId);
        }
        return directory.resolve(alias(partyId, family) + ".p12");
    }

    /** Alias of the key entry in the party's keystore: {@code <partyId>-<suffix>}. */
    public String alias(String partyId, KeyFamily family) {
        return aliasFor(partyId, family);
    }

    /** Loads a party's keystore (through Bouncy Castle, which handles SM2 keys). */
    public KeyStore loadKeyStore(String partyId, KeyFamily family) {
        return Pkcs12Files.load(keystore(partyId, family), password);
    }

    /**
     * Path of a party's eDelivery AS4 2.0 keystore, {@code <partyId>-edelivery2.p12}: its Ed25519 signing key and
     * its X25519 encryption key, each under {@link #alias(String, Edelivery2Key)}.
     */
    public Path edelivery2Keystore(String partyId) {
        keystore(partyId, EDELIVERY2_ISSUER); // refuses party ids unusable as file names
        return directory.resolve(edelivery2FileName(partyId));
    }

    /** Alias of one of the eDelivery AS4 2.0 keys in the party's keystore: {@code <partyId>-ed25519} or {@code <partyId>-x25519}. */
    public String alias(String partyId, Edelivery2Key key) {
        return partyId + "-" + key.suffix();
    }

    /** One of a party's eDelivery AS4 2.0 keys with its chain (leaf, then the issuing root). */
    public IssuedIdentity identity(String partyId, Edelivery2Key key) {
        Path file = edelivery2Keystore(partyId);
        KeyStore store = Pkcs12Files.load(file, password);
        return entry(store, alias(partyId, key), file.toString());
    }

    /** Loads the truststore holding the three root certificates. */
    public KeyStore trustAnchors() {
        return Pkcs12Files.load(directory.resolve(TRUST_ANCHORS_FILE), password);
    }

    public Path trustAnchorsFile() {
        return directory.resolve(TRUST_ANCHORS_FILE);
    }

    /** The leaf certificate stored for a party and family. */
    public X509Certificate certificate(String partyId, KeyFamily family) {
        return identity(partyId, family).certificate();
    }

    /** The key pair and chain stored for a party and family. */
    public IssuedIdentity identity(String partyId, KeyFamily family) {
        return entry(loadKeyStore(partyId, family), alias(partyId, family), keystore(partyId, family).toString());
    }

    private IssuedIdentity entry(KeyStore store, String alias, String file) {
        try {
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new DevPkiException(file + " has no key entry " + alias);
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return new IssuedIdentity(new KeyPair(certificates.get(0).getPublicKey(), privateKey), certificates);
        } catch (GeneralSecurityException e) {
            throw new DevPkiException("cannot read key entry " + alias + " of " + file, e);
        }
    }

    public X509Certificate rootCertificate(KeyFamily family) {
        return roots.get(family).certificate();
    }

    /**
     * Issues an extra end-entity certificate from the family's root with the given validity, e.g. an expired
     * or not-yet-valid one for tests. Writes no file. Subject: CN=commonName, OU=partyId, O, C (the demo
     * party's country, CN for other party ids).
     */
    public IssuedIdentity issue(String partyId, String commonName, KeyFamily family, Instant notBefore,
            Instant notAfter) {
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        String country = DemoParty.byId(partyId).map(DemoParty::country).orElse("CN");
        return roots.get(family).issue(partySubject(commonName, partyId, country), notBefore, notAfter, random);
    }

    @Override
    public String toString() {
        return "DevPki[" + directory + "]";
    }

    private static DevPki generateAll(Path directory) {
        try {
            // Removed first, so an interrupted run leaves files missing (and repaired next time), never mixed.
            for (String name : expectedFileNames()) {
                Files.deleteIfExists(directory.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + directory, e);
        }
        SecureRandom random = new SecureRandom();
        char[] password = newPassword(random);
        AtomicFiles.writeOwnerOnly(directory.resolve(PASSWORD_FILE), new String(password).getBytes(
                StandardCharsets.US_ASCII));

        Instant notBefore = Instant.now().minus(CLOCK_SKEW);
        Map<KeyFamily, RootAuthority> roots = new EnumMap<>(KeyFamily.class);
        List<Pkcs12Files.KeyEntry> rootEntries = new ArrayList<>();
        for (KeyFamily family : KeyFamily.values()) {
            RootAuthority root = RootAuthority.create(family, rootSubject(family), notBefore,
                    notBefore.plus(ROOT_VALIDITY), random);
            roots.put(family, root);
            rootEntries.add(new Pkcs12Files.KeyEntry(rootAlias(family), root.privateKey(),
                    List.of(root.certificate())));
        }
        Pkcs12Files.saveKeyEntries(directory.resolve(ROOT_CA_FILE), rootEntries, password);

        DevPki pki = new DevPki(directory, password, roots, random);
        pki.writeDerivedFiles(true);
        return pki;
    }

    private static DevPki load(Path directory) {
        char[] password = readPassword(directory);
        KeyStore rootStore = Pkcs12Files.load(directory.resolve(ROOT_CA_FILE), password);
        Map<KeyFamily, RootAuthority> roots = new EnumMap<>(KeyFamily.class);
        for (KeyFamily family : KeyFamily.values()) {
            String alias = rootAlias(family);
            try {
                Key key = rootStore.getKey(alias, password);
                Certificate certificate = rootStore.getCertificate(alias);
                if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate root)) {
                    throw new DevPkiException(directory.resolve(ROOT_CA_FILE) + " has no key entry " + alias
                            + "; regenerate the development PKI");
                }
                roots.put(family, new RootAuthority(family, privateKey, root));
            } catch (GeneralSecurityException e) {
                throw new DevPkiException("cannot read " + alias + " from " + directory.resolve(ROOT_CA_FILE), e);
            }
        }
        return new DevPki(directory, password, roots, new SecureRandom());
    }

    /** Writes the truststore, root PEMs and party keystores: all of them, or only those missing. */
    private void writeDerivedFiles(boolean all) {
        if (all || Files.notExists(trustAnchorsFile())) {
            writeTrustAnchors();
        }
        for (KeyFamily family : KeyFamily.values()) {
            Path pem = directory.resolve(pemFileName(family));
            if (all || Files.notExists(pem)) {
                AtomicFiles.writeReadable(pem, toPem(rootCertificate(family)));
            }
        }
        int issued = 0;
        for (DemoParty party : DemoParty.values()) {
            for (KeyFamily family : KeyFamily.values()) {
                if (all || Files.notExists(keystore(party.partyId(), family))) {
                    writeIdentity(party, family);
                    issued++;
                }
            }
            if (all || Files.notExists(edelivery2Keystore(party.partyId()))) {
                writeEdelivery2Keys(party);
            }
        }
        log.info("Generated development PKI in {}: {} identities issued ({} parties x {} key families)",
                directory, issued, DemoParty.values().length, KeyFamily.values().length);
    }

    private void writeTrustAnchors() {
        Map<String, X509Certificate> anchors = new LinkedHashMap<>();
        for (KeyFamily family : KeyFamily.values()) {
            anchors.put(rootAlias(family), rootCertificate(family));
        }
        Pkcs12Files.saveTrustedCertificates(trustAnchorsFile(), anchors, password);
    }

    private void writeIdentity(DemoParty party, KeyFamily family) {
        Instant notBefore = Instant.now().minus(CLOCK_SKEW);
        Instant rootNotAfter = rootCertificate(family).getNotAfter().toInstant();
        // A leaf must not outlive its root, which matters when a late repair issues from an old root.
        Instant notAfter = min(notBefore.plus(LEAF_VALIDITY), rootNotAfter);
        IssuedIdentity identity = roots.get(family).issue(
                partySubject(party.displayName(), party.partyId(), party.country()), notBefore, notAfter, random);
        Pkcs12Files.saveKeyEntries(keystore(party.partyId(), family), List.of(new Pkcs12Files.KeyEntry(
                alias(party.partyId(), family), identity.privateKey(), identity.chain())), password);
    }

    /** Both eDelivery AS4 2.0 keys of a party in one keystore, so one key store entry setting names either. */
    private void writeEdelivery2Keys(DemoParty party) {
        Instant notBefore = Instant.now().minus(CLOCK_SKEW);
        Instant notAfter = min(notBefore.plus(LEAF_VALIDITY), rootCertificate(EDELIVERY2_ISSUER).getNotAfter().toInstant());
        X500Name subject = partySubject(party.displayName(), party.partyId(), party.country());
        List<Pkcs12Files.KeyEntry> entries = new ArrayList<>();
        for (Edelivery2Key key : Edelivery2Key.values()) {
            IssuedIdentity identity = roots.get(EDELIVERY2_ISSUER).issue(subject, key.generateKeyPair(random), key.keyUsage(),
                    notBefore, notAfter, random);
            entries.add(new Pkcs12Files.KeyEntry(alias(party.partyId(), key), identity.privateKey(), identity.chain()));
        }
        Pkcs12Files.saveKeyEntries(edelivery2Keystore(party.partyId()), entries, password);
    }

    private static <T> T underLock(Path directory, Supplier<T> action) {
        // FileLock guards against other processes; it is per JVM, so threads in this one queue on the monitor.
        synchronized (DevPki.class) {
            try {
                Files.createDirectories(directory);
                try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + directory, e);
            }
        }
    }

    private static List<String> missingFiles(Path directory) {
        return expectedFileNames().stream().filter(name -> Files.notExists(directory.resolve(name))).toList();
    }

    private static char[] newPassword(SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static char[] readPassword(Path directory) {
        Path file = directory.resolve(PASSWORD_FILE);
        try {
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty()) {
                throw new DevPkiException(file + " is empty; regenerate the development PKI");
            }
            return password.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String aliasFor(String partyId, KeyFamily family) {
        return partyId + "-" + family.suffix();
    }

    private static String edelivery2FileName(String partyId) {
        return partyId + "-edelivery2.p12";
    }

    private static String pemFileName(KeyFamily family) {
        return rootAlias(family) + ".pem";
    }

    private static X500Name rootSubject(KeyFamily family) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, "CASW Development Root CA " + family.suffix().toUpperCase(Locale.ROOT))
                .build();
    }

    /** Encoded most significant first, so X500Principal prints CN=..., OU=..., O=..., C=... */
    private static X500Name partySubject(String commonName, String partyId, String country) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, country)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.OU, partyId)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** A certificate as PEM text ("-----BEGIN CERTIFICATE-----"), US-ASCII. */
    public static byte[] toPem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + certificate.getSubjectX500Principal() + " as PEM", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
