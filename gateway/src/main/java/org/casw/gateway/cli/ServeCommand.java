package org.casw.gateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.casw.gateway.GatewayApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code serve [--key=value ...]}: runs the gateway until it is stopped; also what the jar does without a command.
 * Spring Boot settings pass through as {@code --key=value}; anything else is a usage error, so a misspelt command
 * never starts a server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = {"Run the gateway until it is stopped (also what happens when no command is given).",
            "Settings pass through to Spring Boot as --key=value, e.g. --server.port=9090 or --spring.profiles.active=production.",
            "Secrets never go on the command line: put them in files named by *-file settings, or in the environment."},
        footer = {"%nWithout --spring.profiles.active=production it runs on embedded defaults: Artemis, PostgreSQL and a",
            "generated development PKI under ./data (gateway.data-dir)."})
public final class ServeCommand implements Callable<Integer> {

    /** What {@link #call()} returns once the server runs: its own threads keep the JVM alive, so main must not exit. */
    public static final int SERVING = -1;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return serve(spec.commandLine(), settings);
    }

    /**
     * Starts the server with {@code settings}, after refusing anything that is not a {@code --key[=value]} setting
     * (secrets were refused before parsing, by {@link GatewayCommandLine#execute}).
     */
    static int serve(CommandLine commandLine, List<String> settings) {
        List<String> stray = settings.stream().filter(argument -> !argument.startsWith("--") || argument.length() == 2).toList();
        if (!stray.isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(commandLine, stray);
        }
        SpringApplication.run(GatewayApplication.class, settings.toArray(String[]::new));
        return SERVING;
    }
}
