package org.casw.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a gateway's CPU goes per message, by stage: a flight recording's execution samples in a step's time window, each
 * given to the first stage whose frames it holds (in the order below), scaled to the JVM's measured CPU per message; the
 * PostgreSQL server's CPU, measured apart, is added to the ledger. The JIT compiler's threads get their share of the threads'
 * CPU; samples in none of the stages are "other" (the garbage collector's threads are not sampled: their CPU is spread over
 * the stages with the rest).
 *
 * <p>Run on its own: {@code java -cp bench/target/bench.jar org.casw.bench.e2e.StageCosts recording.jfr FROM TO
 * JVM_MS_PER_MESSAGE POSTGRES_MS_PER_MESSAGE} with FROM and TO as ISO instants.
 */
public final class StageCosts {

    /** A stage and the frames (class or method name prefixes) that place a sample in it. */
    record Stage(String name, List<String> frames) {
    }

    /** The stages, most specific first: a signature inside the intake is "sign", not "ledger" or "HTTP". */
    static final List<Stage> STAGES = List.of(
            new Stage("sign", List.of("org.casw.routes.signature.XmlSigner.sign", "org.casw.routes.signature.CmsDetachedSigner",
                    "org.casw.routes.dispatch.ReceiverVersions")),
            new Stage("verify sender's signature", List.of("org.casw.routes.signature.XmlSignatureVerifier.verify")),
            new Stage("validate (schema, JAXB)", List.of("org.casw.routes.validation.DocumentValidator.check")),
            new Stage("rules", List.of("org.casw.routes.validation.DocumentValidator.ruleViolations",
                    "org.casw.routes.rules.")),
            new Stage("parse (inspect, translate)", List.of("org.casw.routes.document.XmlInspector", "org.casw.routes.transform.",
                    "org.casw.routes.intake.InterchangeIntake")),
            new Stage("ledger", List.of("org.casw.gateway.persistence.", "org.postgresql.", "com.zaxxer.hikari.")),
            new Stage("deliver", List.of("org.casw.routes.delivery.HttpChannel", "org.apache.hc.", "jdk.internal.net.http.",
                    "org.casw.routes.delivery.DeliverySteps")),
            new Stage("enqueue", List.of("org.casw.routes.intake.IntakeRoute", "org.apache.camel.component.jms.JmsProducer",
                    "org.springframework.jms.core.JmsTemplate")),
            new Stage("receipt (the answer to the sender)", List.of("org.casw.routes.intake.GatewayReceipts",
                    "org.casw.gateway.api.MessageJson", "com.fasterxml.jackson.")),
            new Stage("broker (consume, acknowledge)", List.of("org.springframework.jms.listener.", "org.apache.activemq.")),
            new Stage("routing (Camel, intake steps)", List.of("org.apache.camel.", "org.casw.routes.intake.")),
            new Stage("HTTP and auth", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
                    "org.springframework.security.", "org.springframework.web.", "org.casw.gateway.security.",
                    "org.casw.gateway.api.")));

    private StageCosts() {
    }

    /** What a recording holds for a time window: execution samples per stage, and the JIT compiler's share of thread CPU. */
    record Window(Map<String, Long> samples, double compilerShare) {
    }

    /** Execution samples per stage (and "other") between two instants, in stage order, and the compiler threads' CPU share. */
    static Window read(Path recording, Instant from, Instant to) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        STAGES.forEach(s -> counts.put(s.name(), 0L));
        counts.put("other", 0L);
        double compiler = 0;
        double threads = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if ("jdk.ExecutionSample".equals(type) && event.getStackTrace() != null) {
                    counts.merge(stageOf(event.getStackTrace().getFrames()), 1L, Long::sum);
                } else if ("jdk.ThreadCPULoad".equals(type)) {
                    double load = event.getFloat("user") + event.getFloat("system");
                    threads += load;
                    if (event.getThread() != null && String.valueOf(event.getThread().getJavaName()).contains("CompilerThread")) {
                        compiler += load;
                    }
                }
            }
        }
        return new Window(counts, threads == 0 ? 0 : compiler / threads);
    }

    static String stageOf(List<RecordedFrame> frames) {
        for (Stage stage : STAGES) {
            for (RecordedFrame frame : frames) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                for (String prefix : stage.frames()) {
                    if (method.startsWith(prefix)) {
                        return stage.name();
                    }
                }
            }
        }
        return "other";
    }

    /**
     * µs per message per stage: the JIT compiler's threads by their share of thread CPU, the rest of the JVM's CPU by
     * execution samples, and PostgreSQL's CPU on the ledger's line.
     */
    static Map<String, Double> microsPerMessage(Window window, double jvmMsPerMessage, double postgresMsPerMessage) {
        long total = window.samples().values().stream().mapToLong(Long::longValue).sum();
        double working = 1000 * jvmMsPerMessage * (1 - window.compilerShare());
        Map<String, Double> micros = new LinkedHashMap<>();
        window.samples().forEach((stage, n) -> micros.put(stage, total == 0 ? Double.NaN : working * n / total));
        micros.merge("ledger", 1000 * postgresMsPerMessage, Double::sum);
        micros.put("JIT compiler", 1000 * jvmMsPerMessage * window.compilerShare());
        return micros;
    }

    /** A Markdown table of the stages, µs per message and share, with the JVM's sample count. */
    static String table(Map<String, Long> samples, Map<String, Double> micros) {
        double sum = micros.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
        StringBuilder md = new StringBuilder("| stage | µs per message | share | JVM samples |\n|---|---:|---:|---:|\n");
        micros.forEach((stage, us) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f %% | %d |%n", stage, us,
                100 * us / sum, samples.getOrDefault(stage, 0L))));
        md.append(String.format(Locale.ROOT, "| **total** | **%.0f** | 100 %% | %d |%n", sum,
                samples.values().stream().mapToLong(Long::longValue).sum()));
        return md.toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: StageCosts recording.jfr FROM TO JVM_MS_PER_MESSAGE POSTGRES_MS_PER_MESSAGE");
            System.exit(2);
        }
        Window window = read(Path.of(args[0]), Instant.parse(args[1]), Instant.parse(args[2]));
        System.out.print(table(window.samples(), microsPerMessage(window, Double.parseDouble(args[3]), Double.parseDouble(args[4]))));
    }
}
