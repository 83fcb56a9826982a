package org.casw.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end load driver: starts each system under test in a child JVM, delivers to its own loopback
 * partner, offers fixed loads (open loop) and a closed-loop maximum, and writes a Markdown report.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.casw.bench.e2e.LoadDriver \
 *     --systems gateway,baseline --loads 50,100,250,max --duration 20 --warmup 10 \
 *     --gateway-jar gateway/target/gateway.jar --report bench/REPORT.md
 * </pre>
 */
public final class LoadDriver {

    /** Everything one run is told on its command line. */
    public record Options(List<SystemUnderTest.Kind> systems, List<String> loads, Duration duration, Duration warmup,
            int clients, Path gatewayJar, String heap, Path report, Path chart, String command,
            List<String> gatewayArgs, List<String> baselineArgs, Duration drainTimeout, Duration startTimeout) {

        static Options parse(String... args) {
            List<SystemUnderTest.Kind> systems = List.of(SystemUnderTest.Kind.GATEWAY, SystemUnderTest.Kind.BASELINE);
            List<String> loads = List.of("50", "100", "250", "max");
            Duration duration = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(10);
            int clients = 16;
            Path gatewayJar = Path.of("gateway/target/gateway.jar");
            String heap = "512m";
            Path report = null;
            Path chart = null;
            String command = null;
            List<String> gatewayArgs = new ArrayList<>();
            List<String> baselineArgs = new ArrayList<>();
            Duration drain = Duration.ofSeconds(30);
            Duration start = Duration.ofSeconds(180);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--systems" -> systems = Arrays.stream(value.split(",")).map(s -> SystemUnderTest.Kind.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
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
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(systems, loads, duration, warmup, clients, gatewayJar, heap, report, chart, command,
                    gatewayArgs, baselineArgs, drain, start);
        }
    }

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double loadBefore = loadAverage();
        List<StepResult> results = run(options);
        if (options.report() != null) {
            ReportWriter.write(options, results, loadBefore, options.report(), options.chart());
            System.out.println("report: " + options.report());
        }
        boolean anyErrors = results.stream().anyMatch(r -> r.errors() > 0);
        System.exit(anyErrors ? 2 : 0);
    }

    /** Runs every system through every load and returns one result per (system, load). */
    public static List<StepResult> run(Options options) throws Exception {
        List<StepResult> results = new ArrayList<>();
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        for (SystemUnderTest.Kind kind : options.systems()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            try (PartnerInbox partner = new PartnerInbox()) {
                long startedAt = System.nanoTime();
                List<String> extra = kind == SystemUnderTest.Kind.GATEWAY ? options.gatewayArgs() : options.baselineArgs();
                try (SystemUnderTest system = SystemUnderTest.start(kind, partner.url(), options.gatewayJar(), options.heap(), extra,
                        options.startTimeout())) {
                    log("%s started in %.1f s (pid %d, log %s)", name, (System.nanoTime() - startedAt) / 1e9, system.pid(), system.log());
                    Declarations declarations = new Declarations(runTag + "-" + name);
                    LoadGenerator generator = new LoadGenerator(system.submitUri(), system.submitHeaders(), partner, declarations,
                            2_000, options.drainTimeout());
                    if (!options.warmup().isZero()) {
                        StepResult warm = generator.closedLoop(name, 4, options.warmup());
                        log("%s warm-up: %d sent, %d delivered, %d errors%s", name, warm.sent(), warm.delivered(), warm.errors(),
                                warm.firstError() == null ? "" : " (" + warm.firstError() + ")");
                    }
                    Double saturatedAt = null;
                    for (String load : options.loads()) {
                        boolean max = load.equalsIgnoreCase("max");
                        if (!max && saturatedAt != null && Double.parseDouble(load) > saturatedAt) {
                            // a higher fixed rate would only measure the backlog; the closed-loop step still finds the maximum
                            log("%s: skipping %s/s, saturated at %.0f/s", name, load, saturatedAt);
                            continue;
                        }
                        partner.awaitQuiet(Duration.ofSeconds(2), options.drainTimeout().multipliedBy(2));
                        StepResult result = max
                                ? generator.closedLoop(name, options.clients(), options.duration())
                                : generator.openLoop(name, Double.parseDouble(load), options.duration());
                        if (!max && saturatedAt == null && (result.errors() > 0 || result.achieved() < 0.9 * result.offered())) {
                            saturatedAt = result.offered();
                        }
                        results.add(result);
                        log("%-8s %-18s sent %6d delivered %6d achieved %8.1f/s p50 %8.1f p95 %8.1f p99 %8.1f ms (answer p50 %.1f p99 %.1f) errors %d%s",
                                name, result.load(), result.sent(), result.delivered(), result.achieved(), result.p50(), result.p95(),
                                result.p99(), result.answerP50(), result.answerP99(), result.errors(), result.firstError() == null ? "" : " (" + result.firstError() + ")");
                    }
                    log("%s: signature methods delivered: %s", name, partner.signatureMethods());
                    if (partner.unmatched() > 0) {
                        log("%s: %d deliveries without a ClientSeqNo", name, partner.unmatched());
                    }
                }
            }
        }
        return results;
    }

    static double loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os.getSystemLoadAverage();
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n", prepend(java.time.LocalTime.now().withNano(0), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
