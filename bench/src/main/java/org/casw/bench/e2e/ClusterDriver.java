package org.casw.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark on a gateway cluster: for each node count, a standalone broker, one PostgreSQL and that many
 * gateway nodes ({@link GatewayCluster}), one HTTP workload spread round-robin over the nodes, fixed loads and a
 * closed-loop maximum, and the CPU each tier used per delivered message. Writes a Markdown report ({@link ClusterReport}).
 *
 * <pre>
 * java -Dcasw.artemis.home=bench/target/artemis-distribution/apache-artemis-2.44.0 -cp bench/target/bench.jar \
 *     org.casw.bench.e2e.ClusterDriver --nodes 1,2 --loads max --duration 20 --warmup 60 --report bench/CLUSTER.md
 * </pre>
 */
public final class ClusterDriver {

    /** Everything one run is told on its command line. */
    public record Options(List<Integer> nodeCounts, SystemSpec system, Workload workload, List<String> loads, Duration duration,
            Duration warmup, int clients, Path gatewayJar, String heap, Path report, String command, Duration drainTimeout,
            Duration startTimeout) {

        static Options parse(String... args) {
            List<Integer> nodeCounts = List.of(1, 2);
            String system = "gateway-sm2";
            String workload = "declarations";
            List<String> loads = List.of("max");
            Duration duration = Duration.ofSeconds(20);
            Duration warmup = Duration.ofSeconds(60);
            int clients = 16;
            Path gatewayJar = Path.of("kit/target/gateway-kit.jar");
            String heap = "512m";
            Path report = null;
            String command = null;
            List<String> gatewayArgs = new ArrayList<>();
            Duration drain = Duration.ofSeconds(30);
            Duration start = Duration.ofMinutes(3);
            for (int i = 0; i < args.length; i += 2) { // every option takes a value
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--nodes" -> nodeCounts = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
                    case "--system" -> system = value;
                    case "--workload" -> workload = value;
                    case "--loads" -> loads = Arrays.stream(value.split(",")).map(String::trim).toList();
                    case "--duration" -> duration = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--gateway-jar" -> gatewayJar = Path.of(value);
                    case "--heap" -> heap = value;
                    case "--report" -> report = Path.of(value);
                    case "--command" -> command = value;
                    case "--gateway-arg" -> gatewayArgs.add(value);
                    case "--drain" -> drain = Duration.ofSeconds(Long.parseLong(value));
                    case "--start-timeout" -> start = Duration.ofSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            Workload chosen = Workload.named(workload);
            SystemSpec spec = SystemSpec.parse(system + ":" + chosen.name(), List.of(chosen), gatewayArgs, List.of());
            if (spec.kind() != SystemUnderTest.Kind.GATEWAY || chosen.jms()) {
                throw new IllegalArgumentException("the cluster runs a gateway system on an HTTP workload, not " + system + " / "
                        + workload);
            }
            return new Options(nodeCounts, spec, chosen, loads, duration, warmup, clients, gatewayJar, heap, report, command, drain,
                    start);
        }
    }

    /** One step on a cluster of {@code nodes}: the load driver's result and what each tier used. */
    public record Step(int nodes, StepResult result, TierCosts used, long duplicates) {

        public double gatewayMs() {
            return TierCosts.msPerMessage(used.gatewaySeconds(), result.delivered());
        }

        public double brokerMs() {
            return TierCosts.msPerMessage(used.brokerSeconds(), result.delivered());
        }

        public double databaseMs() {
            return TierCosts.msPerMessage(used.databaseSeconds(), result.delivered());
        }

        public double totalMs() {
            return TierCosts.msPerMessage(used.totalSeconds(), result.delivered());
        }
    }

    /** The last cluster's broker JVM options, for the report. */
    private static volatile String brokerJvmOptions = "(not started)";

    private ClusterDriver() {
    }

    static String brokerJvmOptions() {
        return brokerJvmOptions;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double loadBefore = LoadDriver.loadAverage();
        List<Step> steps = run(options);
        if (options.report() != null) {
            ClusterReport.write(options, steps, loadBefore, options.report());
            System.out.println("report: " + options.report());
        }
        List<Step> failed = steps.stream().filter(s -> s.result().errors() > 0 || s.duplicates() > 0).toList();
        failed.forEach(s -> log("FAILED %d node(s) %s: %d errors, %d duplicates (%s)", s.nodes(), s.result().load(), s.result().errors(),
                s.duplicates(), s.result().firstError()));
        System.exit(failed.isEmpty() ? 0 : 2);
    }

    /** Runs the workload on a cluster of each node count in turn. */
    public static List<Step> run(Options options) throws Exception {
        List<Step> steps = new ArrayList<>();
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        for (int n : options.nodeCounts()) {
            try (PartnerInbox partner = new PartnerInbox()) {
                long startedAt = System.nanoTime();
                Map<String, String> urls = new LinkedHashMap<>();
                Workload.RECEIVERS.forEach(receiver -> urls.put(receiver, partner.url(receiver)));
                try (GatewayCluster cluster = GatewayCluster.start(n, urls, options.gatewayJar(), options.heap(),
                        options.system().extraArgs(), options.startTimeout())) {
                    brokerJvmOptions = cluster.brokerJvmOptions();
                    log("%d node(s) started in %.1f s: broker pid %d (%s; %s), nodes %s", n, (System.nanoTime() - startedAt) / 1e9,
                            cluster.brokerPid(), cluster.brokerLog(), brokerJvmOptions,
                            cluster.nodes().stream().map(s -> s.pid() + " (" + s.log() + ")").toList());
                    steps.addAll(runSteps(options, n, cluster, partner, runTag));
                    if (partner.unmatched() > 0) {
                        log("%d node(s): %d deliveries without a driver's key (BENCH-...)", n, partner.unmatched());
                    }
                }
            }
        }
        return steps;
    }

    private static List<Step> runSteps(Options options, int n, GatewayCluster cluster, PartnerInbox partner, String runTag)
            throws Exception {
        Workload workload = options.workload();
        String name = n + (n == 1 ? " node" : " nodes");
        List<Step> steps = new ArrayList<>();
        Documents documents = new Documents(workload.family(), runTag + "-" + n + "-" + workload.name());
        try (Channel channel = cluster.channel(workload)) {
            LoadGenerator generator = new LoadGenerator(channel, partner, documents, workload.name(), 2_000, options.drainTimeout());
            if (!options.warmup().isZero()) {
                // as many clients as the measured maximum, for the warm-up times the node count: each node gets about as many
                // warm-up messages as a lone node (the JIT compiles a method after so many calls, not after so many seconds)
                StepResult warm = generator.closedLoop(name, options.clients(), options.warmup().multipliedBy(n));
                log("%s warm-up: %d sent, %d delivered, %d errors%s", name, warm.sent(), warm.delivered(), warm.errors(),
                        warm.firstError() == null ? "" : " (" + warm.firstError() + ")");
            }
            Double saturatedAt = null;
            for (String load : options.loads()) {
                boolean max = load.equalsIgnoreCase("max");
                if (!max && saturatedAt != null && Double.parseDouble(load) > saturatedAt) {
                    log("%s: skipping %s/s, saturated at %.0f/s", name, load, saturatedAt);
                    continue;
                }
                partner.awaitQuiet(Duration.ofSeconds(2), options.drainTimeout().multipliedBy(2));
                partner.resetSignatures();
                long duplicatesBefore = partner.duplicates();
                TierCosts before = cluster.cpu();
                StepResult result = max
                        ? generator.closedLoop(name, options.clients(), options.duration())
                        : generator.openLoop(name, Double.parseDouble(load), options.duration());
                TierCosts used = cluster.cpu().since(before);
                result = result.used(used.totalSeconds(), used.databaseSeconds(), Double.NaN);
                result = LoadDriver.checkSignatures(options.system(), workload, partner.signatureMethods(), result);
                if (!max && saturatedAt == null && (result.errors() > 0 || result.achieved() < 0.9 * result.offered())) {
                    saturatedAt = result.offered();
                }
                Step step = new Step(n, result, used, partner.duplicates() - duplicatesBefore);
                steps.add(step);
                log("%-8s %-18s sent %6d delivered %6d achieved %7.1f/s p50 %7.1f p99 %7.1f ms (answer p50 %.1f p99 %.1f) cpu ms/msg:"
                        + " gateway %.2f %s broker %.2f PostgreSQL %.2f total %.2f; duplicates %d errors %d%s",
                        name, result.load(), result.sent(), result.delivered(), result.achieved(), result.p50(), result.p99(),
                        result.answerP50(), result.answerP99(), step.gatewayMs(), ClusterReport.shares(used), step.brokerMs(),
                        step.databaseMs(), step.totalMs(), step.duplicates(), result.errors(),
                        result.firstError() == null ? "" : " (" + result.firstError() + ")");
            }
        }
        return steps;
    }

    static void log(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = LocalTime.now(ZoneId.systemDefault()).withNano(0);
        System.arraycopy(args, 0, all, 1, args.length);
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n", all);
    }
}
