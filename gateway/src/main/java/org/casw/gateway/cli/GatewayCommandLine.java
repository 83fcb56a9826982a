package org.casw.gateway.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.casw.certs.DevPkiCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The gateway's one command line: {@code serve} (the default) and the operator commands, to which a jar that bundles
 * more (gateway-kit.jar) adds its own. {@code --help}, {@code help <command>} and {@code --version} exit 0; a usage
 * error exits 2 with the usage; an unknown command is an error, never a server start.
 */
public final class GatewayCommandLine {

    private GatewayCommandLine() {
    }

    /** The command line named {@code name}, with the gateway's commands and then {@code more} (picocli commands). */
    public static CommandLine create(String name, Object... more) {
        CommandLine commandLine = new CommandLine(new Gateway());
        commandLine.setCommandName(name);
        for (Object command : List.of(new ServeCommand(), new DevPkiCommand(), new ValidateCommand(), new SignCommand(),
                new VerifyCommand(), new TranslateCommand(), new ApiKeyDigestCommand(), new ConsolePasswordHashCommand())) {
            commandLine.addSubcommand(command);
        }
        // certs (the development PKI, from the certs module) also exports the gateway's own certificates
        commandLine.getSubcommands().get("certs").addSubcommand(new CertsExportCommand());
        for (Object command : more) {
            commandLine.addSubcommand(command);
        }
        commandLine.addSubcommand("help", new HelpCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(java -jar " + name + ".jar generate-completion)");
        commandLine.addSubcommand("generate-completion", completion);
        commandLine.setParameterExceptionHandler(GatewayCommandLine::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            // the server logs its own start-up failure; for the others, the message is the answer, not a stack trace
            if (!(failed.getCommand() instanceof ServeCommand || failed.getCommand() instanceof Gateway)) {
                failed.getErr().println(failed.getCommandName() + ": " + exception.getMessage());
            }
            return 1;
        });
        return commandLine;
    }

    /** Runs {@code args} and exits with the command's status, unless the server now runs. */
    public static void run(CommandLine commandLine, String[] args) {
        int status = execute(commandLine, args, System.out, System.err);
        if (status != ServeCommand.SERVING) {
            System.exit(status);
        }
    }

    /** Runs {@code args} with output to {@code out} and {@code err}; returns the exit status. */
    public static int execute(CommandLine commandLine, String[] args, PrintStream out, PrintStream err) {
        // picocli's help and usage errors go where the command's own output goes, as UTF-8 like the rest of it
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        commandLine.setOut(outWriter).setErr(errWriter).setCaseInsensitiveEnumValuesAllowed(true);
        List<CommandLine> all = new ArrayList<>(List.of(commandLine));
        for (int i = 0; i < all.size(); i++) {
            CommandLine command = all.get(i);
            command.setOut(outWriter).setErr(errWriter);
            if (command.getCommand() instanceof ConsoleCommand console) {
                console.useStreams(out, err);
            }
            all.addAll(command.getSubcommands().values());
        }
        // refused before parsing, so that an option carrying a secret is named as such rather than as unknown
        var inline = CommandLineSecrets.inlineSecret(args);
        if (inline.isPresent()) {
            errWriter.println(commandLine.getCommandName() + ": " + inline.get());
            return 2;
        }
        try {
            // a first word that names no command is an error even beside --help, never a server start or the top help
            boolean commandExpected = !commandLine.getSubcommands().isEmpty();
            if (commandExpected && args.length > 0 && !args[0].startsWith("-") && !commandLine.getSubcommands().containsKey(args[0])) {
                return usageError(new CommandLine.UnmatchedArgumentException(commandLine, List.of(args[0])), args);
            }
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** A usage error: the message, picocli's suggestions for a misspelling, then the command's usage; status 2. */
    private static int usageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(exception.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
        err.println();
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The top command: with no command it serves, passing {@code --key=value} settings to Spring Boot. */
    @Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
            synopsisSubcommandLabel = "[COMMAND]",
            description = {"China-ASEAN single-window message gateway.",
                "Without a command it runs the gateway (see 'serve'); each command below exits when done."},
            commandListHeading = "%nCommands:%n",
            footer = {"%nRun '<jar> help COMMAND' or '<jar> COMMAND --help' for a command's options.",
                "Secrets (API keys, passwords) are read from files or the environment, never from arguments."})
    static final class Gateway implements Callable<Integer> {

        @Unmatched
        List<String> settings = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return ServeCommand.serve(spec.commandLine(), settings);
        }
    }
}
