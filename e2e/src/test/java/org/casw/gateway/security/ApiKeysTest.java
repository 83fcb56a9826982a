package org.casw.gateway.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API keys are stored as HMAC digests under a server secret, and keys shorter than the minimum match nobody. */
class ApiKeysTest {

    private static final String KEY = "enterprise-key-of-tests";

    @TempDir
    Path dir;

    @Test
    void aDigestIsAnHmacUnderTheServerSecretNotABareSha256() throws Exception {
        ApiKeys production = ApiKeys.fromFile(Files.writeString(dir.resolve("secret"), "s".repeat(48) + "\n"));
        ApiKeys other = ApiKeys.fromFile(Files.writeString(dir.resolve("other"), "t".repeat(48)));

        assertThat(production.digest(KEY)).matches("hmac-sha256:[0-9a-f]{64}")
                .isNotEqualTo(ApiKeys.legacyDigest(KEY).replace("sha256:", "hmac-sha256:"))
                .isNotEqualTo(other.digest(KEY))
                .isNotEqualTo(ApiKeys.development().digest(KEY))
                .isEqualTo(ApiKeys.fromFile(dir.resolve("secret")).digest(KEY));
        assertThat(production.usesDevelopmentSecret()).isFalse();
        assertThat(ApiKeys.development().usesDevelopmentSecret()).isTrue();
        assertThat(ApiKeys.fromFile(Files.writeString(dir.resolve("dev"), ApiKeys.DEVELOPMENT_SECRET)).usesDevelopmentSecret()).isTrue();
    }

    @Test
    void aShortOrMissingSecretFileIsReportedWithTheAgreements() throws Exception {
        Path shortSecret = Files.writeString(dir.resolve("short"), "too-short");

        assertThatThrownBy(() -> KeyedAgreements.partners(Map.of(), Map.of(), shortSecret))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.getMessage())
                        .contains("gateway.api-keys.secret-file", "at least 32").doesNotContain("too-short"));
        assertThatThrownBy(() -> KeyedAgreements.partners(Map.of(), Map.of(), dir.resolve("missing")))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aPresentedKeyMatchesItsHmacDigestUnderTheConfiguredSecret() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s".repeat(48));
        ApiKeys keys = ApiKeys.fromFile(secret);

        ConfiguredPartners partners = KeyedAgreements.partners(Map.of("DEMO-ENTERPRISE", List.of(keys.digest(KEY))),
                Map.of("ops", List.of(keys.digest("operator-key-of-tests"))), secret);

        assertThat(partners.partyForKey(KEY)).contains("DEMO-ENTERPRISE");
        assertThat(partners.operatorForKey("operator-key-of-tests")).contains("ops");
        assertThat(partners.partyForKey("another-key-entirely")).isEmpty();
        // the digest under the development secret is not this gateway's digest of the key
        assertThat(KeyedAgreements.partners(Map.of("DEMO-ENTERPRISE", List.of(ApiKeys.development().digest(KEY))), Map.of(), secret)
                .partyForKey(KEY)).isEmpty();
    }

    @Test
    void aKeyShorterThanTheMinimumMatchesNobodyEvenWhenItsDigestIsConfigured() {
        String shortKey = "short-key"; // 9 characters
        ConfiguredPartners partners = KeyedAgreements.partners(Map.of("DEMO-ENTERPRISE",
                List.of(ApiKeys.development().digest(shortKey), ApiKeys.legacyDigest(shortKey))), Map.of(), null);

        assertThat(partners.partyForKey(shortKey)).isEmpty();
        assertThat(ApiKeys.longEnough("demo-port-key")).as("the shortest published demo key").isTrue();
        assertThat(ApiKeys.longEnough("x".repeat(ApiKeys.MIN_LENGTH - 1))).isFalse();
    }

    @Test
    void bareSha256DigestsOfEarlierReleasesStillMatchOnTheDefaultRun() {
        ConfiguredPartners partners = KeyedAgreements.partners(Map.of("DEMO-ENTERPRISE", List.of(ApiKeys.legacyDigest(KEY))), Map.of(), null);

        assertThat(partners.partyForKey(KEY)).contains("DEMO-ENTERPRISE");
    }

    @Test
    void digestsMadeAtOnceOnManyThreadsAreEachTheHmacOfTheirOwnKey() throws Exception {
        ApiKeys keys = ApiKeys.development();
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(ApiKeys.DEVELOPMENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        List<String> presented = IntStream.range(0, 2_000).mapToObj(i -> KEY + "-" + i).toList();
        List<String> expected = new ArrayList<>();
        for (String key : presented) {
            expected.add("hmac-sha256:" + HexFormat.of().formatHex(reference.doFinal(key.getBytes(StandardCharsets.UTF_8))));
        }

        // one ApiKeys serves every request thread: no digest may see another's bytes
        assertThat(presented.parallelStream().map(keys::digest).toList()).isEqualTo(expected);
        // the demo operator's key as the shipped application.yml stores it
        assertThat(keys.digest("demo-operator-key")).isEqualTo("hmac-sha256:123bc656c153bdb931047e5716ef1bd03c7d63fcf391b1d0abf29f0706cab063");
    }
}
