package org.casw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.casw.gateway.security.ApiKeys;

/**
 * {@code api-key-digest [--secret-file F] [--key-file F]}: prints the {@code hmac-sha256:} digest of an API key for
 * an agreement's {@code api-keys} or {@code gateway.operators}. The key comes from {@code --key-file}, else from the
 * {@code CASW_API_KEY} environment variable, else from standard input; never from an argument. Without
 * {@code --secret-file} the published development secret is used (the default run only).
 */
public final class ApiKeyDigestCommand {

    static final String USAGE = "usage: api-key-digest [--secret-file FILE] [--key-file FILE]   (key: --key-file, else $"
            + CommandLineSecrets.API_KEY_VARIABLE + ", else standard input)";

    private ApiKeyDigestCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, System.getenv(), out, err);
    }

    static int run(String[] args, InputStream in, Map<String, String> environment, PrintStream out, PrintStream err) {
        Optional<String> inline = CommandLineSecrets.inlineSecret(args);
        if (inline.isPresent()) {
            err.println("api-key-digest: " + inline.get() + "\n" + USAGE);
            return 2;
        }
        Path secretFile = null;
        Path keyFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--secret-file" -> secretFile = Path.of(args[++i]);
                    case "--key-file" -> keyFile = Path.of(args[++i]);
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("api-key-digest: " + (e.getMessage() == null ? "an option needs a value" : e.getMessage()) + "\n" + USAGE);
            return 2;
        }
        try {
            ApiKeys keys = ApiKeys.fromFile(secretFile);
            String key = CommandLineSecrets.apiKey(keyFile, environment).orElseGet(() -> standardInput(in));
            if (!ApiKeys.longEnough(key)) {
                err.println("api-key-digest: the key has " + key.length() + " characters; at least " + ApiKeys.MIN_LENGTH
                        + " are required (the gateway refuses shorter keys)");
                return 1;
            }
            if (keys.usesDevelopmentSecret()) {
                err.println("api-key-digest: digest under the published development secret: for the default (development) run"
                        + " only; production needs --secret-file with gateway.api-keys.secret-file");
            }
            out.println(keys.digest(key));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("api-key-digest: " + e.getMessage());
            return 2;
        }
    }

    private static String standardInput(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("standard input cannot be read: " + e.getMessage());
        }
    }
}
