package org.casw.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets for the command line: API keys and passwords come from a file or the environment, never from an
 * argument, which every local user can read in {@code ps} and which lands in shell histories.
 */
public final class CommandLineSecrets {

    /** The environment variable the commands read an API key from when no {@code --api-key-file} is given. */
    public static final String API_KEY_VARIABLE = "CASW_API_KEY";

    /** Options of earlier releases (or guesses) that would carry a secret as a value. */
    private static final Set<String> INLINE_OPTIONS = Set.of("--api-key", "--apikey", "--password", "--secret",
            "--keystore-password", "--key-password", "--store-password");
    /** Spring-style {@code --sandbox.sg-nsw.api-key=...}, {@code --spring.datasource.password=...}. */
    private static final Pattern INLINE_PROPERTY = Pattern.compile("--[^=]*?[.-]?(api[-_]?key|password|secret)=.*",
            Pattern.CASE_INSENSITIVE);

    private CommandLineSecrets() {
    }

    /** Why {@code args} must be refused: an option that carries a secret as its value; empty when none does. */
    public static Optional<String> inlineSecret(String[] args) {
        for (String arg : args) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (INLINE_OPTIONS.contains(option.toLowerCase(Locale.ROOT))) {
                return Optional.of(option + " would put a secret on the command line, where any local user sees it in ps;"
                        + (option.equalsIgnoreCase("--api-key") || option.equalsIgnoreCase("--apikey")
                                ? " use --api-key-file FILE or the " + API_KEY_VARIABLE + " environment variable instead"
                                : " use --password-file FILE instead"));
            }
            if (INLINE_PROPERTY.matcher(arg).matches()) {
                return Optional.of(option + "=... would put a secret on the command line, where any local user sees it in ps;"
                        + " set it in the environment (e.g. " + environmentName(option.substring(2)) + ") or in a"
                        + " configuration file readable only by the gateway's user");
            }
        }
        return Optional.empty();
    }

    /**
     * An API key from {@code file} (one trailing line break ignored), else from {@link #API_KEY_VARIABLE}; empty when
     * neither is given.
     */
    public static Optional<String> apiKey(Path file, Map<String, String> environment) {
        if (file != null) {
            return Optional.of(read(file, "API key"));
        }
        String value = environment.get(API_KEY_VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The secret in {@code file} without its trailing line breaks. */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + what + " file " + file + " cannot be read");
        }
    }

    /** Spring Boot's relaxed environment name of a property, e.g. SANDBOX_SGNSW_APIKEY. */
    private static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
