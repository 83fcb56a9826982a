package org.casw.kit.vectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.gateway.cli.VerifyCommand;
import org.casw.kit.conformance.ConformanceSamples;
import org.casw.routes.signature.CmsDetachedVerifier;
import org.casw.routes.signature.CmsVerification;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published signature test vectors (test-vectors/ at the repository root) verify as their index says with the
 * gateway's own verifiers, judged in the samples' era (so on any real date); the generator makes such vectors.
 */
class SignatureTestVectorsTest {

    static final Path PUBLISHED = Path.of("..", "test-vectors");
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final Pattern KEY_INFO_CERTIFICATE = Pattern.compile("<(?:\\w+:)?X509Certificate>([^<]+)</");

    @Test
    void everyPublishedVectorVerifiesAsItsIndexSays() throws Exception {
        assertThat(verifyAll(PUBLISHED)).hasSize(34);
    }

    @Test
    void theGeneratorWritesVectorsThatVerifyAsIndexed(@TempDir Path out) throws Exception {
        List<SignatureTestVectors.Vector> written = new SignatureTestVectors(new ConformanceSamples(null, "TV"),
                SampleEra.CLOCK).write(out);

        assertThat(verifyAll(out)).hasSameSizeAs(written).hasSize(34);
    }

    @Test
    void everySigningProfileHasEveryKindOfVector() throws Exception {
        Map<String, List<String>> expectedByDirectory = new TreeMap<>();
        for (JsonNode v : index(PUBLISHED).path("vectors")) {
            expectedByDirectory.computeIfAbsent(v.path("id").asText().replaceFirst("/.*", ""), k -> new ArrayList<>())
                    .add(v.path("expected").asText());
        }
        List<String> xmlKinds = List.of("VALID", "SIGNATURE_INVALID", "UNTRUSTED_SIGNER", "CERTIFICATE_EXPIRED", "SIGNATURE_REQUIRED");
        assertThat(expectedByDirectory).containsOnlyKeys("cn-eport-sm2", "cn-eport-sm2-sm3-digest", "xmldsig-ecdsa-sha256",
                "xmldsig-ecdsa-sha256-xades", "xmldsig-rsa-sha256", "xmldsig-rsa-sha256-xades", "cms-detached");
        expectedByDirectory.forEach((directory, kinds) -> assertThat(kinds).as(directory).containsExactlyInAnyOrderElementsOf(
                directory.equals("cms-detached") ? xmlKinds.subList(0, 4) : xmlKinds));
        for (SigningProfile profile : SigningProfile.values()) {
            assertThat(index(PUBLISHED).path("vectors").findValuesAsText("profile")).as("vectors of " + profile.id())
                    .contains(profile.id());
        }
    }

    @Test
    void noPrivateKeyIsPublished() throws Exception {
        try (Stream<Path> files = Files.walk(PUBLISHED)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                assertThat(name).as(file.toString()).doesNotEndWith(".p12").doesNotEndWith(".pfx").doesNotEndWith(".key")
                        .doesNotEndWith(".jks");
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain("PRIVATE KEY");
            }
        }
    }

    /** The vectors are committed: the valid signers must outlive any reasonable use of them. */
    @Test
    void theValidSignersAreTwentyYearCertificatesOfThePublishedAnchors() throws Exception {
        int checked = 0;
        for (JsonNode v : index(PUBLISHED).path("vectors")) {
            if (!v.path("expected").asText().equals("VALID")) {
                continue;
            }
            X509Certificate signer = signerOf(PUBLISHED, v);
            long days = ChronoUnit.DAYS.between(signer.getNotBefore().toInstant(), signer.getNotAfter().toInstant());
            assertThat(days).as(v.path("id").asText()).isGreaterThanOrEqualTo(20 * 365);
            signer.verify(anchors(PUBLISHED, v).get(0).getPublicKey(), BC);
            checked++;
        }
        assertThat(checked).isEqualTo(7);
    }

    @Test
    void theVerifyCommandAgreesWithTheIndex() throws Exception {
        for (JsonNode v : index(PUBLISHED).path("vectors")) {
            List<String> args = new ArrayList<>();
            for (JsonNode anchor : v.path("trustAnchors")) {
                args.add("--trust");
                args.add(PUBLISHED.resolve(anchor.asText()).toString());
            }
            if (v.hasNonNull("signature")) {
                args.add("--signature");
                args.add(PUBLISHED.resolve(v.path("signature").asText()).toString());
            } else {
                args.add("--profile");
                args.add(v.path("profile").asText());
            }
            args.add(PUBLISHED.resolve(v.path("file").asText()).toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

            String expected = v.path("expected").asText();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(v.path("id").asText() + ": " + printed).isEqualTo(expected.equals("VALID") ? 0 : 1);
            assertThat(printed).as(v.path("id").asText()).startsWith(expected.equals("VALID") ? "VALID" : "INVALID");
            if (!expected.equals("VALID")) {
                assertThat(printed).as(v.path("id").asText()).contains("  " + expected);
            }
        }
    }

    /** Verifies every vector of the index in {@code root}; returns the ids verified. */
    private static List<String> verifyAll(Path root) throws Exception {
        List<String> verified = new ArrayList<>();
        for (JsonNode v : index(root).path("vectors")) {
            String id = v.path("id").asText();
            String expected = v.path("expected").asText();
            PkixCertificateTrust trust = new PkixCertificateTrust(anchors(root, v));
            byte[] file = Files.readAllBytes(root.resolve(v.path("file").asText()));
            List<Violation> violations;
            if (v.hasNonNull("signature")) {
                CmsVerification result = new CmsDetachedVerifier().verify(file,
                        Files.readAllBytes(root.resolve(v.path("signature").asText())), trust, SampleEra.CLOCK);
                violations = result.violations();
            } else {
                VerificationResult result = new XmlSignatureVerifier().verify(file, new VerificationPolicy(true,
                        EnumSet.of(SigningProfile.of(v.path("profile").asText())), trust, SampleEra.CLOCK));
                violations = result.violations();
                assertThat(result.signed()).as(id + " signed").isEqualTo(!expected.equals("SIGNATURE_REQUIRED"));
            }
            if (expected.equals("VALID")) {
                assertThat(violations).as(id).isEmpty();
            } else {
                assertThat(violations).as(id).isNotEmpty();
                assertThat(violations.get(0).code()).as(id + ": " + violations).isEqualTo(expected);
            }
            verified.add(id);
        }
        return verified;
    }

    private static JsonNode index(Path root) throws Exception {
        return new ObjectMapper().readTree(root.resolve(SignatureTestVectors.INDEX).toFile());
    }

    private static List<X509Certificate> anchors(Path root, JsonNode vector) throws Exception {
        List<X509Certificate> anchors = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
        for (JsonNode anchor : vector.path("trustAnchors")) {
            try (InputStream in = Files.newInputStream(root.resolve(anchor.asText()))) {
                anchors.add((X509Certificate) factory.generateCertificate(in));
            }
        }
        assertThat(anchors).as("trust anchors of " + vector.path("id").asText()).isNotEmpty();
        return anchors;
    }

    private static X509Certificate signerOf(Path root, JsonNode vector) throws Exception {
        if (vector.hasNonNull("signature")) {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(Files.readAllBytes(root.resolve(vector.path("file").asText()))),
                    Files.readAllBytes(root.resolve(vector.path("signature").asText())));
            @SuppressWarnings("unchecked")
            X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates()
                    .getMatches(cms.getSignerInfos().getSigners().iterator().next().getSID()).iterator().next();
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        }
        Matcher m = KEY_INFO_CERTIFICATE.matcher(Files.readString(root.resolve(vector.path("file").asText())));
        assertThat(m.find()).as("KeyInfo certificate of " + vector.path("id").asText()).isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(
                new ByteArrayInputStream(java.util.Base64.getMimeDecoder().decode(m.group(1))));
    }
}
