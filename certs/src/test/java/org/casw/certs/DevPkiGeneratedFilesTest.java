package org.casw.certs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a freshly generated development PKI directory holds. */
class DevPkiGeneratedFilesTest {

    private static final String SM3_WITH_SM2_OID = "1.2.156.10197.1.501";
    private static final Provider BC = new BouncyCastleProvider();

    @TempDir
    static Path directory;

    static DevPki pki;

    @BeforeAll
    static void generate() {
        pki = DevPki.ensure(directory);
    }

    @Test
    void directoryHoldsEveryExpectedFile() {
        assertThat(DevPki.expectedFileNames()).hasSize(3 + 3 + 8 * 3 + 8);
        assertThat(DevPki.expectedFileNames()).allSatisfy(name -> assertThat(directory.resolve(name)).isRegularFile());
        assertThat(directory.resolve("CASW-GATEWAY-sm2.p12")).isEqualTo(pki.keystore("CASW-GATEWAY", KeyFamily.SM2));
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void everyLeafCertificateVerifiesAgainstItsFamilysRoot(KeyFamily family) throws Exception {
        X509Certificate root = pki.rootCertificate(family);
        for (DemoParty party : DemoParty.values()) {
            X509Certificate leaf = pki.certificate(party.partyId(), family);
            leaf.verify(root.getPublicKey(), BC);
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        }
        root.verify(root.getPublicKey(), BC);
    }

    @Test
    void sm2CertificatesAreSignedWithSm3WithSm2() {
        assertThat(pki.rootCertificate(KeyFamily.SM2).getSigAlgOID()).isEqualTo(SM3_WITH_SM2_OID);
        for (DemoParty party : DemoParty.values()) {
            assertThat(pki.certificate(party.partyId(), KeyFamily.SM2).getSigAlgOID()).isEqualTo(SM3_WITH_SM2_OID);
        }
    }

    @Test
    void ecAndRsaCertificatesAreSignedWithSha256() {
        assertThat(pki.certificate("SG-NSW", KeyFamily.EC_P256).getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(pki.certificate("SG-NSW", KeyFamily.RSA_2048).getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.11");
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void keystoresReloadWithThePasswordAndHoldThePrivateKeyWithATwoCertificateChain(KeyFamily family)
            throws Exception {
        for (DemoParty party : DemoParty.values()) {
            String alias = pki.alias(party.partyId(), family);
            KeyStore store = KeyStore.getInstance("PKCS12", BC);
            try (InputStream in = Files.newInputStream(pki.keystore(party.partyId(), family))) {
                store.load(in, pki.password());
            }
            assertThat(Collections.list(store.aliases())).containsExactly(alias);
            assertThat(store.isKeyEntry(alias)).isTrue();
            assertThat(store.getKey(alias, pki.password())).isInstanceOf(PrivateKey.class);
            Certificate[] chain = store.getCertificateChain(alias);
            assertThat(chain).hasSize(2);
            assertThat(chain[1]).isEqualTo(pki.rootCertificate(family));
        }
    }

    @Test
    void keystoreAliasIsPartyIdAndFamilySuffix() throws Exception {
        assertThat(pki.alias("DEMO-ENTERPRISE", KeyFamily.RSA_2048)).isEqualTo("DEMO-ENTERPRISE-rsa");
        KeyStore store = pki.loadKeyStore("DEMO-ENTERPRISE", KeyFamily.RSA_2048);
        assertThat(Collections.list(store.aliases())).containsExactly("DEMO-ENTERPRISE-rsa");
    }

    @Test
    void partyIdsThatWouldNameAFileOutsideTheDirectoryAreRejected() {
        assertThatThrownBy(() -> pki.keystore("../../etc/CN-CUSTOMS", KeyFamily.EC_P256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.loadKeyStore("..", KeyFamily.EC_P256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keystoreDoesNotOpenWithAnotherPassword() {
        Path file = pki.keystore("CN-CUSTOMS", KeyFamily.SM2);
        assertThatThrownBy(() -> Pkcs12Files.load(file, "not-the-password".toCharArray()))
                .isInstanceOf(DevPkiException.class)
                .hasMessageContaining(file.toString());
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "RSA_2048"})
    void ecAndRsaKeystoresAlsoOpenWithTheJdksOwnPkcs12KeyStore(KeyFamily family) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        try (InputStream in = Files.newInputStream(pki.keystore("PORT-QINZHOU", family))) {
            store.load(in, pki.password());
        }
        String alias = pki.alias("PORT-QINZHOU", family);
        assertThat(store.getKey(alias, pki.password())).isInstanceOf(PrivateKey.class);
        assertThat(store.getCertificateChain(alias)).hasSize(2);
    }

    @Test
    void trustAnchorsHoldTheThreeRootsAsCertificateEntries() throws Exception {
        KeyStore anchors = pki.trustAnchors();
        assertThat(Collections.list(anchors.aliases())).containsExactlyInAnyOrder("root-ec", "root-rsa", "root-sm2");
        for (KeyFamily family : KeyFamily.values()) {
            String alias = DevPki.rootAlias(family);
            assertThat(anchors.isCertificateEntry(alias)).as(alias).isTrue();
            assertThat(anchors.getCertificate(alias)).isEqualTo(pki.rootCertificate(family));
        }
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void rootPemFilesHoldTheRootCertificates(KeyFamily family) throws Exception {
        Path pem = directory.resolve("root-" + family.suffix() + ".pem");
        assertThat(Files.readString(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate parsed = CertificateFactory.getInstance("X.509", BC).generateCertificate(in);
            assertThat(parsed).isEqualTo(pki.rootCertificate(family));
        }
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void rootsAreCriticallyConstrainedCertificateAuthoritiesValidForTenYears(KeyFamily family) throws Exception {
        X509Certificate root = pki.rootCertificate(family);
        assertThat(root.getBasicConstraints()).isNotNegative();
        assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] keyUsage = root.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(subjectKeyIdentifier(root)).isNotEmpty();
        assertThat(validity(root)).isEqualTo(DevPki.ROOT_VALIDITY);
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void leavesAreEndEntitiesValidForTwoYearsWithKeyIdentifiersAndRandomSerials(KeyFamily family)
            throws Exception {
        byte[] rootKeyId = subjectKeyIdentifier(pki.rootCertificate(family));
        for (DemoParty party : DemoParty.values()) {
            X509Certificate leaf = pki.certificate(party.partyId(), family);
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
            boolean[] keyUsage = leaf.getKeyUsage();
            assertThat(keyUsage[0]).as("digitalSignature").isTrue();
            assertThat(keyUsage[1]).as("nonRepudiation").isTrue();
            assertThat(keyUsage[2]).as("keyEncipherment").isEqualTo(family == KeyFamily.RSA_2048);
            assertThat(keyUsage[5]).as("keyCertSign").isFalse();
            assertThat(subjectKeyIdentifier(leaf)).isNotEmpty();
            assertThat(AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(leaf).getExtensions())
                    .getKeyIdentifier()).isEqualTo(rootKeyId);
            assertThat(validity(leaf)).isEqualTo(DevPki.LEAF_VALIDITY);
            assertThat(leaf.getSerialNumber()).isPositive();
            assertThat(leaf.getSerialNumber().bitLength()).isBetween(100, 128);
        }
    }

    @Test
    void subjectsNameThePartyItsIdAndItsCountry() throws Exception {
        for (DemoParty party : DemoParty.values()) {
            X500Name subject = new JcaX509CertificateHolder(pki.certificate(party.partyId(), KeyFamily.EC_P256))
                    .getSubject();
            assertThat(value(subject, BCStyle.CN)).isEqualTo(party.displayName());
            assertThat(value(subject, BCStyle.OU)).isEqualTo(party.partyId());
            assertThat(value(subject, BCStyle.O)).isEqualTo(DevPki.ORGANISATION);
            assertThat(value(subject, BCStyle.C)).isEqualTo(party.country());
        }
        assertThat(pki.certificate("DEMO-ENTERPRISE", KeyFamily.SM2).getSubjectX500Principal().getName())
                .startsWith("CN=Qinzhou Demo Import & Export Co.\\, Ltd.,OU=DEMO-ENTERPRISE,");
        assertThat(value(new JcaX509CertificateHolder(pki.certificate("MY-NSW", KeyFamily.SM2)).getSubject(),
                BCStyle.C)).isEqualTo("MY");
    }

    @Test
    void passwordIsTwentyFourRandomBase64UrlCharactersKeptInTheDirectory() throws Exception {
        String stored = Files.readString(directory.resolve(DevPki.PASSWORD_FILE), StandardCharsets.US_ASCII);
        assertThat(stored).matches("[A-Za-z0-9_-]{24}");
        assertThat(pki.password()).containsExactly(stored.toCharArray());
    }

    @Test
    void passwordAccessorHandsOutACopy() {
        char[] first = pki.password();
        Arrays.fill(first, '\0');
        assertThat(pki.password()).isNotEqualTo(first);
    }

    @Test
    void passwordFileAndKeystoresAreReadableByTheOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                directory.resolve(DevPki.PASSWORD_FILE)))).isEqualTo("rw-------");
        List<Path> stores;
        try (var files = Files.list(directory)) {
            stores = files.filter(p -> p.getFileName().toString().endsWith(".p12")).toList();
        }
        assertThat(stores).hasSize(2 + 8 * 3 + 8);
        assertThat(stores).allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .as(p.toString()).isEqualTo("rw-------"));
    }

    @ParameterizedTest
    @EnumSource(KeyFamily.class)
    void signatureMadeWithEachLeafKeyVerifiesWithItsCertificate(KeyFamily family) throws Exception {
        byte[] document = "<DecMessage><DecHead><IEFlag>I</IEFlag></DecHead></DecMessage>"
                .getBytes(StandardCharsets.UTF_8);
        for (DemoParty party : DemoParty.values()) {
            IssuedIdentity identity = pki.identity(party.partyId(), family);
            Signature signer = Signature.getInstance(family.signatureAlgorithm(), BC);
            signer.initSign(identity.privateKey());
            signer.update(document);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance(family.signatureAlgorithm(), BC);
            verifier.initVerify(pki.certificate(party.partyId(), family));
            verifier.update(document);
            assertThat(verifier.verify(signature)).as(party.partyId()).isTrue();

            verifier.initVerify(pki.certificate(party.partyId(), family));
            verifier.update("tampered".getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(signature)).as("tampered " + party.partyId()).isFalse();
        }
    }

    private static String value(X500Name name, ASN1ObjectIdentifier type) {
        return ((ASN1String) name.getRDNs(type)[0].getFirst().getValue()).getString();
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifier();
    }

    private static Duration validity(X509Certificate certificate) {
        return Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}
