package org.casw.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.casw.certs.DemoParty;
import org.casw.certs.DevPki;
import org.casw.gateway.cli.CommandLineSecrets;
import org.casw.gateway.cli.ConsoleCommand;
import org.casw.gateway.cli.GatewayCommandLine;
import org.casw.gateway.cli.GatewayVersion;
import org.casw.gateway.signature.PartnerSignatures;
import org.casw.routes.signature.SigningProfile;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code sandbox --partner sg-nsw|my-nsw [--port N] [--data-dir DIR] [--export-certs DIR] [--gateway URL] ...}:
 * runs one sandbox partner single window on its own, on loopback, for integrators who test their own gateway
 * against it. Its settings are the sandbox's ({@code sandbox.<name>.*} in sandbox.yml), which the options
 * override; its key is its party's in the development PKI of the data directory.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = {"Run one sandbox partner single window on loopback until stopped, for your gateway to talk to.",
            "Settings pass through as --sandbox.<partner>.<setting>=VALUE or",
            "--gateway.<setting>=VALUE. Its API key comes from --api-key-file or $" + CommandLineSecrets.API_KEY_VARIABLE + "."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:stopped", "2:usage or start-up error"})
public final class SandboxCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--partner", required = true, paramLabel = "sg-nsw|my-nsw", description = "the window to run")
    String partner;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "port on 127.0.0.1 (default: a free one)")
    int port;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
            description = "data directory with the development PKI (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--export-certs", paramLabel = "DIR", description = "where to write its certificates (default: DATA-DIR/sandbox-certs)")
    Path exportDir;

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "the gateway it submits to (default: ${DEFAULT-VALUE})")
    String gatewayUrl;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "the key it submits with")
    Path apiKeyFile;

    @Option(names = "--sign-with", paramLabel = "PROFILE", description = "signing profile (default: its agreement's)")
    String signWith;

    @Option(names = "--trust", paramLabel = "ANCHORS.pem", description = "trust anchors for what it receives; repeatable")
    List<Path> anchors = new ArrayList<>();

    @Option(names = "--delay", paramLabel = "DURATION", description = "how long it takes to answer, e.g. 1s")
    String delay;

    @Option(names = "--error-rate", paramLabel = "R", description = "share of deliveries answered with an error (0-1)")
    String errorRate;

    @Option(names = "--timeout-rate", paramLabel = "R", description = "share of answers given too late (0-1)")
    String timeoutRate;

    @Option(names = "--invalid-signature-rate", paramLabel = "R", description = "share of its signed documents it tampers with (0-1)")
    String invalidSignatureRate;

    @Option(names = "--seed", paramLabel = "N", description = "seed of its fault injection, for reproducible runs")
    String seed;

    @Option(names = "--delivery-timeout", paramLabel = "DURATION", description = "the gateway's delivery timeout it is late against")
    String deliveryTimeout;

    @Unmatched
    List<String> settingArguments = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Starts the window, prints where it is, and serves until the process is stopped. 2 on a usage or start-up error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new SandboxCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        StandaloneWindow window;
        try {
            window = start(System.getenv(), out());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IllegalStateException | UncheckedIOException | IOException e) {
            err().println("sandbox: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            window.close();
            stopped.countDown();
        }, "sandbox-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parses {@code args}, starts the window, exports its certificates and prints the URLs and files. */
    public static StandaloneWindow start(String[] args, PrintStream out) throws IOException {
        return start(args, System.getenv(), out);
    }

    /**
     * As above; the window's API key comes from {@code --api-key-file} or {@code CASW_API_KEY} in {@code environment},
     * else from its settings, never from an argument.
     */
    public static StandaloneWindow start(String[] args, Map<String, String> environment, PrintStream out) throws IOException {
        CommandLineSecrets.inlineSecret(args).ifPresent(refusal -> {
            throw new IllegalArgumentException(refusal);
        });
        SandboxCommand command = new SandboxCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.start(environment, out);
    }

    private StandaloneWindow start(Map<String, String> environment, PrintStream out) throws IOException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String argument : settingArguments) {
            if (!(argument.startsWith("--gateway.") || argument.startsWith("--sandbox.")) || !argument.contains("=")) {
                throw new IllegalArgumentException("unexpected argument " + argument);
            }
            overrides.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535 (0: a free port), not " + port);
        }
        if (deliveryTimeout != null) {
            overrides.put("gateway.delivery-timeout", deliveryTimeout);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        putIfGiven(settings, "delay", delay);
        putIfGiven(settings, "error-rate", errorRate);
        putIfGiven(settings, "timeout-rate", timeoutRate);
        putIfGiven(settings, "invalid-signature-rate", invalidSignatureRate);
        putIfGiven(settings, "seed", seed);
        if (partner == null) {
            throw new IllegalArgumentException("--partner is required");
        }
        if (!SandboxWindows.NAMES.contains(partner)) {
            throw new IllegalArgumentException("unknown partner '" + partner + "': the sandbox windows are "
                    + String.join(", ", SandboxWindows.NAMES));
        }
        String name = partner;
        settings.forEach((setting, value) -> overrides.put("sandbox." + name + "." + setting, value));
        CommandLineSecrets.apiKey(apiKeyFile, environment).ifPresent(key -> overrides.put("sandbox." + name + ".api-key", key));
        if (!gatewayUrl.startsWith("http://") && !gatewayUrl.startsWith("https://")) {
            throw new IllegalArgumentException("--gateway must be an http(s) URL such as http://127.0.0.1:8080, not " + gatewayUrl);
        }

        Binder binder = defaults(overrides);
        SandboxProperties.Partner window = binder.bind("sandbox." + name, Bindable.of(SandboxProperties.Partner.class))
                .orElseThrow(() -> new IllegalStateException("no sandbox." + name + " in sandbox.yml"));
        Duration lateAfter = binder.bind("gateway.delivery-timeout", Duration.class).orElse(Duration.ofSeconds(30));
        String partyId = window.party();
        DemoParty demo = DemoParty.byId(partyId).orElseThrow(() -> new IllegalStateException(
                "sandbox." + name + ".party: " + partyId + " has no development key"));
        if (window.apiKey() == null || window.apiKey().isBlank()) {
            throw new IllegalStateException("sandbox." + name + ".api-key is required: the key it submits to the gateway with");
        }
        if (window.delay() == null || window.delay().isNegative()) {
            throw new IllegalStateException("sandbox." + name + ".delay must be zero or more");
        }
        SigningProfile profile = SigningProfile.of(signWith != null ? signWith : agreedSigningProfile(partyId));
        if (profile == SigningProfile.CMS_DETACHED) {
            throw new IllegalArgumentException("--sign-with: cms-detached is for non-XML payloads, not for certificates of origin");
        }

        DevPki pki = DevPki.ensure(dataDir.resolve("certs"));
        // the same token a gateway on this data directory delivers to its sandbox inboxes with
        SandboxDeliveryToken token = SandboxDeliveryToken.ensure(dataDir);
        long inboxLimit = 2 * binder.bind("gateway.max-payload-size", DataSize.class).orElse(DataSize.ofMegabytes(10)).toBytes();
        String base = gatewayUrl;
        SandboxWindow sandbox = SandboxWindow.withDevelopmentKey(new SandboxWindow.Identity(name, partyId, demo.country(), window), profile,
                pki, certificates(anchors), lateAfter.toMillis() + 1_000L, new LoopbackGateway(() -> base));
        StandaloneWindow standalone;
        try {
            standalone = StandaloneWindow.serve(sandbox, port, token, inboxLimit);
        } catch (IOException e) {
            sandbox.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        List<Path> exported = standalone.exportCertificates(exportDir != null ? exportDir : dataDir.resolve("sandbox-certs"));
        out.println("Sandbox window " + partyId + " (" + name + ") listening on 127.0.0.1:" + standalone.port());
        out.println("  status       GET  " + standalone.url());
        out.println("  inbox        POST " + standalone.url() + "/inbox   (signed documents; GET lists what it accepted)");
        out.println("  refused      GET  " + standalone.url() + "/refused");
        out.println("  issue a CoO  POST " + standalone.url() + "/certificates   -> " + sandbox.gatewayUrl());
        out.println("  AEO notice   POST " + standalone.url() + "/aeo   -> " + sandbox.gatewayUrl());
        String signer = sandbox.signingIdentity().certificate().getSubjectX500Principal().getName();
        out.println("  signs with   " + profile.id() + " as " + signer);
        out.println("  trusts       " + (anchors.isEmpty() ? "the development roots in " + pki.directory() : anchors));
        out.println("  faults       " + sandbox.status().get("faults") + ", delay " + window.delay());
        out.println("  credentials  every endpoint: 'Authorization: Bearer <API key of " + partyId + ">' (sandbox." + name
                + ".api-key); the inbox also takes the delivery token in " + token.file().toAbsolutePath()
                + " (name that file in your agreement's delivery.authorization-file)");
        out.println("Certificates for your gateway to trust:");
        exported.forEach(file -> out.println("  " + file.toAbsolutePath()));
        out.flush();
        return standalone;
    }

    /** The sandbox's settings (sandbox.yml) and the gateway's (application.yml, first document) under the given overrides. */
    private static Binder defaults(Map<String, Object> overrides) throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("sandbox-command-line", overrides));
        for (String file : List.of(SandboxDefaults.RESOURCE, "application.yml")) {
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
            if (!yaml.isEmpty()) {
                sources.add(yaml.get(0));
            }
        }
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static void putIfGiven(Map<String, String> settings, String name, String value) {
        if (value != null) {
            settings.put(name, value);
        }
    }

    /** signatures.sign-with of the party's shipped agreement: the profile the gateway expects its signatures in. */
    private static String agreedSigningProfile(String partyId) throws IOException {
        ClassPathResource agreement = new ClassPathResource("agreements/" + partyId + ".yml");
        if (!agreement.exists()) {
            return SigningProfile.XMLDSIG_ECDSA_SHA256.id();
        }
        for (PropertySource<?> document : new YamlPropertySourceLoader().load(partyId, agreement)) {
            Object profile = document.getProperty("signatures.sign-with");
            if (profile != null) {
                return profile.toString();
            }
        }
        return SigningProfile.XMLDSIG_ECDSA_SHA256.id();
    }

    /** The trust anchors, read as the gateway reads an agreement's; each file must hold one at least. */
    private static List<X509Certificate> certificates(List<Path> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            List<X509Certificate> read;
            try {
                read = PartnerSignatures.certificates(List.of(file));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--trust: " + e.getMessage(), e);
            }
            if (read.isEmpty()) {
                throw new IllegalArgumentException("--trust " + file + " holds no certificate");
            }
            certificates.addAll(read);
        }
        return certificates;
    }
}
