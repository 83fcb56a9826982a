package org.casw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code console-password-hash [--password-file F]}: prints the {@code {bcrypt}} hash of a console password, for an
 * operator's {@code gateway.operators.<name>.console-password} or a party agreement's {@code console-password}. The
 * password comes from {@code --password-file}, else from standard input; never from an argument, which other users
 * of the machine could read.
 */
@Command(name = "console-password-hash", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = {"Print the stored form ({bcrypt}...) of a console password, for gateway.operators.<name>.console-password",
            "or an agreement's console-password. The password comes from --password-file, else standard input; never from an argument."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:printed", "1:the password is too short", "2:usage or read error"})
public final class ConsolePasswordHashCommand extends ConsoleCommand implements Callable<Integer> {

    /** Shorter passwords are refused: the console is reachable wherever the API is. */
    static final int MIN_LENGTH = 12;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the password (one trailing line break ignored)")
    Path passwordFile;

    private final InputStream in;

    public ConsolePasswordHashCommand() {
        this(System.in);
    }

    ConsolePasswordHashCommand(InputStream in) {
        this.in = in;
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new ConsolePasswordHashCommand(in)), args, out, err);
    }

    @Override
    public Integer call() {
        String password;
        try {
            byte[] raw = passwordFile == null ? in.readAllBytes() : Files.readAllBytes(passwordFile);
            password = new String(raw, StandardCharsets.UTF_8).replaceAll("\\r?\\n$", "");
        } catch (IOException e) {
            err().println("console-password-hash: the password cannot be read: " + e.getMessage());
            return 2;
        }
        if (password.length() < MIN_LENGTH) {
            err().println("console-password-hash: the password has " + password.length() + " characters; at least " + MIN_LENGTH
                    + " are required");
            return 1;
        }
        out().println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
        return 0;
    }
}
