package org.casw.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;

/**
 * End-to-end load driver: starts each system under test in a child JVM, delivering to its own loopback
 * partners, offers each of its workloads (document family and channel) fixed loads (open loop) and a closed-loop
 * maximum, and writes a Markdown report.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.casw.bench.e2e.LoadDriver \
 *     --systems gateway-sm2:declarations+manifests+certificates+manifests-jms,gateway-ecdsa,gateway-rsa,baseline \
 *     --workloads declarations --loads 50,100,250,max --duration 20 --warmup 10 \
 *     --gateway-jar kit/target/gateway-kit.jar --report bench/REPORT.md
 * </pre>
 */
public final class LoadDriver {

    /** Everything one run is told on its command line. */
    public record Options(List<SystemSpec> systems, List<String> loads, Duration duration, Duration warmup,
            int clients, Path gatewayJar, String heap, Path report, Path chart, String command,
            List<String> gatewayArgs, List<String> baselineArgs, Duration drainTimeout, Duration startTimeout, Path stages) {

        static Options parse(String... args) {
            List<String> systems = List.of("gateway", "baseline");
            List<Workload> workloads = List.of(Workload.named("declarations"));
            List<String> loads = List.of("50", "100", "250", "max");
            Duration duration = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(10);
            int clients = 16;
            Path gatewayJar = Path.of("kit/target/gateway-kit.jar");
            String heap = "512m";
            Path report = null;
            Path chart = null;
            String command = null;
            List<String> gatewayArgs = new ArrayList<>();
            List<String> baselineArgs = new ArrayList<>();
            Duration drain = Duration.ofSeconds(30);
            Duration start = Duration.ofMinutes(3);
            Path stages = null;
            for (int i = 0; i < args.length; i += 2) { // every option takes a value
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--systems" -> systems = Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "--workloads" -> workloads = Arrays.stream(value.split(",")).map(Workload::named).toList();
                    case "--loads" -> loads = Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "--duration" -> duration = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--gateway-jar" -> gatewayJar = Path.of(value);
                    case "--heap" -> heap = value;
                    case "--report" -> report = Path.of(value);
                    case "--chart" -> chart = Path.of(value);
                    case "--command" -> command = value;
                    case "--gateway-arg" -> gatewayArgs.add(value);
                    case "--baseline-arg" -> baselineArgs.add(value);
                    case "--drain" -> drain = Duration.ofSeconds(Long.parseLong(value));
                    case "--start-timeout" -> start = Duration.ofSeconds(Long.parseLong(value));
                    case "--stages" -> stages = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            List<Workload> defaults = workloads;
            List<SystemSpec> specs = systems.stream().map(e -> SystemSpec.parse(e, defaults, gatewayArgs, baselineArgs)).toList();
            return new Options(specs, loads, duration, warmup, clients, gatewayJar, heap, report, chart, command,
                    gatewayArgs, baselineArgs, drain, start, stages);
        }
    }

    /** A step's time window and the CPU it measured, to read its stage costs from the system's flight recording. */
    private record StageWindow(String step, Instant from, Instant to, double jvmMsPerMessage, double postgresMsPerMessage) {
    }

    /** Stage-cost tables of the gateway steps of the last run, by "system / workload / load" (with --stages DIR). */
    private static final Map<String, String> STAGE_TABLES = new LinkedHashMap<>();

    private LoadDriver() {
    }

    static Map<String, String> stageTables() {
        return STAGE_TABLES;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double loadBefore = loadAverage();
        List<StepResult> results = run(options);
        if (options.report() != null) {
            ReportWriter.write(options, results, loadBefore, options.report(), options.chart());
            System.out.println("report: " + options.report());
        }
        List<StepResult> failed = results.stream().filter(r -> r.errors() > 0).toList();
        failed.forEach(r -> log("FAILED %s %s %s: %d errors (%s)", r.system(), r.workload(), r.load(), r.errors(), r.firstError()));
        System.exit(failed.isEmpty() ? 0 : 2);
    }

    /** Runs every system through each of its workloads at every load and returns one result per (system, workload, load). */
    public static List<StepResult> run(Options options) throws Exception {
        List<StepResult> results = new ArrayList<>();
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        for (SystemSpec spec : options.systems()) {
            String name = spec.name();
            try (PartnerInbox partner = new PartnerInbox()) {
                long startedAt = System.nanoTime();
                Map<String, String> urls = new LinkedHashMap<>();
                for (String receiver : spec.kind() == SystemUnderTest.Kind.GATEWAY ? Workload.RECEIVERS : List.of("CN-CUSTOMS")) {
                    urls.put(receiver, partner.url(receiver));
                }
                Path recording = options.stages() == null || spec.kind() != SystemUnderTest.Kind.GATEWAY ? null
                        : options.stages().toAbsolutePath().resolve(name + ".jfr");
                List<StageWindow> windows = new ArrayList<>();
                try (SystemUnderTest system = startRecorded(spec, urls, options, recording)) {
                    log("%s started in %.1f s (pid %d, log %s, %s)", name, (System.nanoTime() - startedAt) / 1e9,
                            system.pid(), system.log(),
                            spec.kind() == SystemUnderTest.Kind.BASELINE ? "naive baseline"
                                    : spec.extraArgs().isEmpty() ? "agreement defaults" : String.join(" ", spec.extraArgs()));
                    for (Workload workload : spec.workloads()) {
                        results.addAll(runWorkload(options, spec, workload, system, partner, runTag, recording == null ? null : windows));
                    }
                    if (partner.unmatched() > 0) {
                        log("%s: %d deliveries without a driver's key (BENCH-...)", name, partner.unmatched());
                    }
                    if (partner.duplicates() > 0) {
                        log("%s: %d deliveries of a document its receiver already had", name, partner.duplicates());
                    }
                }
                // the recording is written when the gateway exits
                for (StageWindow w : windows) {
                    StageCosts.Window window = StageCosts.read(recording, w.from(), w.to());
                    STAGE_TABLES.put(w.step(), StageCosts.table(window.samples(),
                            StageCosts.microsPerMessage(window, w.jvmMsPerMessage(), w.postgresMsPerMessage())));
                }
            }
        }
        return results;
    }

    /** Starts a system; with a recording path, its JVM records a flight recording there (JFR's default settings). */
    private static SystemUnderTest startRecorded(SystemSpec spec, Map<String, String> urls, Options options, Path recording)
            throws Exception {
        if (recording == null) {
            return SystemUnderTest.start(spec.kind(), urls, options.gatewayJar(), options.heap(), spec.extraArgs(), options.startTimeout());
        }
        Files.createDirectories(recording.getParent());
        String before = System.getProperty("bench.childJvmArgs", "");
        System.setProperty("bench.childJvmArgs", before + " -XX:StartFlightRecording=filename=" + recording + ",dumponexit=true");
        try {
            return SystemUnderTest.start(spec.kind(), urls, options.gatewayJar(), options.heap(), spec.extraArgs(), options.startTimeout());
        } finally {
            System.setProperty("bench.childJvmArgs", before);
        }
    }

    private static List<StepResult> runWorkload(Options options, SystemSpec spec, Workload workload, SystemUnderTest system,
            PartnerInbox partner, String runTag, List<StageWindow> windows) throws Exception {
        String name = spec.name();
        List<StepResult> results = new ArrayList<>();
        Documents documents = new Documents(workload.family(), runTag + "-" + name + "-" + workload.name());
        if (workload.signedByIssuer()) {
            documents.sealedBy(issuerSignature(system, workload.sender()));
        }
        try (Channel channel = system.channel(workload)) {
            LoadGenerator generator = new LoadGenerator(channel, partner, documents, workload.name(), 2_000, options.drainTimeout());
            log("%s %s: %s, %d bytes", name, workload.name(), workload.describe(), documents.size());
            if (!options.warmup().isZero()) {
                StepResult warm = generator.closedLoop(name, 4, options.warmup());
                log("%s %s warm-up: %d sent, %d delivered, %d errors%s", name, workload.name(), warm.sent(), warm.delivered(),
                        warm.errors(), warm.firstError() == null ? "" : " (" + warm.firstError() + ")");
            }
            Double saturatedAt = null;
            for (String load : options.loads()) {
                boolean max = load.equalsIgnoreCase("max");
                if (!max && saturatedAt != null && Double.parseDouble(load) > saturatedAt) {
                    // a higher fixed rate would only measure the backlog; the closed-loop step still finds the maximum
                    log("%s %s: skipping %s/s, saturated at %.0f/s", name, workload.name(), load, saturatedAt);
                    continue;
                }
                partner.awaitQuiet(Duration.ofSeconds(2), options.drainTimeout().multipliedBy(2));
                partner.resetSignatures();
                double cpuBefore = system.cpuSeconds();
                double databaseCpuBefore = system.databaseCpuSeconds();
                Instant stepStart = Instant.now();
                StepResult result = max
                        ? generator.closedLoop(name, options.clients(), options.duration())
                        : generator.openLoop(name, Double.parseDouble(load), options.duration());
                result = result.used(system.cpuSeconds() - cpuBefore, system.databaseCpuSeconds() - databaseCpuBefore,
                        system.residentMb());
                if (windows != null && result.delivered() > 0) {
                    windows.add(new StageWindow(name + " / " + workload.name() + " / " + result.load(), stepStart, Instant.now(),
                            result.cpuMsPerMessage() - result.databaseCpuMsPerMessage(), result.databaseCpuMsPerMessage()));
                }
                if (!max && saturatedAt == null && (result.errors() > 0 || result.achieved() < 0.9 * result.offered())) {
                    saturatedAt = result.offered();
                }
                result = checkSignatures(spec, workload, partner.signatureMethods(), result);
                result = result.signed(String.join(" ", partner.rootElements().getOrDefault(workload.receiver(), Map.of()).keySet())
                        + ", " + result.signedWith());
                results.add(result);
                log("%-13s %-18s %-18s sent %6d delivered %6d achieved %8.1f/s p50 %8.1f p95 %8.1f p99 %8.1f ms (answer p50 %.1f p99 "
                        + "%.1f) %s cpu %.1f ms/msg (PostgreSQL %.1f) rss %.0f MB errors %d%s",
                        name, workload.name(), result.load(), result.sent(), result.delivered(), result.achieved(),
                        result.p50(), result.p95(), result.p99(), result.answerP50(), result.answerP99(), result.signedWith(),
                        result.cpuMsPerMessage(), result.databaseCpuMsPerMessage(), result.rssMb(), result.errors(),
                        result.firstError() == null ? "" : " (" + result.firstError() + ")");
            }
        }
        return results;
    }

    /** The issuing authority's E-Port style SM2 signature, with its key from the development PKI the gateway generated. */
    private static UnaryOperator<byte[]> issuerSignature(SystemUnderTest system, String issuer) {
        IssuedIdentity identity = DevPki.ensure(system.gatewayDataDir().resolve("certs")).identity(issuer, KeyFamily.SM2);
        SigningIdentity signing = new SigningIdentity(identity.privateKey(), identity.chain());
        XmlSigner signer = new XmlSigner();
        return body -> signer.sign(body, SigningProfile.CN_EPORT_SM2, signing, SigningOptions.defaults());
    }

    /**
     * The signing profile is what a gateway-ecdsa or gateway-rsa step measures: every delivery to the workload's
     * receiver must carry the system's SignatureMethod, or the step fails (a sign-with property that did not take
     * would otherwise pass for a profile comparison).
     */
    static StepResult checkSignatures(SystemSpec spec, Workload workload, Map<String, Map<String, Long>> seen, StepResult result) {
        String expected = workload.keepsIssuerSignature() ? SystemSpec.SM2 : spec.expectedSignatureMethod(workload.receiver());
        Map<String, Long> atReceiver = seen.getOrDefault(workload.receiver(), Map.of());
        result = result.signed(String.join(" ", atReceiver.keySet().stream().map(LoadDriver::shortMethod).toList()));
        if (result.delivered() > 0 && !atReceiver.keySet().equals(Set.of(expected))) {
            String why = "SIGNATURE MISMATCH: " + workload.receiver() + " got " + atReceiver + ", expected only " + expected;
            log("%s %s %s: %s", spec.name(), workload.name(), result.load(), why);
            return result.failed(why);
        }
        if (seen.keySet().stream().anyMatch(r -> !r.equals(workload.receiver()))) {
            log("%s %s %s: deliveries to other receivers too: %s", spec.name(), workload.name(), result.load(), seen);
        }
        return result;
    }

    /** "ecdsa-sha256" for http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256. */
    static String shortMethod(String uri) {
        return uri.contains("#") ? uri.substring(uri.indexOf('#') + 1) : uri;
    }

    static double loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os.getSystemLoadAverage();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n", prepend(LocalTime.now(ZoneId.systemDefault()).withNano(0), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
