package org.casw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.pki.As4Identity;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code certs export --as4 [--out FILE] [--key=value ...]}: writes the gateway's AS4 certificate and its chain as PEM,
 * for a partner's agreement. It reads the gateway's own configuration as {@code serve} with the same settings would
 * (application.yml, profiles, {@code spring.config.additional-location}, the environment), so the key store, alias and
 * password file are the running gateway's and none of them goes on the command line. Only certificates are written.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = {"Write the gateway's AS4 certificate and its chain as PEM, for a partner's AS4 agreement.",
            "It reads the gateway's configuration (gateway.as4.identity) as 'serve' with the same settings does:",
            "no key store, alias or password on the command line, and never a private key in the output.",
            "Settings pass as in 'serve', e.g. --gateway.data-dir=/var/lib/casw or --spring.profiles.active=production."},
        footer = {"%nOn the default run (gateway.dev-pki) a missing development PKI is generated first, as the gateway's first start"
                + " does: the exported certificate is the one the gateway then signs with."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:no AS4 certificate (not configured, or its key store cannot be read)", "2:usage or write error"})
public final class CertsExportCommand extends ConsoleCommand implements Callable<Integer> {

    /** A Spring Boot setting as {@code serve} takes them: {@code --name.with.dots=value}. */
    private static final Pattern SETTING = Pattern.compile("--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*");

    @Option(names = "--as4", required = true,
            description = "the AS4 identity (gateway.as4.identity): partners verify the gateway's AS4 signatures and receipts"
                    + " with it and encrypt for it")
    boolean as4;

    @Option(names = "--out", paramLabel = "FILE",
            description = "write the PEM to FILE and a summary to standard output (default: the PEM to standard output)")
    Path output;

    @Unmatched
    List<String> settings = new ArrayList<>();

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new CertsExportCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        List<String> stray = settings.stream().filter(argument -> !SETTING.matcher(argument).matches()).toList();
        if (!stray.isEmpty()) {
            err().println("certs export: " + stray + ": not a setting; settings are written --name=value, e.g."
                    + " --gateway.data-dir=/var/lib/casw");
            return 2;
        }
        As4Identity identity;
        // outside the server nothing configures logging: the default would print the PKI's INFO lines among the PEM
        LoggingSystem logging = LoggingSystem.get(CertsExportCommand.class.getClassLoader());
        LoggerConfiguration root = logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
        LogLevel level = root == null ? null : root.getConfiguredLevel();
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.OFF);
        try {
            identity = As4Identity.read(configuredIdentity());
        } catch (RuntimeException e) {
            // a setting that does not bind, a key store that cannot be read, a development PKI that cannot be made
            err().println("certs export: " + e.getMessage());
            return 1;
        } finally {
            if (level != null) {
                logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, level);
            }
        }
        String pem = identity.pem();
        String summary = summary(identity);
        if (output == null) {
            out().print(pem);
            out().flush();
            err().println(summary);
            return 0;
        }
        try {
            Files.writeString(output, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            err().println("certs export: " + output + " cannot be written: " + e.getMessage());
            return 2;
        }
        out().println("Wrote " + output + ": " + summary);
        return 0;
    }

    /**
     * {@code gateway.as4.identity} as the gateway resolves it; on the default run the development PKI it names is
     * made first, as {@code DevPkiBootstrap} does on the gateway's first start.
     */
    private GatewayProperties.KeyStoreEntry configuredIdentity() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(settings.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        Binder binder = Binder.get(environment);
        GatewayProperties.KeyStoreEntry entry = binder.bind(As4Identity.SETTING, GatewayProperties.KeyStoreEntry.class).orElse(null);
        if (binder.bind("gateway.dev-pki", Boolean.class).orElse(true)) {
            Path certificates = binder.bind("gateway.data-dir", Path.class).orElse(Path.of("data")).resolve("certs");
            if (entry != null && entry.keystore() != null && !Files.exists(entry.keystore())) {
                err().println("certs export: generating the development PKI in " + certificates + ", as the gateway's first start would");
            }
            DevPki.ensure(certificates);
        }
        return entry;
    }

    private static String summary(As4Identity identity) {
        var certificate = identity.certificate();
        String summary = "AS4 certificate " + certificate.getSubjectX500Principal().getName() + ", issued by "
                + certificate.getIssuerX500Principal().getName() + ", serial " + certificate.getSerialNumber().toString(16)
                + ", valid until " + certificate.getNotAfter().toInstant() + ", SHA-256 " + identity.fingerprint() + " ("
                + identity.chain().size() + " certificate(s), from " + identity.keystore() + " entry " + identity.alias() + ")";
        if (DevPki.isDevelopmentCertificate(certificate)) {
            summary += System.lineSeparator() + "Note: a development PKI certificate (" + DevPki.ORGANISATION
                    + "), for trials only: production refuses it.";
        }
        return summary;
    }
}
