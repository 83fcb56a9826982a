package org.casw.kit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casw.certs.DevPki;
import org.casw.gateway.cli.CommandLineSecrets;
import org.casw.gateway.cli.ConsoleCommand;
import org.casw.gateway.cli.GatewayCommandLine;
import org.casw.gateway.cli.GatewayVersion;
import org.casw.kit.conformance.ConformanceRunner.CaseResult;
import org.casw.kit.conformance.ConformanceRunner.Verdict;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conformance --partner PROFILE --target URL ...}: plays a partner against any endpoint of the gateway's HTTP API
 * and checks every answer, one line per case as it goes. The key is the profile's unless {@code --api-key-file} or
 * {@code CASW_API_KEY} gives one; it is never an argument.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = {"Play a partner against an endpoint of the gateway's HTTP API and check every answer (one line per case).",
            "Writes a JUnit XML and an HTML report. The API key is the profile's unless --api-key-file or $"
                    + CommandLineSecrets.API_KEY_VARIABLE + " gives one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case passed or did not apply", "1:a case failed", "2:usage error"})
public final class ConformanceCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--partner", required = true, paramLabel = "PROFILE", completionCandidates = ShippedProfiles.class,
            description = "the partner to play, one of the shipped profiles: ${COMPLETION-CANDIDATES} (or of --profiles)")
    String partner;

    @Option(names = "--target", required = true, paramLabel = "URL", description = "the endpoint, e.g. http://127.0.0.1:8080")
    String target;

    @Option(names = "--report", defaultValue = "conformance-report", paramLabel = "DIR",
            description = "report directory (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "the partner's API key, instead of the profile's")
    Path apiKeyFile;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "the target gateway's data directory, for its development PKI (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--samples", paramLabel = "DIR", description = "samples to use instead of the published ones")
    Path samplesDir;

    @Option(names = "--profiles", paramLabel = "FILE.yml", description = "partner profiles instead of the shipped ones")
    Path profilesFile;

    @Option(names = "--max-payload-size", defaultValue = "10MB", paramLabel = "SIZE",
            description = "the target's payload limit (default: ${DEFAULT-VALUE})")
    String maxPayloadSize;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", description = "per request (default: ${DEFAULT-VALUE})")
    String timeoutText;

    @Option(names = "--burst", defaultValue = "0", paramLabel = "N",
            description = "the target's burst for the rate-limited case; 0 skips it (default: ${DEFAULT-VALUE})")
    int burst;

    @Spec
    CommandSpec spec;

    /** The names of the shipped partner profiles, for the usage and for completion. */
    static final class ShippedProfiles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ConformanceProfile.shipped().keySet().iterator();
        }
    }

    private final Map<String, String> environment;

    public ConformanceCommand() {
        this(System.getenv());
    }

    ConformanceCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new ConformanceCommand(environment)), args, out, err);
    }

    @Override
    public Integer call() {
        PrintStream out = out();
        PrintStream err = err();
        DataSize maxPayload;
        Duration timeout;
        try {
            maxPayload = DataSize.parse(maxPayloadSize);
            timeout = Duration.parse("PT" + timeoutText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-payload-size or --timeout: " + e.getMessage());
        }
        if (burst < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--burst takes 0 (skip the rate-limited case) or more, not "
                    + burst);
        }
        String apiKey;
        ConformanceProfile profile;
        URI uri;
        try {
            profile = profilesFile == null ? ConformanceProfile.named(partner) : ConformanceProfile.named(partner, profilesFile);
            apiKey = CommandLineSecrets.apiKey(apiKeyFile, environment).orElse(null);
            uri = URI.create(target);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--target must be an http or https URL, not " + target);
            }
        } catch (IllegalArgumentException | UncheckedIOException | ClassCastException e) {
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
