package org.casw.kit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.casw.certs.DevPki;
import org.casw.gateway.cli.CommandLineSecrets;
import org.casw.kit.conformance.ConformanceRunner.CaseResult;
import org.casw.kit.conformance.ConformanceRunner.Verdict;
import org.springframework.util.unit.DataSize;

/**
 * {@code conformance --partner PROFILE --target URL [--report DIR] [--api-key-file FILE] [--data-dir DIR] [--samples DIR]
 * [--max-payload-size 10MB] [--timeout 30s] [--profiles FILE] [--burst N]}: plays a partner against any endpoint of the gateway's HTTP API and
 * checks every answer. The key is the profile's unless {@code --api-key-file} or {@code CASW_API_KEY} gives one; it is
 * never an argument. Exits 0 when every case passed (or did not apply), 1 when any failed, 2 on a usage error.
 */
public final class ConformanceCommand {

    static final String USAGE = "usage: conformance --partner PROFILE --target URL [--report DIR] [--api-key-file FILE] "
            + "[--data-dir DIR] [--samples DIR] [--max-payload-size 10MB] [--timeout 30s] [--profiles FILE.yml] [--burst N]";

    private ConformanceCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, java.util.Map<String, String> environment, PrintStream out, PrintStream err) {
        java.util.Optional<String> inline = CommandLineSecrets.inlineSecret(args);
        if (inline.isPresent()) {
            err.println("conformance: " + inline.get() + "\n" + USAGE);
            return 2;
        }
        String partner = null;
        Path apiKeyFile = null;
        String target = null;
        String apiKey = null;
        Path report = Path.of("conformance-report");
        Path dataDir = Path.of("data");
        Path samplesDir = null;
        Path profilesFile = null;
        DataSize maxPayload = DataSize.ofMegabytes(10);
        Duration timeout = Duration.ofSeconds(30);
        int burst = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--partner" -> partner = args[++i];
                    case "--target" -> target = args[++i];
                    case "--report" -> report = Path.of(args[++i]);
                    case "--api-key-file" -> apiKeyFile = Path.of(args[++i]);
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--samples" -> samplesDir = Path.of(args[++i]);
                    case "--profiles" -> profilesFile = Path.of(args[++i]);
                    case "--max-payload-size" -> maxPayload = DataSize.parse(args[++i]);
                    case "--burst" -> burst = Integer.parseInt(args[++i]);
                    case "--timeout" -> timeout = Duration.parse("PT" + args[++i].toUpperCase(java.util.Locale.ROOT));
                    default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            if (burst < 0) {
                throw new IllegalArgumentException("--burst takes 0 (skip the rate-limited case) or more, not " + burst);
            }
            if (partner == null || target == null) {
                throw new IllegalArgumentException("--partner and --target are required; profiles: "
                        + String.join(", ", ConformanceProfile.shipped().keySet()));
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            err.println((e.getMessage() == null ? "" : e.getMessage() + "\n") + USAGE);
            return 2;
        }
        ConformanceProfile profile;
        URI uri;
        try {
            profile = profilesFile == null ? ConformanceProfile.named(partner) : ConformanceProfile.named(partner, profilesFile);
            apiKey = CommandLineSecrets.apiKey(apiKeyFile, environment).orElse(null);
            uri = URI.create(target);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--target must be an http or https URL, not " + target);
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException | ClassCastException e) {
            err.println("conformance: " + e.getMessage());
            return 2;
        }
        if (apiKey != null) {
            profile = profile.withApiKey(apiKey);
        }
        DevPki pki = null;
        if (profile.signature() != null) {
            Path certs = dataDir.resolve("certs");
            List<String> missing = DevPki.expectedFileNames().stream().filter(n -> Files.notExists(certs.resolve(n))).toList();
            if (!missing.isEmpty()) {
                // never generate one here: a fresh PKI is one the target does not trust
                err.println("conformance: no complete development PKI in " + certs + " (missing " + missing.get(0)
                        + "); pass the target gateway's --data-dir");
                return 2;
            }
            pki = DevPki.ensure(certs);
        }
        Instant started = Instant.now();
        ConformanceSuite suite = new ConformanceSuite(profile, new ConformanceSamples(samplesDir, ConformanceSamples.newRunTag()),
                pki, maxPayload.toBytes(), burst);
        List<ConformanceCase> cases = suite.cases();
        out.println("conformance: partner " + profile.name() + " (" + profile.party() + ") against " + uri + ", "
                + cases.size() + " cases");
        List<CaseResult> results = new ConformanceRunner(uri, timeout).run(cases, out);
        ConformanceReport written = new ConformanceReport(profile.name(), uri.toString(), started, results);
        try {
            List<Path> files = written.write(report);
            out.println("report: " + files.get(0) + ", " + files.get(1));
        } catch (IOException e) {
            err.println("conformance: cannot write the report into " + report + ": " + e.getMessage());
            return 2;
        }
        long failed = written.count(Verdict.FAIL);
        out.println(written.count(Verdict.PASS) + " passed, " + failed + " failed, " + written.count(Verdict.SKIP) + " skipped");
        return failed == 0 ? 0 : 1;
    }
}
