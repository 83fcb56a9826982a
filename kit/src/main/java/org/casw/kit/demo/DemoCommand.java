package org.casw.kit.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.casw.gateway.cli.CommandLineSecrets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code demo [--port N] [--data-dir DIR] [--step-timeout SECONDS] [--gateway.*=...]}: starts the gateway on its
 * embedded defaults with every sandbox partner, runs the sea-rail import scenario as the demo parties, prints
 * one line per step and the container's tracking timeline, and exits 0 when every step reached its state,
 * 1 naming the step that did not, 2 on a usage error.
 */
public final class DemoCommand {

    static final String USAGE = "usage: demo [--port N] [--data-dir DIR] [--step-timeout SECONDS] [--gateway.<setting>=<value> ...]";

    private DemoCommand() {
    }

    public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        int port = 0;
        String dataDir = "./data";
        long stepTimeout = 60;
        List<String> extra = new ArrayList<>();
        java.util.Optional<String> inline = CommandLineSecrets.inlineSecret(args);
        if (inline.isPresent()) {
            err.println("demo: " + inline.get() + "\n" + USAGE);
            return 2;
        }
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data-dir" -> dataDir = args[++i];
                    case "--step-timeout" -> stepTimeout = Long.parseLong(args[++i]);
                    default -> {
                        if (!args[i].startsWith("--") || !args[i].contains("=")) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        extra.add(args[i]);
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println((e.getMessage() == null ? "" : e.getMessage() + "\n") + USAGE);
            return 2;
        }
        List<String> springArgs = new ArrayList<>(List.of("--server.port=" + port, "--gateway.data-dir=" + dataDir,
                // a free broker port of its own, so the demo runs beside a gateway already using 61616
                "--gateway.broker.acceptor-url=tcp://127.0.0.1:" + freePort(),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.org.casw=WARN"));
        springArgs.addAll(extra);
        out.println("Starting the gateway with its sandbox partners (data in " + dataDir + ") ...");
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(application).run(springArgs.toArray(String[]::new))) {
            int actual = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port", "8080"));
            out.println("Gateway on http://127.0.0.1:" + actual + "; sea-rail import, Singapore -> Qinzhou -> rail to Chongqing:");
            SeaRailImportScenario.Result result = new SeaRailImportScenario(actual, SeaRailImportScenario.POLLING,
                    Duration.ofSeconds(stepTimeout), step -> out.println(step.line())).run();
            out.println("container " + result.container() + ", bill " + result.billNo() + ", certificate " + result.certificateNo());
            if (result.timeline() != null) {
                out.println("Tracking timeline of " + result.container() + " (GET /api/v1/track?key=" + result.container() + ", as CN-CUSTOMS):");
                for (JsonNode step : result.timeline().path("steps")) {
                    out.println(String.format("  %-30s %-26s %-16s %-13s %s", step.path("at").asText(), step.path("trackingId").asText(),
                            step.path("type").asText(), step.path("status").asText(), step.path("reason").asText()));
                }
            }
            if (result.succeeded()) {
                out.println("Demo succeeded: every step reached its expected state.");
                return 0;
            }
            err.println("Demo failed at step " + result.failed().get().number() + " (" + result.failed().get().name() + "): "
                    + result.failed().get().detail());
            return 1;
        } catch (RuntimeException e) {
            err.println("Demo failed: the gateway did not start: " + e.getMessage());
            return 1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
