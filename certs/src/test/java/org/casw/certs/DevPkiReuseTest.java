package org.casw.certs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link DevPki#ensure} treats a directory that already holds all or part of a PKI. */
class DevPkiReuseTest {

    @TempDir
    Path directory;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger devPkiLogger = (Logger) LoggerFactory.getLogger(DevPki.class);

    @BeforeEach
    void captureLog() {
        log.start();
        devPkiLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        devPkiLogger.detachAppender(log);
    }

    @Test
    void ensureCalledTwiceReusesTheSameCertificatesAndPassword() {
        DevPki first = DevPki.ensure(directory);
        Map<String, BigInteger> serials = leafSerials(first);
        log.list.clear();

        DevPki second = DevPki.ensure(directory);

        assertThat(leafSerials(second)).isEqualTo(serials);
        assertThat(rootSerials(second)).isEqualTo(rootSerials(first));
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(log.list).as("a reuse generates nothing, so logs nothing").isEmpty();
    }

    @Test
    void reloadedPkiIssuesFromTheSameRoots() throws Exception {
        DevPki.ensure(directory);
        DevPki reloaded = DevPki.ensure(directory);

        IssuedIdentity extra = reloaded.issue("SG-NSW", "SG-NSW test", KeyFamily.SM2,
                java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600));

        extra.certificate().verify(reloaded.rootCertificate(KeyFamily.SM2).getPublicKey(), new BouncyCastleProvider());
    }

    @Test
    void ensureIssuesMissingFilesFromTheExistingRootsAndKeepsTheRest() throws Exception {
        DevPki first = DevPki.ensure(directory);
        Map<String, BigInteger> serials = leafSerials(first);
        Files.delete(first.keystore("RAIL-QINZHOU", KeyFamily.RSA_2048));
        Files.delete(directory.resolve(DevPki.TRUST_ANCHORS_FILE));
        Files.delete(directory.resolve("root-sm2.pem"));
        log.list.clear();

        DevPki repaired = DevPki.ensure(directory);

        assertThat(DevPki.expectedFileNames()).allSatisfy(name -> assertThat(directory.resolve(name)).exists());
        assertThat(rootSerials(repaired)).isEqualTo(rootSerials(first));
        Map<String, BigInteger> after = leafSerials(repaired);
        assertThat(after.get("RAIL-QINZHOU-rsa")).isNotEqualTo(serials.get("RAIL-QINZHOU-rsa"));
        after.remove("RAIL-QINZHOU-rsa");
        serials.remove("RAIL-QINZHOU-rsa");
        assertThat(after).isEqualTo(serials);
        repaired.certificate("RAIL-QINZHOU", KeyFamily.RSA_2048)
                .verify(first.rootCertificate(KeyFamily.RSA_2048).getPublicKey());
        assertThat(repaired.trustAnchors().size()).isEqualTo(3);
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("1 identities issued"));
    }

    @Test
    void ensureGeneratesAFreshPkiWhenTheRootCaKeystoreIsMissing() throws Exception {
        DevPki first = DevPki.ensure(directory);
        Map<KeyFamily, BigInteger> oldRoots = rootSerials(first);
        Map<String, BigInteger> oldLeaves = leafSerials(first);
        Files.delete(directory.resolve(DevPki.ROOT_CA_FILE));
        log.list.clear();

        DevPki second = DevPki.ensure(directory);

        assertThat(rootSerials(second).values()).doesNotContainAnyElementsOf(oldRoots.values());
        assertThat(leafSerials(second).values()).doesNotContainAnyElementsOf(oldLeaves.values());
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("incomplete").contains(DevPki.ROOT_CA_FILE));
    }

    @Test
    void regenerateReplacesRootsLeavesAndPassword() {
        DevPki first = DevPki.ensure(directory);
        Map<KeyFamily, BigInteger> oldRoots = rootSerials(first);
        Map<String, BigInteger> oldLeaves = leafSerials(first);

        DevPki second = DevPki.regenerate(directory);

        assertThat(second.password()).isNotEqualTo(first.password());
        assertThat(rootSerials(second).values()).doesNotContainAnyElementsOf(oldRoots.values());
        assertThat(leafSerials(second).values()).doesNotContainAnyElementsOf(oldLeaves.values());
        assertThat(DevPki.ensure(directory).password()).isEqualTo(second.password());
    }

    @Test
    void generationLogsOneInfoLineWithDirectoryAndIdentityCountButNeverThePassword() {
        DevPki pki = DevPki.ensure(directory);

        List<ILoggingEvent> infos = log.list.stream().filter(e -> e.getLevel() == Level.INFO).toList();
        assertThat(infos).hasSize(1);
        assertThat(infos.get(0).getFormattedMessage()).contains(directory.toString()).contains("24 identities");
        String password = new String(pki.password());
        assertThat(messages()).noneSatisfy(m -> assertThat(m).contains(password));
    }

    @Test
    void aPasswordThatDoesNotOpenTheRootStoreFailsClearlyInsteadOfRegenerating() throws Exception {
        DevPki.ensure(directory);
        Path passwordFile = directory.resolve(DevPki.PASSWORD_FILE);
        Files.writeString(passwordFile, "some-other-password", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> DevPki.ensure(directory))
                .isInstanceOf(DevPkiException.class)
                .hasMessageContaining(DevPki.ROOT_CA_FILE)
                .hasMessageNotContaining("some-other-password");
        assertThat(directory.resolve(DevPki.ROOT_CA_FILE)).exists();
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Map<String, BigInteger> leafSerials(DevPki pki) {
        Map<String, BigInteger> serials = new HashMap<>();
        for (DemoParty party : DemoParty.values()) {
            for (KeyFamily family : KeyFamily.values()) {
                serials.put(pki.alias(party.partyId(), family),
                        pki.certificate(party.partyId(), family).getSerialNumber());
            }
        }
        return serials;
    }

    private static Map<KeyFamily, BigInteger> rootSerials(DevPki pki) {
        Map<KeyFamily, BigInteger> serials = new EnumMap<>(KeyFamily.class);
        for (KeyFamily family : KeyFamily.values()) {
            serials.put(family, pki.rootCertificate(family).getSerialNumber());
        }
        return serials;
    }
}
