package org.casw.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.sun.net.httpserver.HttpServer;

/**
 * One large cargo manifest end to end through the gateway with a small heap: starts the gateway (its built jar,
 * sandbox partners off, customs delivering to a loopback inbox here) with {@code -Xmx256m} and a GC log,
 * submits a ~20 MB MT1101 manifest of 10,000 containers over HTTP as the demo enterprise, waits until customs'
 * copy arrives at the inbox and the port terminal's copy is DELIVERED in the ledger, and reports the times,
 * the delivered size and the gateway JVM's peak heap (from its GC log), optionally as Markdown.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.casw.bench.e2e.LargeManifestRun --containers 10000 --size-mb 20 --heap 256m \
 *     --report bench/LARGE-MANIFEST.md
 * </pre>
 */
public final class LargeManifestRun {

    /** The demo enterprise: a manifest names no declarant, so any party may submit one; this one has an HTTP API key. */
    private static final String API_KEY = "demo-enterprise-key";
    /** Everything from this line on in an existing report is kept when the figures above it are rewritten. */
    static final String NOTES_MARKER = "<!-- notes: kept across runs -->";
    /** heap sizes in a unified-logging GC line: "Pause Young (Normal) (G1 Evacuation Pause) 123M->45M(256M) 5.1ms" */
    private static final Pattern GC_PAUSE =
            Pattern.compile("\\[([0-9.]+)s\\].*?(Pause[^)]*\\)(?: \\([^)]*\\))*)\\s+(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** Everything one run is told on its command line. */
    record Options(Path gatewayJar, String heap, int containers, double sizeMb, Duration timeout, Path report, String command,
            List<String> gatewayArgs, boolean jfr, Path diagnostics) {

        static Options parse(String... args) {
            Path jar = Path.of("kit/target/gateway-kit.jar");
            String heap = "256m";
            int containers = 10_000;
            double size = 20;
            Duration timeout = Duration.ofMinutes(10);
            Path report = null;
            String command = null;
            List<String> gatewayArgs = new ArrayList<>();
            boolean jfr = false;
            Path diagnostics = null;
            int i = 0;
            while (i < args.length) {
                String option = args[i++];
                if ("--jfr".equals(option)) { // the one option without a value
                    jfr = true;
                    continue;
                }
                String value = i < args.length ? args[i++] : null;
                switch (option) {
                    case "--gateway-jar" -> jar = Path.of(value);
                    case "--heap" -> heap = value;
                    case "--containers" -> containers = Integer.parseInt(value);
                    case "--size-mb" -> size = Double.parseDouble(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    case "--report" -> report = Path.of(value);
                    case "--command" -> command = value;
                    case "--gateway-arg" -> gatewayArgs.add(value);
                    case "--diagnostics" -> diagnostics = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            return new Options(jar, heap, containers, size, timeout, report, command, gatewayArgs, jfr, diagnostics);
        }
    }

    /** What one run measured. */
    record Result(int containers, long submittedBytes, int httpStatus, String answer, double answerSeconds, Double customsDeliveredSeconds,
            long customsDeliveredBytes, boolean customsSigned, Double portDeliveredSeconds, String portStatus,
            GcSummary startup, GcSummary manifest, boolean outOfMemory, boolean gatewayAlive, Double cpuSeconds,
            String heap, List<String> gatewayArgs, String jvmArgs, Path diagnostics, String failure) {
    }

    /** Heap figures read from the GC log: the largest used heap before any collection, after any, and the heap's size. */
    record GcSummary(int collections, long maxBeforeMb, long maxAfterMb, long committedMb, int fullCollections) {
    }

    private LargeManifestRun() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Result result = run(options);
        print(result);
        if (options.report() != null) {
            // hand-written notes below the marker (findings, earlier figures) survive a rerun
            String notes = "";
            if (Files.exists(options.report())) {
                String previous = Files.readString(options.report());
                int at = previous.indexOf(NOTES_MARKER);
                notes = at < 0 ? "" : previous.substring(at);
            }
            Files.writeString(options.report(), markdown(result, options) + (notes.isEmpty() ? "\n" + NOTES_MARKER + "\n" : "\n" + notes));
            log("report: %s", options.report());
        }
        System.exit(result.failure() == null ? 0 : 2);
    }

    static Result run(Options options) throws Exception {
        String runTag = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        Path diagnostics = options.diagnostics() != null ? Files.createDirectories(options.diagnostics())
                : Files.createTempDirectory("casw-large-manifest-");
        Path gcLog = diagnostics.resolve("gc.log");
        List<String> jvm = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog + ":uptime,level,tags", "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + diagnostics.resolve("gateway-oom.hprof")));
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + diagnostics.resolve("gateway.jfr") + ",settings=profile,dumponexit=true");
        }
        String inherited = System.getProperty("bench.childJvmArgs", "").trim();
        String jvmArgs = (inherited.isEmpty() ? "" : inherited + " ") + String.join(" ", jvm);
        // SystemUnderTest passes these to the child JVM
        System.setProperty("bench.childJvmArgs", jvmArgs);
        // the 10 MB default payload limit is below this run's manifest
        List<String> gatewayArgs = new ArrayList<>();
        long needed = (long) Math.ceil(options.sizeMb() * 1.2) + 1;
        gatewayArgs.add("--gateway.max-payload-size=" + needed + "MB");
        gatewayArgs.addAll(options.gatewayArgs());

        log("generating %d containers, ~%.1f MB", options.containers(), options.sizeMb());
        byte[] manifest = LargeManifests.generate(runTag, options.containers(), (long) (options.sizeMb() * 1024 * 1024));
        log("manifest %s: %,d bytes", LargeManifests.messageId(runTag), manifest.length);

        try (Inbox customs = new Inbox()) {
            long startedAt = System.nanoTime();
            try (SystemUnderTest gateway = SystemUnderTest.start(SystemUnderTest.Kind.GATEWAY, Map.of("CN-CUSTOMS", customs.url()),
                    options.gatewayJar(), options.heap(), gatewayArgs, Duration.ofMinutes(4))) {
                log("gateway started in %.1f s (pid %d, log %s, diagnostics %s)", (System.nanoTime() - startedAt) / 1e9, gateway.pid(),
                        gateway.log(), diagnostics);
                Thread.sleep(2_000); // let start-up's allocations settle so the GC log's start-up part is what start-up needs
                int gcLinesAtSubmit = Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
                Duration cpuAtSubmit = ProcessHandle.of(gateway.pid()).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                        .build();
                HttpRequest submit = HttpRequest.newBuilder(gateway.submitUri()).timeout(options.timeout())
                        .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(manifest)).build();
                long t0 = System.nanoTime();
                customs.arm(t0);
                int status = -1;
                String answer;
                String failure = null;
                try {
                    HttpResponse<String> response = client.send(submit, HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = response.body();
                } catch (IOException e) {
                    answer = e.toString();
                    failure = "submission failed: " + e;
                }
                double answerSeconds = (System.nanoTime() - t0) / 1e9;
                log("answer %d after %.2f s: %s", status, answerSeconds, abbreviate(answer, 600));
                if (failure == null && status != 202) {
                    failure = "not accepted: HTTP " + status;
                }
                Double portSeconds = null;
                String portStatus = null;
                if (failure == null) {
                    long deadline = t0 + options.timeout().toNanos();
                    HttpRequest search = HttpRequest.newBuilder(URI.create(gateway.submitUri() + "?type=MANIFEST&size=10"))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + API_KEY).GET().build();
                    // coarse (every 2 s, and the search answer is small) so polling adds little to the heap measured
                    while (System.nanoTime() < deadline && isAlive(gateway)) {
                        if (portSeconds == null) {
                            String port = portCopyStatus(client, search);
                            if (port != null && !port.equals(portStatus)) {
                                log("port terminal's copy: %s after %.1f s", port, (System.nanoTime() - t0) / 1e9);
                                portStatus = port;
                            }
                            if ("DELIVERED".equals(port) || "ACKNOWLEDGED".equals(port) || "FAILED".equals(port)) {
                                portSeconds = (System.nanoTime() - t0) / 1e9;
                            }
                        }
                        if (customs.arrived() && portSeconds != null) {
                            break;
                        }
                        if (customs.arrived()) {
                            Thread.sleep(2_000);
                        } else {
                            customs.await(Duration.ofSeconds(2));
                        }
                    }
                    if (!customs.arrived()) {
                        failure = isAlive(gateway) ? "customs' copy not delivered within " + options.timeout().toSeconds() + " s"
                                : "the gateway exited";
                    } else if (!"DELIVERED".equals(portStatus) && !"ACKNOWLEDGED".equals(portStatus)) {
                        failure = "the port terminal's copy is " + portStatus;
                    }
                }
                Duration cpuAtEnd = ProcessHandle.of(gateway.pid()).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
                boolean alive = isAlive(gateway);
                String childLog = Files.exists(gateway.log()) ? Files.readString(gateway.log()) : "";
                boolean oom = childLog.contains("OutOfMemoryError");
                if (oom) {
                    Files.writeString(diagnostics.resolve("gateway.log"), childLog);
                    if (failure == null) {
                        failure = "OutOfMemoryError in the gateway's log";
                    }
                }
                List<String> gcLines = Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of();
                GcSummary startup = summarize(gcLines.subList(0, Math.min(gcLinesAtSubmit, gcLines.size())));
                GcSummary during = summarize(gcLines.subList(Math.min(gcLinesAtSubmit, gcLines.size()), gcLines.size()));
                Double cpu = cpuAtSubmit != null && cpuAtEnd != null ? (cpuAtEnd.toMillis() - cpuAtSubmit.toMillis()) / 1e3 : null;
                return new Result(options.containers(), manifest.length, status, answer, answerSeconds,
                        customs.arrived() ? (customs.arrivedAt() - t0) / 1e9 : null, customs.bytes(), customs.signed(), portSeconds,
                        portStatus, startup, during, oom, alive, cpu, options.heap(), gatewayArgs, jvmArgs, diagnostics, failure);
            }
        }
    }

    private static boolean isAlive(SystemUnderTest gateway) {
        return ProcessHandle.of(gateway.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The ledger status of the manifest's copy for the port terminal, from the submitter's search. */
    private static String portCopyStatus(HttpClient client, HttpRequest search) {
        try {
            String body = client.send(search, HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"receiver\"\\s*:\\s*\"PORT-QINZHOU\"\\s*,\\s*\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
            return m.find() ? m.group(1) : "(not listed)";
        } catch (IOException e) {
            return "(search failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static GcSummary summarize(List<String> lines) {
        int collections = 0;
        int full = 0;
        long before = 0;
        long after = 0;
        long committed = 0;
        for (String line : lines) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                collections++;
                if (m.group(2).contains("Full")) {
                    full++;
                }
                before = Math.max(before, Long.parseLong(m.group(3)));
                after = Math.max(after, Long.parseLong(m.group(4)));
                committed = Math.max(committed, Long.parseLong(m.group(5)));
            }
        }
        return new GcSummary(collections, before, after, committed, full);
    }

    private static void print(Result r) {
        log("submitted %,d bytes, %d containers: HTTP %d after %.2f s", r.submittedBytes(), r.containers(), r.httpStatus(),
                r.answerSeconds());
        log("customs' copy: %s, %,d bytes%s",
                r.customsDeliveredSeconds() == null ? "not delivered"
                        : String.format(Locale.ROOT, "delivered after %.2f s", r.customsDeliveredSeconds()),
                r.customsDeliveredBytes(), r.customsSigned() ? ", signed" : "");
        log("port terminal's copy: %s%s", r.portStatus(), r.portDeliveredSeconds() == null ? ""
                : String.format(Locale.ROOT, " after %.1f s", r.portDeliveredSeconds()));
        log("heap: start-up max %d MB before GC; during the manifest max %d MB before GC, %d MB after GC, %d MB committed,"
                + " %d GCs (%d full); OOM %s",
                r.startup().maxBeforeMb(), r.manifest().maxBeforeMb(), r.manifest().maxAfterMb(), r.manifest().committedMb(),
                r.manifest().collections(), r.manifest().fullCollections(), r.outOfMemory());
        if (r.failure() != null) {
            log("FAILED: %s (diagnostics in %s)", r.failure(), r.diagnostics());
        }
    }

    static String markdown(Result r, Options o) {
        StringBuilder md = new StringBuilder();
        md.append("# A 20 MB cargo manifest end to end with `-Xmx").append(r.heap()).append("`\n\n");
        md.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(". Reproduce with:\n\n```\n").append(o.command() != null ? o.command() : "bench/run-large-manifest.sh")
                .append("\n```\n\n");
        md.append("One MT1101 import sea manifest (Laem Chabang to Qinzhou), ").append(String.format(Locale.ROOT, "%,d", r.containers()))
                .append(" containers (one bill of lading each, two items per bill), ")
                .append(String.format(Locale.ROOT, "%,d", r.submittedBytes()))
                .append(" bytes, submitted once over HTTP (`POST /api/v1/messages`) by DEMO-ENTERPRISE to gateway-kit.jar (the gateway")
                .append(" with the demo agreements) on its embedded defaults (embedded PostgreSQL and Artemis), sandbox partners off.")
                .append(" Customs (CN-CUSTOMS) receives it by HTTP at a loopback inbox in the driver, signed with its agreement's profile;")
                .append(" the port terminal (PORT-QINZHOU, mode SEA, direction IMPORT) receives its copy as native XML on its JMS reply "
                        + "queue")
                .append(" (its agreement names no outbound format; nobody consumes the queue here).\n\n");
        md.append("| figure | value |\n|---|---|\n");
        md.append("| outcome | ").append(r.failure() == null ? "delivered to both receivers" : "**FAILED**: " + r.failure()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| submit to answer (HTTP %d) | %.2f s |%n", r.httpStatus(), r.answerSeconds()));
        md.append("| submit to delivered at customs' inbox | ").append(r.customsDeliveredSeconds() == null ? "not delivered"
                : String.format(Locale.ROOT, "%.2f s", r.customsDeliveredSeconds())).append(" |\n");
        md.append("| submit to the port's copy DELIVERED (ledger, polled every 2 s) | ").append(r.portDeliveredSeconds() == null
                ? String.valueOf(r.portStatus()) : String.format(Locale.ROOT, "%.1f s", r.portDeliveredSeconds())).append(" |\n");
        md.append(String.format(Locale.ROOT, "| size delivered to customs | %,d bytes%s |%n", r.customsDeliveredBytes(),
                r.customsSigned() ? " (signed, XML-DSig)" : ""));
        md.append(String.format(Locale.ROOT,
                "| gateway heap, peak used (max before a GC, during the manifest) | %d MB of %d MB committed |%n",
                r.manifest().maxBeforeMb(), r.manifest().committedMb()));
        md.append(String.format(Locale.ROOT,
                "| gateway heap, max occupancy after a GC (during the manifest; young and mixed GCs keep old regions,"
                        + " so an upper bound of the live set) | %d MB |%n", r.manifest().maxAfterMb()));
        md.append(String.format(Locale.ROOT, "| GCs during the manifest (full) | %d (%d) |%n",
                r.manifest().collections(), r.manifest().fullCollections()));
        md.append(String.format(Locale.ROOT, "| gateway heap at start-up, peak before a GC | %d MB |%n", r.startup().maxBeforeMb()));
        md.append("| OutOfMemoryError in the gateway's log | ").append(r.outOfMemory() ? "**yes**" : "no").append(" |\n");
        if (r.cpuSeconds() != null) {
            md.append(String.format(Locale.ROOT, "| gateway CPU time, submit to end | %.1f s |%n", r.cpuSeconds()));
        }
        md.append("\nPeak heap is read from the gateway JVM's own GC log (`-Xlog:gc`): the largest heap occupancy a collection found ")
                .append("(`before->after(committed)`) among the collections after the submission. ")
                .append("Occupancy only grows between collections, ")
                .append("so this is the peak up to the last collection. ")
                .append("Gateway JVM flags: `-Xmx").append(r.heap()).append(' ').append(r.jvmArgs()).append("`; gateway arguments: `")
                .append(String.join(" ", r.gatewayArgs())).append("`.\n");
        return md.toString();
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " characters)";
    }

    private static void log(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = LocalTime.now(ZoneId.systemDefault()).withNano(0); // the operator's wall clock
        System.arraycopy(args, 0, all, 1, args.length);
        System.out.printf(Locale.ROOT, "[%s] " + format + "%n", all);
    }

    /** Customs' loopback inbox: answers 200 and records the first delivery's arrival, size and whether it is signed. */
    static final class Inbox implements AutoCloseable {

        private final HttpServer server;
        private final CountDownLatch first = new CountDownLatch(1);
        private final AtomicLong arrivedAt = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicInteger deliveries = new AtomicInteger();
        private final AtomicReference<Boolean> signed = new AtomicReference<>(false);
        private volatile long armedAt;

        Inbox() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/inbox", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                long now = System.nanoTime();
                if (armedAt != 0 && deliveries.getAndIncrement() == 0) {
                    bytes.set(body.length);
                    String tail = new String(body, Math.max(0, body.length - 16_384), Math.min(body.length, 16_384),
                            StandardCharsets.UTF_8);
                    signed.set(tail.contains("SignatureValue"));
                    arrivedAt.set(now);
                    first.countDown();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
        }

        void arm(long at) {
            armedAt = at;
        }

        boolean arrived() {
            return first.getCount() == 0;
        }

        void await(Duration d) throws InterruptedException {
            first.await(d.toMillis(), TimeUnit.MILLISECONDS);
        }

        long arrivedAt() {
            return arrivedAt.get();
        }

        long bytes() {
            return bytes.get();
        }

        boolean signed() {
            return signed.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
