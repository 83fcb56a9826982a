package org.casw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casw.gateway.security.ApiKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code api-key-digest [--secret-file F] [--key-file F]}: prints the {@code hmac-sha256:} digest of an API key for
 * an agreement's {@code api-keys} or {@code gateway.operators}. The key comes from {@code --key-file}, else from the
 * {@code CASW_API_KEY} environment variable, else from standard input; never from an argument. Without
 * {@code --secret-file} the published development secret is used (the default run only).
 */
@Command(name = "api-key-digest", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = {"Print the stored form (hmac-sha256:...) of an API key, for an agreement's api-keys or gateway.operators.",
            "The key comes from --key-file, else the " + CommandLineSecrets.API_KEY_VARIABLE
                    + " environment variable, else standard input; never from an argument."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:printed", "1:the key is too short", "2:usage or read error"})
public final class ApiKeyDigestCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "the server secret (gateway.api-keys.secret-file); without it, the published development secret")
    Path secretFile;

    @Option(names = "--key-file", paramLabel = "FILE", description = "the API key")
    Path keyFile;

    private final InputStream in;
    private final Map<String, String> environment;

    public ApiKeyDigestCommand() {
        this(System.in, System.getenv());
    }

    ApiKeyDigestCommand(InputStream in, Map<String, String> environment) {
        this.in = in;
        this.environment = environment;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, System.getenv(), out, err);
    }

    static int run(String[] args, InputStream in, Map<String, String> environment, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new ApiKeyDigestCommand(in, environment)), args, out, err);
    }

    @Override
    public Integer call() {
        try {
            ApiKeys keys = ApiKeys.fromFile(secretFile);
            String key = CommandLineSecrets.apiKey(keyFile, environment).orElseGet(this::standardInput);
            if (!ApiKeys.longEnough(key)) {
                err().println("api-key-digest: the key has " + key.length() + " characters; at least " + ApiKeys.MIN_LENGTH
                        + " are required (the gateway refuses shorter keys)");
                return 1;
            }
            if (keys.usesDevelopmentSecret()) {
                err().println("api-key-digest: digest under the published development secret: for the default (development) run"
                        + " only; production needs --secret-file with gateway.api-keys.secret-file");
            }
            out().println(keys.digest(key));
            return 0;
        } catch (IllegalArgumentException e) {
            err().println("api-key-digest: " + e.getMessage());
            return 2;
        }
    }

    private String standardInput() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("standard input cannot be read: " + e.getMessage());
        }
    }
}
