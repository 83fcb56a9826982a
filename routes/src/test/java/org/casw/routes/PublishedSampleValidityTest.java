package org.casw.routes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.origin.OriginRules;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published samples stay valid whatever the real date: the tests judge them by {@link SampleEra}, and nothing
 * published ends within ten years of it. A certificate of origin's validity is bounded by its agreement (12 months
 * from issue), so for those the era must sit inside the validity and every test must judge them by the era's clock,
 * which {@link #noTestJudgesSampleDatesByTheRealClock()} checks in every module's test sources.
 */
class PublishedSampleValidityTest {

    private static final Path ROOT = Path.of("..");
    private static final Path SAMPLES = ROOT.resolve(Path.of("schemas", "src", "test", "resources", "samples"));
    private static final Path VECTORS = ROOT.resolve("test-vectors");
    private static final LocalDate ERA = LocalDate.ofInstant(SampleEra.INSTANT, ZoneId.of("Asia/Shanghai"));
    private static final LocalDate TEN_YEARS_ON = ERA.plusYears(10);

    /** Samples whose point is an end date already past (or an impossible range): they must stay past, see below. */
    private static final Set<String> ENDED_ON_PURPOSE = Set.of("aeo-validity-expired.xml", "aeo-validity-range.xml",
            "origin-certificate-expired.xml", "expired-certificate.xml", "expired-certificate.p7s");

    private static final Pattern VALID_UNTIL = Pattern.compile("<(?:\\w+:)?ValidUntil>([^<]+)</");
    private static final Pattern ECO_ISSUE_DATE = Pattern.compile("<(?:\\w+:)?IssueDate>(\\d{4}-\\d{2}-\\d{2})</");
    private static final Pattern EMBEDDED_CERTIFICATE = Pattern.compile("<(?:\\w+:)?X509Certificate>([^<]+)</");

    private final DocumentReader reader = new DocumentReader();

    @Test
    void noPublishedValidityEndsWithinTenYearsOfTheSampleEra() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path sample : files(SAMPLES, ".xml")) {
            if (ENDED_ON_PURPOSE.contains(name(sample))) {
                continue;
            }
            // as bytes: not every sample is UTF-8 (QP's receipts are GB2312), and the dates sought are ASCII
            Matcher until = VALID_UNTIL.matcher(new String(Files.readAllBytes(sample), java.nio.charset.StandardCharsets.ISO_8859_1));
            while (until.find()) {
                assertThat(LocalDate.parse(until.group(1))).as(SAMPLES.relativize(sample) + " ValidUntil")
                        .isAfterOrEqualTo(TEN_YEARS_ON);
                checked.add(name(sample));
            }
        }
        assertThat(checked).as("samples with a ValidUntil (AEO notices)").contains("sg-stp-plus.xml", "cn-aeo-advanced.xml");
    }

    @Test
    void noPublishedCertificateExpiresWithinTenYearsOfTheSampleEra() throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files(VECTORS, "")) {
            if (ENDED_ON_PURPOSE.contains(name(file))) {
                continue;
            }
            String n = name(file);
            if (n.endsWith(".pem") || n.endsWith(".p7s")) {
                certificates.addAll(certificates(Files.readAllBytes(file)));
            } else if (n.endsWith(".xml")) {
                Matcher embedded = EMBEDDED_CERTIFICATE.matcher(Files.readString(file));
                while (embedded.find()) {
                    certificates.addAll(certificates(Base64.getMimeDecoder().decode(embedded.group(1))));
                }
            }
        }
        assertThat(certificates).as("the test vectors' roots and signers").hasSizeGreaterThan(10);
        for (X509Certificate certificate : certificates) {
            assertThat(certificate.getNotBefore().toInstant()).as(certificate.getSubjectX500Principal() + " valid from")
                    .isBeforeOrEqualTo(SampleEra.INSTANT);
            assertThat(LocalDate.ofInstant(certificate.getNotAfter().toInstant(), ZoneId.of("UTC")))
                    .as(certificate.getSubjectX500Principal() + " valid until").isAfterOrEqualTo(TEN_YEARS_ON);
        }
    }

    /** A certificate of origin's validity is its agreement's (12 months from issue): the era sits inside it. */
    @Test
    void everyCertificateOfOriginIsInForceAtTheSampleEra() {
        List<String> checked = new ArrayList<>();
        for (Path sample : files(SAMPLES.resolve("certificate-of-origin"), ".xml")) {
            CertificateOfOrigin co = readable(sample);
            if (co == null || co.getIssueDate() == null || co.getAgreement() == null) {
                continue; // a sample about its schema: no date is judged
            }
            String n = name(sample);
            if (n.equals("issue-date-in-future.xml")) {
                assertThat(OriginRules.issueDate(co)).as(n).isAfter(ERA.plusDays(1));
            } else if (n.equals("origin-certificate-expired.xml")) {
                assertThat(OriginRules.lastValidDay(co)).as(n + " stays expired").isBefore(ERA);
            } else {
                assertThat(OriginRules.issueDate(co)).as(n + " issued").isBeforeOrEqualTo(ERA);
                assertThat(OriginRules.lastValidDay(co)).as(n + " last valid day").isAfterOrEqualTo(ERA);
            }
            checked.add(n);
        }
        assertThat(checked).as("certificate-of-origin samples judged").hasSizeGreaterThan(15).contains("form-e-durian-th-cn.xml");
    }

    /** The ASEAN eCO samples become certificates of origin: issued before the era, within a year of it. */
    @Test
    void everyAseanCertificateIsInForceAtTheSampleEra() throws IOException {
        for (Path sample : files(SAMPLES.resolve("asw-eco").resolve("valid"), ".xml")) {
            Matcher issued = ECO_ISSUE_DATE.matcher(Files.readString(sample));
            while (issued.find()) {
                LocalDate issue = LocalDate.parse(issued.group(1));
                assertThat(issue).as(name(sample) + " issued").isBeforeOrEqualTo(ERA);
                assertThat(issue.plusYears(1)).as(name(sample) + " valid until").isAfterOrEqualTo(ERA);
            }
        }
    }

    /**
     * A rule or validator built without a clock reads the real one: in a test that would judge a sample's dates by the
     * day the build runs. Every test passes {@link SampleEra#CLOCK} (or a clock of its own) instead.
     */
    @Test
    void noTestJudgesSampleDatesByTheRealClock() throws IOException {
        Pattern realClock = Pattern.compile("new (DocumentValidator|BusinessRules|OriginRules|DeclarationRules|ManifestRules"
                + "|ContainerEventRules)\\(\\)|new (DocumentValidator|BusinessRules|\\w+Rules)\\([^;]*Clock\\.system");
        List<String> found = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.toList()) {
                Path tests = module.resolve(Path.of("src", "test", "java"));
                if (Files.isDirectory(tests)) {
                    sources.addAll(files(tests, ".java"));
                }
            }
        }
        for (Path source : sources) {
            Matcher m = realClock.matcher(Files.readString(source));
            while (m.find()) {
                found.add(ROOT.relativize(source) + ": " + m.group());
            }
        }
        assertThat(sources).as("test sources scanned").hasSizeGreaterThan(100);
        assertThat(found).as("tests that build a date-judging rule on the real clock").isEmpty();
    }

    /** Modules that cannot see this class keep their own copy of the era (the gateway's tests): it must be this one. */
    @Test
    void theEraIsKeptInOnePlaceTheSharedTestSupport() throws IOException {
        List<Path> copies = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.toList()) {
                Path tests = module.resolve(Path.of("src", "test", "java"));
                if (Files.isDirectory(tests)) {
                    copies.addAll(files(tests, "/SampleEra.java"));
                }
            }
        }
        assertThat(copies).as("copies of SampleEra beside test-support's").isEmpty();
    }

    private CertificateOfOrigin readable(Path sample) {
        try {
            return reader.read(DocumentType.CERTIFICATE_OF_ORIGIN, Files.readAllBytes(sample)) instanceof CertificateOfOrigin co
                    ? co : null;
        } catch (IllegalArgumentException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificates of a PEM or DER file, of a PKCS#7 (CMS) signature, or an embedded one; SM2 keys need Bouncy Castle. */
    @SuppressWarnings("unchecked")
    private static Collection<X509Certificate> certificates(byte[] encoded) throws Exception {
        return (Collection<X509Certificate>) CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCertificates(new ByteArrayInputStream(encoded));
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
