package org.casw.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What this module ships (the tarball's files, the Dockerfile, compose.yaml, the chart) and the checks each of them
 * must pass against the application. Each check returns its findings, one line each, so a test can also feed it a
 * deliberately wrong input and see it find the fault.
 */
final class Shipped {

    /** The variable the configuration template names its directory by (bin/gateway exports it). */
    static final String CONF_VARIABLE = "CASW_GATEWAY_CONF";
    /** The file a Spring Boot config tree must hold for the database password. */
    static final String DATABASE_PASSWORD_FILE = "spring.datasource.password";

    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    private static final Pattern CONFIG_TREE = Pattern.compile("(?:optional:)?configtree:(.+)");

    private Shipped() {
    }

    static String version() {
        return System.getProperty("casw.dist.version");
    }

    static Path tarball() {
        return Path.of(System.getProperty("casw.dist.tarball"));
    }

    /** The dist module's directory (Dockerfile, compose.yaml, src/dist). */
    static Path module() {
        return Path.of(System.getProperty("casw.dist.basedir"));
    }

    static Path chart() {
        return Path.of(System.getProperty("casw.chart.dir")).normalize();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The configuration template, as shipped in conf/ (the image copies the same file). */
    static Map<String, Object> template() {
        return KnownSettings.flatten(KnownSettings.yamlDocuments(read(module().resolve("src/dist/conf/application.yml"))).get(0));
    }

    /** The gateway's own application.yml (every document) and application-production.yml, flattened, from its jar. */
    static Map<String, Object> gatewayDefaults(String resource) {
        try (InputStream in = GatewayApplication.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not among the gateway's resources");
            }
            Map<String, Object> flat = new java.util.LinkedHashMap<>();
            for (Map<?, ?> document : KnownSettings.yamlDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                flat.putAll(KnownSettings.flatten(document));
            }
            return flat;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** The HTTP port a node serves on: the template's server.port, else the gateway's default. */
    static int serverPort() {
        Object port = template().getOrDefault("server.port", gatewayDefaults("application.yml").get("server.port"));
        return Integer.parseInt(String.valueOf(port));
    }

    /**
     * The actuator's probe paths the gateway really serves: liveness and readiness groups exist only with
     * management.endpoint.health.probes.enabled, under management.endpoints.web.base-path (default from the metadata).
     */
    static Set<String> probePaths(KnownSettings known) {
        Map<String, Object> defaults = gatewayDefaults("application.yml");
        if (!Boolean.TRUE.equals(defaults.get("management.endpoint.health.probes.enabled"))) {
            return Set.of();
        }
        Object basePath = defaults.getOrDefault("management.endpoints.web.base-path",
                known.defaultValue("management.endpoints.web.base-path"));
        return Set.of(basePath + "/health/liveness", basePath + "/health/readiness");
    }

    /** Settings a file sets that the application does not have. */
    static List<String> unknownSettings(Map<String, Object> flat, KnownSettings known) {
        return flat.keySet().stream().filter(name -> !known.isKnown(name)).map(name -> name + ": not a setting of the gateway").toList();
    }

    /** Secrets written as values (a password or secret setting), where only files are allowed. */
    static List<String> inlineSecrets(Collection<String> names) {
        List<String> findings = new ArrayList<>();
        for (String name : names) {
            List<String> segments = name.contains(".") || name.equals(name.toLowerCase(Locale.ROOT))
                    ? KnownSettings.segmentsOfProperty(name) : KnownSettings.segmentsOfEnvironmentVariable(name);
            String last = KnownSettings.canonical(segments.get(segments.size() - 1));
            if (last.equals("password") || last.equals("secret")) {
                findings.add(name + ": a secret as a value; name a file instead (a *-file setting or the config tree)");
            }
        }
        return findings;
    }

    /**
     * Environment variables that set nothing the gateway has. The launcher's own variables (bin/gateway) are allowed,
     * unless Spring Boot would also read them under gateway.*, which the gateway binds strictly.
     */
    static List<String> unknownEnvironment(Collection<String> variables, Set<String> launcherVariables, KnownSettings known) {
        List<String> findings = new ArrayList<>();
        for (String variable : variables) {
            boolean launcher = launcherVariables.contains(variable);
            if (KnownSettings.isUnderStrictPrefix(variable) && !known.isKnownEnvironmentVariable(variable)) {
                findings.add(variable + ": Spring Boot reads it as " + String.join(".", KnownSettings.segmentsOfEnvironmentVariable(variable))
                        + ", which is no gateway.* setting: the gateway refuses to start");
            } else if (!launcher && !known.isKnownEnvironmentVariable(variable)) {
                findings.add(variable + ": neither a setting of the gateway nor a variable of bin/gateway");
            }
        }
        return findings;
    }

    /** The variables bin/gateway reads. */
    static Set<String> launcherVariables(String script) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = SHELL_VARIABLE.matcher(script);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The files and directories the template names under the configuration directory that a deployment does not
     * provide: key stores, password and secret files, the agreements directory and the database password's config tree.
     *
     * @param confDirectory what CASW_GATEWAY_CONF is in that deployment
     * @param files         the files its mounts provide (absolute paths)
     * @param directories   the directories its mounts provide
     */
    static List<String> unprovidedFiles(Map<String, Object> template, String confDirectory, Set<String> files, Set<String> directories) {
        List<String> findings = new ArrayList<>();
        template.forEach((name, value) -> {
            String text = String.valueOf(value);
            if (!text.contains("${" + CONF_VARIABLE + "}")) {
                return;
            }
            String resolved = text.replace("${" + CONF_VARIABLE + "}", confDirectory);
            Matcher configTree = CONFIG_TREE.matcher(resolved);
            if (configTree.matches()) {
                String file = configTree.group(1).replaceAll("/+$", "") + "/" + DATABASE_PASSWORD_FILE;
                if (!files.contains(file)) {
                    findings.add(name + ": the database password " + file + " is not mounted");
                }
            } else if (resolved.startsWith("file:") && resolved.endsWith("/*.yml")) {
                String directory = resolved.substring("file:".length(), resolved.length() - "/*.yml".length());
                if (!directories.contains(directory)) {
                    findings.add(name + ": the agreements directory " + directory + " is not mounted");
                }
            } else if (!files.contains(resolved)) {
                findings.add(name + ": " + resolved + " is not mounted");
            }
        });
        return findings;
    }

    /**
     * The agreements in {@code directory} (*.yml), through the gateway's own loader, strict binding and checks: what
     * start-up does with them. Throws what start-up would.
     */
    static ConfiguredPartners loadAgreements(Path directory) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("gateway.agreements", "file:" + directory + "/*.yml", "gateway.dev-pki", "false")));
        new PartnerAgreementFiles().postProcessEnvironment(environment, null);
        GatewayProperties properties = Binder.get(environment).bind("gateway", Bindable.of(GatewayProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).get();
        return new ConfiguredPartners(properties, environment);
    }

    /** A property of a pom (the root pom or a module's), so versions here follow the build's. */
    static String pomProperty(Path pom, String property) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var nodes = factory.newDocumentBuilder().parse(pom.toFile()).getElementsByTagName(property);
            if (nodes.getLength() == 0) {
                throw new IllegalStateException(pom + " has no property " + property);
            }
            return nodes.item(0).getTextContent().trim();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + property + " from " + pom, e);
        }
    }
}
