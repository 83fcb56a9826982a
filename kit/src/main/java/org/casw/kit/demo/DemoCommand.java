package org.casw.kit.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.cli.ConsoleCommand;
import org.casw.gateway.cli.GatewayCommandLine;
import org.casw.gateway.cli.GatewayVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code demo [--port N] [--data-dir DIR] [--step-timeout SECONDS] [--gateway.*=...]}: starts the gateway on its
 * embedded defaults with every sandbox partner, runs the sea-rail import scenario as the demo parties, prints
 * one line per step as it goes and then the container's tracking timeline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = {"Rehearse a sea-rail import with the gateway and its sandbox partners.",
            "Starts the gateway and acts out Singapore -> Qinzhou -> rail to Chongqing as the demo parties: one line per step",
            "as it goes, then the container's tracking timeline.",
            "Further gateway settings pass through as --gateway.<setting>=<value>."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step reached its state", "1:a step did not (named)", "2:usage error"})
public final class DemoCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "HTTP port (default: a free one)")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR", description = "data directory (default: ${DEFAULT-VALUE})")
    String dataDir;

    @Option(names = "--step-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "how long each step may take (default: ${DEFAULT-VALUE})")
    long stepTimeout;

    @Unmatched
    List<String> extra = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Class<?> application;

    public DemoCommand() {
        this(GatewayApplication.class);
    }

    DemoCommand(Class<?> application) {
        this.application = application;
    }

    public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new DemoCommand(application)), args, out, err);
    }

    @Override
    public Integer call() {
        PrintStream out = out();
        PrintStream err = err();
        List<String> stray = extra.stream().filter(argument -> !argument.startsWith("--gateway.") || !argument.contains("=")).toList();
        if (!stray.isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(spec.commandLine(), stray);
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
                out.println("Tracking timeline of " + result.container() + " (GET /api/v1/track?key=" + result.container()
                        + ", as CN-CUSTOMS):");
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
