package org.casw.certs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The development PKI's eDelivery AS4 2.0 keys: an Ed25519 signing key and an X25519 encryption key per party. */
class DevPkiEdelivery2KeysTest {

    @TempDir
    static Path directory;

    static DevPki pki;

    @BeforeAll
    static void generate() {
        pki = DevPki.ensure(directory);
    }

    @Test
    void everyPartyHasBothKeysInOneKeystoreIssuedByTheEcRoot() throws Exception {
        for (DemoParty party : DemoParty.values()) {
            assertThat(pki.edelivery2Keystore(party.partyId())).isRegularFile()
                    .isEqualTo(directory.resolve(party.partyId() + "-edelivery2.p12"));
            for (Edelivery2Key key : Edelivery2Key.values()) {
                IssuedIdentity identity = pki.identity(party.partyId(), key);
                X509Certificate leaf = identity.certificate();
                assertThat(leaf.getPublicKey().getAlgorithm()).as(party + " " + key).isIn(key.keyAlgorithm(), "XDH", "EdDSA");
                assertThat(identity.chain()).hasSize(2);
                leaf.verify(pki.rootCertificate(DevPki.EDELIVERY2_ISSUER).getPublicKey());
                assertThat(DevPki.isDevelopmentCertificate(leaf)).isTrue();
                assertThat(leaf.getSubjectX500Principal().getName()).contains("OU=" + party.partyId());
            }
        }
    }

    @Test
    void theSigningKeySignsWithEd25519AndOnlySigns() throws Exception {
        IssuedIdentity signing = pki.identity("CASW-GATEWAY", Edelivery2Key.SIGNING);
        byte[] data = "certificate of origin".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdk(signing.privateKey(), "Ed25519"));
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(signing.certificate());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
        boolean[] usage = signing.certificate().getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[4]).as("keyAgreement").isFalse();
    }

    @Test
    void theEncryptionKeyAgreesTheSameSecretAsASenderWithItsCertificate() throws Exception {
        IssuedIdentity encryption = pki.identity("SG-NSW", Edelivery2Key.ENCRYPTION);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        var ephemeral = generator.generateKeyPair();
        KeyAgreement sender = KeyAgreement.getInstance("X25519");
        sender.init(ephemeral.getPrivate());
        sender.doPhase(KeyFactory.getInstance("X25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(encryption.certificate().getPublicKey().getEncoded())), true);
        KeyAgreement receiver = KeyAgreement.getInstance("X25519");
        receiver.init(jdk(encryption.privateKey(), "X25519"));
        receiver.doPhase(ephemeral.getPublic(), true);
        assertThat(Arrays.equals(sender.generateSecret(), receiver.generateSecret())).isTrue();
        boolean[] usage = encryption.certificate().getKeyUsage();
        assertThat(usage[4]).as("keyAgreement").isTrue();
        assertThat(usage[0]).as("digitalSignature").isFalse();
    }

    @Test
    void aMissingEdelivery2KeystoreIsIssuedAgainFromTheExistingRoot(@TempDir Path other) throws Exception {
        DevPki first = DevPki.ensure(other);
        X509Certificate root = first.rootCertificate(DevPki.EDELIVERY2_ISSUER);
        java.nio.file.Files.delete(first.edelivery2Keystore("TH-NSW"));

        DevPki again = DevPki.ensure(other);

        assertThat(again.rootCertificate(DevPki.EDELIVERY2_ISSUER)).isEqualTo(root);
        again.identity("TH-NSW", Edelivery2Key.ENCRYPTION).certificate().verify(root.getPublicKey());
    }

    /** The key as the JDK's own provider reads it (PKCS#8 v1, without the optional public key). */
    static PrivateKey jdk(PrivateKey key, String algorithm) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        byte[] v1 = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey()).getEncoded();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(v1));
    }
}
