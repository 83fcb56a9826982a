package org.casw.dist;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.casw.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * dist/Dockerfile and dist/compose.yaml against the application: a non-root image whose health check asks a probe the
 * gateway serves on the port it listens on, and a compose topology (two nodes behind one address, an Artemis
 * shared-store pair, one PostgreSQL) whose environment names real settings, whose broker and database URLs name its
 * own services and ports, and whose secrets land where the configuration template looks for them.
 */
class DistContainerTest {

    private static final KnownSettings KNOWN = KnownSettings.ofGateway();
    private static final String ARTEMIS_IMAGE = "apache/activemq-artemis:";
    private static final String BROKER_XML_MOUNT = "/var/lib/artemis-instance/etc-override/broker.xml";
    private static final Pattern BROKER_URL = Pattern.compile("\\((.+)\\)\\?(.+)");
    private static final Pattern TCP = Pattern.compile("tcp://([^:/]+):(\\d+)");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");
    private static final Pattern HEALTH_URL = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("server\\s+([\\w.-]+):(\\d+)");

    private static Dockerfile dockerfile() {
        return Dockerfile.parse(Shipped.read(Shipped.module().resolve("Dockerfile")));
    }

    private static Map<String, Object> compose() {
        return map(KnownSettings.yamlDocuments(Shipped.read(Shipped.module().resolve("compose.yaml"))).get(0));
    }

    @Test
    void theImageRunsTheDistributionAsANonRootUserOnAJreOfTheCompiledJavaWithAHealthCheckOnTheReadinessProbe() throws IOException {
        assertThat(dockerfileFindings(dockerfile())).isEmpty();
    }

    @Test
    void theDockerfileCheckFindsRootAWrongProbeAWrongPortAndAnOldVersion() throws IOException {
        String text = Shipped.read(Shipped.module().resolve("Dockerfile")).replace("USER 10001:10001", "USER root")
                .replace("/actuator/health/readiness", "/actuator/health/ready").replace("EXPOSE 8080", "EXPOSE 8443")
                .replace("ARG GATEWAY_VERSION=" + Shipped.version(), "ARG GATEWAY_VERSION=0.0.9");

        assertThat(dockerfileFindings(Dockerfile.parse(text))).containsExactlyInAnyOrder(
                "USER root: must be a numeric user other than 0",
                "HEALTHCHECK asks /actuator/health/ready, which the gateway does not serve (its probes: "
                        + Shipped.probePaths(KNOWN).stream().sorted().toList() + ")",
                "EXPOSE 8443: the gateway listens on " + Shipped.serverPort(),
                "ARG GATEWAY_VERSION=0.0.9: the build makes gateway-" + Shipped.version() + ".tar.gz");
    }

    @Test
    void composeRunsTwoNodesBehindOneAddressOnAnArtemisSharedStorePairAndOnePostgresqlThatItsSettingsName() throws Exception {
        assertThat(composeFindings(compose(), Shipped.module())).isEmpty();
    }

    @Test
    void theComposeCheckFindsAnUnknownVariableASecretInTheEnvironmentAndUrlsNamingNothingItRuns() throws Exception {
        Map<String, Object> compose = compose();
        Map<String, Object> gateway = service(compose, "gateway-2");
        Map<String, Object> environment = new LinkedHashMap<>(map(gateway.get("environment")));
        environment.put("GATEWAY_DATADIRR", "/data");
        environment.put("SPRING_DATASOURCE_PASSWORD", "hunter2");
        environment.put("SPRING_ARTEMIS_BROKERURL", "(tcp://artemis-primary:61616,tcp://artemis-backup:61618)?ha=true&reconnectAttempts=-1");
        environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/gateway");
        gateway.put("environment", environment);

        assertThat(composeFindings(compose, Shipped.module())).containsExactlyInAnyOrder(
                "gateway-2: GATEWAY_DATADIRR: Spring Boot reads it as gateway.datadirr, which is no gateway.* setting: the gateway refuses to start",
                "gateway-2: SPRING_DATASOURCE_PASSWORD: a secret as a value; name a file instead (a *-file setting or the config tree)",
                "gateway-2: the broker URL names artemis-backup:61618, which no broker's acceptor is",
                "gateway-2: the broker URL leaves out artemis-backup:61617",
                "gateway-2: the database URL names db, not the PostgreSQL service postgres");
    }

    @Test
    void theComposeCheckFindsAMissingSecretTwoPrimariesAndAnUnbalancedNode(@TempDir Path directory) throws Exception {
        Map<String, Object> compose = compose();
        Map<String, Object> gateway = service(compose, "gateway-1");
        List<Object> secrets = new ArrayList<>(list(gateway.get("secrets")));
        secrets.removeIf(secret -> String.valueOf(map(secret).get("target")).endsWith("/broker-password"));
        gateway.put("secrets", secrets);
        Map<String, Object> backup = service(compose, "artemis-backup");
        backup.put("volumes", list(backup.get("volumes")).stream().map(v -> String.valueOf(v).replace("/backup/", "/primary/")).toList());
        Path oneNode = Files.writeString(directory.resolve("one-node.conf"), "http { upstream gateway { server gateway-1:8080; } }\n");
        service(compose, "load-balancer").put("volumes", List.of(oneNode + ":/etc/nginx/nginx.conf:ro"));

        assertThat(composeFindings(compose, Shipped.module())).containsExactlyInAnyOrder(
                "gateway-1: gateway.broker.external.password-file: /etc/casw-gateway/secrets/broker-password is not mounted",
                "the broker pair must be one shared-store primary and one backup: [primary, primary]",
                // the backup now listens where the primary does
                "gateway-1: the broker URL names artemis-backup:61617, which no broker's acceptor is",
                "gateway-1: the broker URL leaves out artemis-backup:61616",
                "gateway-2: the broker URL names artemis-backup:61617, which no broker's acceptor is",
                "gateway-2: the broker URL leaves out artemis-backup:61616",
                "load-balancer: gateway-2:8080 is not among nginx's upstream servers");
    }

    @Test
    void artemisItselfRefusesAMisspeltBrokerXml(@TempDir Path directory) throws IOException {
        String xml = Shipped.read(Shipped.module().resolve("compose/artemis/primary/broker.xml")).replace("persist-id-cache>", "persist-id-cach>");
        Path broken = Files.writeString(directory.resolve("broker.xml"), xml);

        assertThatThrownBy(() -> broker(broken)).isInstanceOf(Exception.class);
    }

    /** What is wrong with the Dockerfile. */
    static List<String> dockerfileFindings(Dockerfile dockerfile) throws IOException {
        List<String> findings = new ArrayList<>();
        int java = compiledJavaRelease();
        String from = dockerfile.last("FROM");
        if (!from.equals("eclipse-temurin:" + java + "-jre")) {
            findings.add("FROM " + from + ": must be the Java " + java + " JRE the gateway is compiled for (eclipse-temurin:" + java + "-jre)");
        }
        String user = dockerfile.last("USER").split(":", -1)[0];
        if (!user.matches("\\d+") || Integer.parseInt(user) == 0) {
            findings.add("USER " + dockerfile.last("USER") + ": must be a numeric user other than 0");
        }
        List<String> exposed = dockerfile.all("EXPOSE").stream().flatMap(e -> List.of(e.split("\\s+", -1)).stream())
                .map(port -> port.replace("/tcp", "")).toList();
        if (!exposed.contains(String.valueOf(Shipped.serverPort()))) {
            findings.add("EXPOSE " + String.join(" ", exposed) + ": the gateway listens on " + Shipped.serverPort());
        }
        String health = dockerfile.last("HEALTHCHECK");
        Matcher url = HEALTH_URL.matcher(health);
        if (!url.find()) {
            findings.add("HEALTHCHECK " + health + ": asks no local HTTP URL");
        } else {
            Set<String> probes = Shipped.probePaths(KNOWN);
            if (!probes.contains(url.group(2))) {
                findings.add("HEALTHCHECK asks " + url.group(2) + ", which the gateway does not serve (its probes: "
                        + probes.stream().sorted().toList() + ")");
            }
            if (Integer.parseInt(url.group(1)) != Shipped.serverPort()) {
                findings.add("HEALTHCHECK asks port " + url.group(1) + "; the gateway listens on " + Shipped.serverPort());
            }
            String tool = health.substring(health.indexOf("CMD") + 3).strip().split("\\s+", -1)[0];
            boolean installed = dockerfile.all("RUN").stream().anyMatch(run -> run.matches(".*apt-get install.*\\b" + tool + "\\b.*"));
            if (!installed && !tool.equals("java")) {
                findings.add("HEALTHCHECK runs " + tool + ", which no RUN installs");
            }
        }
        String version = dockerfile.pairs("ARG").get("GATEWAY_VERSION");
        if (!Shipped.version().equals(version)) {
            findings.add("ARG GATEWAY_VERSION=" + version + ": the build makes gateway-" + Shipped.version() + ".tar.gz");
        }
        if (dockerfile.all("ADD").stream().noneMatch(add -> add.startsWith("target/gateway-${GATEWAY_VERSION}.tar.gz "))) {
            findings.add("ADD: must unpack target/gateway-${GATEWAY_VERSION}.tar.gz, the distribution this module builds");
        }
        Set<String> launcher = Shipped.launcherVariables(Shipped.read(Shipped.module().resolve("src/dist/bin/gateway")));
        findings.addAll(Shipped.unknownEnvironment(dockerfile.pairs("ENV").keySet(), launcher, KNOWN));
        String entrypoint = dockerfile.last("ENTRYPOINT");
        if (!entrypoint.contains("\"/opt/casw-gateway/bin/gateway\"")) {
            findings.add("ENTRYPOINT " + entrypoint + ": must be the distribution's launcher, /opt/casw-gateway/bin/gateway");
        }
        return findings;
    }

    /** What is wrong with the compose topology ({@code module}: where its relative paths start). */
    static List<String> composeFindings(Map<String, Object> compose, Path module) throws Exception {
        List<String> findings = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        List<String> gateways = services.keySet().stream().filter(name -> service(compose, name).containsKey("build")).toList();
        List<String> brokers = services.keySet().stream().filter(name -> image(compose, name).startsWith(ARTEMIS_IMAGE)).toList();
        List<String> databases = services.keySet().stream().filter(name -> image(compose, name).startsWith("postgres:")).toList();
        if (gateways.size() != 2) {
            findings.add("gateway nodes (services built from the Dockerfile): " + gateways + ", not two");
        }
        if (databases.size() != 1) {
            findings.add("PostgreSQL services: " + databases + ", not one");
            return findings;
        }
        String database = databases.get(0);
        Path root = module.getParent();
        String postgresMajor = Shipped.pomProperty(root.resolve("pom.xml"), "postgres-binaries.version").split("\\.", -1)[0];
        if (!image(compose, database).equals("postgres:" + postgresMajor)) {
            findings.add(database + ": " + image(compose, database) + ", where the embedded binaries are PostgreSQL " + postgresMajor);
        }

        // the broker pair: one primary and one backup on one shared journal
        String artemisVersion = Shipped.pomProperty(root.resolve("gateway/pom.xml"), "artemis.distribution.version");
        Map<String, Set<Integer>> acceptors = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        Set<String> sharedVolumes = null;
        for (String broker : brokers) {
            if (!image(compose, broker).equals(ARTEMIS_IMAGE + artemisVersion)) {
                findings.add(broker + ": " + image(compose, broker) + ", where the tests run Artemis " + artemisVersion);
            }
            List<String> volumes = list(service(compose, broker).get("volumes")).stream().map(String::valueOf).toList();
            String xml = volumes.stream().filter(v -> v.contains(":" + BROKER_XML_MOUNT)).findFirst().orElse(null);
            if (xml == null) {
                findings.add(broker + ": mounts no broker.xml at " + BROKER_XML_MOUNT);
                continue;
            }
            Configuration configuration = broker(module.resolve(xml.substring(0, xml.indexOf(':'))));
            roles.add(configuration.getHAPolicyConfiguration() instanceof SharedStorePrimaryPolicyConfiguration ? "primary"
                    : configuration.getHAPolicyConfiguration() instanceof SharedStoreBackupPolicyConfiguration ? "backup"
                    : String.valueOf(configuration.getHAPolicyConfiguration()));
            if (!configuration.isPersistIDCache()) {
                findings.add(broker + ": its duplicate-id cache is not persisted, which the gateway refuses");
            }
            acceptors.put(broker, ports(configuration.getAcceptorConfigurations()));
            Set<String> journal = new LinkedHashSet<>();
            for (String volume : volumes) {
                String[] parts = volume.split(":", -1);
                if (!parts[0].startsWith(".") && !parts[0].startsWith("/") && configuration.getJournalDirectory().startsWith(parts[1] + "/")) {
                    journal.add(parts[0] + ":" + parts[1]);
                }
            }
            if (journal.isEmpty()) {
                findings.add(broker + ": its journal " + configuration.getJournalDirectory() + " is on no named volume");
            }
            if (sharedVolumes == null) {
                sharedVolumes = journal;
            } else if (!sharedVolumes.equals(journal)) {
                findings.add(broker + ": its journal is on " + journal + ", not on the other broker's " + sharedVolumes);
            }
        }
        if (!roles.stream().sorted().toList().equals(List.of("backup", "primary"))) {
            findings.add("the broker pair must be one shared-store primary and one backup: " + roles);
        }

        Set<String> launcher = Shipped.launcherVariables(Shipped.read(module.resolve("src/dist/bin/gateway")));
        Map<String, String> image = Dockerfile.parse(Shipped.read(module.resolve("Dockerfile"))).pairs("ENV");
        Map<String, Object> postgres = map(service(compose, database).get("environment"));
        for (String gateway : gateways) {
            Map<String, Object> environment = map(service(compose, gateway).get("environment"));
            Shipped.unknownEnvironment(environment.keySet(), launcher, KNOWN).forEach(f -> findings.add(gateway + ": " + f));
            Shipped.inlineSecrets(environment.keySet()).forEach(f -> findings.add(gateway + ": " + f));
            brokerUrl(String.valueOf(environment.get("SPRING_ARTEMIS_BROKERURL")), acceptors).forEach(f -> findings.add(gateway + ": " + f));
            Matcher jdbc = JDBC.matcher(String.valueOf(environment.get("SPRING_DATASOURCE_URL")));
            if (!jdbc.matches()) {
                findings.add(gateway + ": SPRING_DATASOURCE_URL is no PostgreSQL JDBC URL");
            } else {
                if (!jdbc.group(1).equals(database)) {
                    findings.add(gateway + ": the database URL names " + jdbc.group(1) + ", not the PostgreSQL service " + database);
                }
                if (jdbc.group(2) != null && !jdbc.group(2).equals("5432")) {
                    findings.add(gateway + ": the database URL names port " + jdbc.group(2) + "; PostgreSQL listens on 5432");
                }
                if (!jdbc.group(3).equals(postgres.get("POSTGRES_DB"))) {
                    findings.add(gateway + ": the database URL names database " + jdbc.group(3) + ", not " + postgres.get("POSTGRES_DB"));
                }
            }
            if (!String.valueOf(environment.get("SPRING_DATASOURCE_USERNAME")).equals(postgres.get("POSTGRES_USER"))) {
                findings.add(gateway + ": SPRING_DATASOURCE_USERNAME is not PostgreSQL's POSTGRES_USER");
            }
            Set<String> files = new HashSet<>();
            for (Object secret : list(service(compose, gateway).get("secrets"))) {
                files.add(secret instanceof Map<?, ?> longSyntax ? String.valueOf(longSyntax.get("target")) : "/run/secrets/" + secret);
            }
            Set<String> directories = new HashSet<>();
            for (Object volume : list(service(compose, gateway).get("volumes"))) {
                directories.add(String.valueOf(volume).split(":", -1)[1]);
            }
            String conf = String.valueOf(environment.getOrDefault(Shipped.CONF_VARIABLE, image.get(Shipped.CONF_VARIABLE)));
            Shipped.unprovidedFiles(Shipped.template(), conf, files, directories).forEach(f -> findings.add(gateway + ": " + f));
        }

        // one address in front of both nodes
        List<String> balancers = services.keySet().stream().filter(name -> image(compose, name).startsWith("nginx:")).toList();
        if (balancers.size() != 1) {
            findings.add("load balancers (nginx): " + balancers + ", not one");
            return findings;
        }
        String balancer = balancers.get(0);
        String conf = list(service(compose, balancer).get("volumes")).stream().map(String::valueOf)
                .filter(v -> v.contains(":/etc/nginx/nginx.conf")).map(v -> v.substring(0, v.indexOf(':'))).findFirst().orElse(null);
        Set<String> upstream = new HashSet<>();
        if (conf != null) {
            Matcher server = UPSTREAM_SERVER.matcher(Shipped.read(module.resolve(conf)));
            while (server.find()) {
                upstream.add(server.group(1) + ":" + server.group(2));
            }
        }
        for (String gateway : gateways) {
            if (!upstream.contains(gateway + ":" + Shipped.serverPort())) {
                findings.add(balancer + ": " + gateway + ":" + Shipped.serverPort() + " is not among nginx's upstream servers");
            }
        }
        if (list(service(compose, balancer).get("ports")).isEmpty()) {
            findings.add(balancer + ": publishes no port, so the nodes have no address outside compose");
        }
        return findings;
    }

    /** The HA broker URL must name every broker's acceptor, and nothing else, with failover on. */
    private static List<String> brokerUrl(String url, Map<String, Set<Integer>> acceptors) {
        List<String> findings = new ArrayList<>();
        Matcher matcher = BROKER_URL.matcher(url);
        if (!matcher.matches()) {
            return List.of("the broker URL " + url + " is not (tcp://a:p,tcp://b:q)?ha=true&...");
        }
        Set<String> named = new LinkedHashSet<>();
        Matcher tcp = TCP.matcher(matcher.group(1));
        while (tcp.find()) {
            String address = tcp.group(1) + ":" + tcp.group(2);
            named.add(address);
            if (!acceptors.getOrDefault(tcp.group(1), Set.of()).contains(Integer.parseInt(tcp.group(2)))) {
                findings.add("the broker URL names " + address + ", which no broker's acceptor is");
            }
        }
        acceptors.forEach((broker, ports) -> ports.stream().map(port -> broker + ":" + port).filter(a -> !named.contains(a))
                .forEach(a -> findings.add("the broker URL leaves out " + a)));
        List<String> parameters = List.of(matcher.group(2).split("&", -1));
        if (!parameters.contains("ha=true") || !parameters.contains("reconnectAttempts=-1")) {
            findings.add("the broker URL must carry ha=true and reconnectAttempts=-1 to fail over and reconnect: " + url);
        }
        return findings;
    }

    /** broker.xml read by Artemis itself (schema-validated), as the broker would at start. */
    static Configuration broker(Path xml) throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(xml.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }

    private static Set<Integer> ports(Set<TransportConfiguration> acceptors) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (TransportConfiguration acceptor : acceptors) {
            ports.add(Integer.parseInt(String.valueOf(acceptor.getParams().get("port"))));
        }
        return ports;
    }

    /** The Java release gateway's classes are compiled for, from the class file's major version. */
    private static int compiledJavaRelease() throws IOException {
        try (InputStream in = GatewayApplication.class.getResourceAsStream("GatewayApplication.class")) {
            DataInputStream data = new DataInputStream(in);
            data.readInt();
            data.readUnsignedShort();
            return data.readUnsignedShort() - 44;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) map(compose.get("services")).get(name);
    }

    private static String image(Map<String, Object> compose, String name) {
        return String.valueOf(service(compose, name).getOrDefault("image", ""));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }
}
