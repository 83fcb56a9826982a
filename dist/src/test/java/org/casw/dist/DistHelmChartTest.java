package org.casw.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.casw.gateway.partner.ConfiguredPartners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.casw.dist.DistContainerTest.list;
import static org.casw.dist.DistContainerTest.map;

/**
 * charts/casw-gateway rendered (without Helm, see {@link HelmTemplates}) and checked against the application: N
 * replicas with probes on the actuator's liveness and readiness paths, one port from container to Service, a
 * disruption budget over the same pods, environment that names real settings and no secret, and the Secret's and
 * ConfigMap's files mounted where the image's configuration template looks for them.
 */
class DistHelmChartTest {

    private static final KnownSettings KNOWN = KnownSettings.ofGateway();
    private static final String RELEASE = "window";

    private static Map<String, Object> values() {
        return map(KnownSettings.yamlDocuments(Shipped.read(Shipped.chart().resolve("values.yaml"))).get(0));
    }

    private static Map<String, Object> chartYaml() {
        return map(KnownSettings.yamlDocuments(Shipped.read(Shipped.chart().resolve("Chart.yaml"))).get(0));
    }

    /** values.yaml with the example agreement of the distribution, as an operator would pass it (--set-file). */
    private static Map<String, Object> valuesWithExampleAgreement() {
        Map<String, Object> values = new LinkedHashMap<>(values());
        values.put("agreements", Map.of("CN-CUSTOMS.yml", Shipped.read(Shipped.module().resolve("src/dist/conf/agreements/example/CN-CUSTOMS.yml"))));
        return values;
    }

    /** Every template rendered with {@code values}, each YAML document parsed. */
    static List<Map<String, Object>> render(Map<String, Object> values) throws IOException {
        HelmTemplates templates = new HelmTemplates(values, RELEASE, chartYaml());
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(Shipped.chart().resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<?, ?> document : KnownSettings.yamlDocuments(templates.render(Shipped.read(file)))) {
                    documents.add(map(document));
                }
            }
        }
        return documents;
    }

    @Test
    void theChartRendersADeploymentServiceDisruptionBudgetSecretAndAgreementsThatMatchTheApplication() throws IOException {
        List<Map<String, Object>> documents = render(valuesWithExampleAgreement());

        assertThat(documents).extracting(d -> d.get("kind"))
                .containsExactlyInAnyOrder("ConfigMap", "Deployment", "PodDisruptionBudget", "Secret", "Service");
        assertThat(chartFindings(documents, values())).isEmpty();
    }

    @Test
    void theChartAndItsImageTagAreTheBuildsVersion() {
        assertThat(chartYaml().get("appVersion")).isEqualTo(Shipped.version());
        assertThat(map(values().get("image")).get("tag")).isEqualTo(Shipped.version());
    }

    @Test
    void theAgreementsTheConfigMapCarriesPassTheGatewaysOwnLoader(@TempDir Path mounted) throws IOException {
        Map<String, Object> configMap = kind(render(valuesWithExampleAgreement()), "ConfigMap");
        for (Map.Entry<String, Object> file : map(configMap.get("data")).entrySet()) {
            Files.writeString(mounted.resolve(file.getKey()), String.valueOf(file.getValue()));
        }

        ConfiguredPartners partners = Shipped.loadAgreements(mounted);

        assertThat(partners.find("CN-CUSTOMS")).isPresent();
    }

    @Test
    void theChartCheckFindsAnUnknownVariableAMissingSecretKeyAWrongProbeAStrayTargetPortAndAnUnmountedFile() throws IOException {
        List<Map<String, Object>> documents = render(valuesWithExampleAgreement());
        Map<String, Object> container = container(kind(documents, "Deployment"));
        for (Object variable : list(container.get("env"))) {
            if (map(variable).get("name").equals("SPRING_ARTEMIS_BROKERURL")) {
                map(variable).put("name", "SPRING_ARTEMIS_BROKERURLS");
            }
            if (map(variable).get("name").equals("GATEWAY_OPERATORS_OPS_CONSOLEPASSWORD")) {
                map(map(map(variable).get("valueFrom")).get("secretKeyRef")).put("key", "operator-password");
            }
        }
        map(map(container.get("readinessProbe")).get("httpGet")).put("path", "/actuator/health/ready");
        map(list(map(kind(documents, "Service").get("spec")).get("ports")).get(0)).put("targetPort", "https");
        container.put("volumeMounts", list(container.get("volumeMounts")).stream().filter(m -> !map(m).get("name").equals("database")).toList());
        map(map(map(kind(documents, "Deployment").get("spec")).get("template")).get("spec")).remove("enableServiceLinks");

        assertThat(chartFindings(documents, values())).containsExactlyInAnyOrder(
                "SPRING_ARTEMIS_BROKERURLS: neither a setting of the gateway nor a variable of bin/gateway",
                "GATEWAY_OPERATORS_OPS_CONSOLEPASSWORD takes key operator-password of Secret window-casw-gateway, which the chart does not make",
                "readinessProbe asks /actuator/health/ready, not /actuator/health/readiness",
                "Service targetPort https: no container port has that name",
                "enableServiceLinks must be false: Kubernetes would add a <SERVICE>_SERVICE_HOST variable per Service,"
                        + " and a GATEWAY_... one is an unknown gateway.* setting, on which the gateway refuses to start",
                "spring.config.import: the database password /etc/casw-gateway/database/spring.datasource.password is not mounted");
    }

    @Test
    void theRendererRefusesWhatItDoesNotRenderAndValuesThatAreMissing() {
        HelmTemplates templates = new HelmTemplates(values(), RELEASE, chartYaml());

        assertThatThrownBy(() -> templates.render("resources: {{ toYaml .Values.resources }}"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> templates.render("port: {{ .Values.server.prot }}")).hasMessageContaining("prot");
        assertThat(templates.render("a:\n{{- range $k, $v := .Values.image }}\n  {{ $k }}: {{ $v | quote }}\n{{- end }}\n"))
                .isEqualTo("a:\n  pullPolicy: \"IfNotPresent\"\n  repository: \"casw-gateway\"\n  tag: \"" + Shipped.version() + "\"\n");
    }

    /** What is wrong with the rendered chart. */
    static List<String> chartFindings(List<Map<String, Object>> documents, Map<String, Object> values) {
        List<String> findings = new ArrayList<>();
        Map<String, Object> deployment = kind(documents, "Deployment");
        Map<String, Object> spec = map(deployment.get("spec"));
        Map<String, Object> pod = map(spec.get("template"));
        Map<String, Object> podLabels = map(map(pod.get("metadata")).get("labels"));
        Map<String, Object> container = container(deployment);

        if (!String.valueOf(spec.get("replicas")).equals(String.valueOf(values.get("replicaCount")))) {
            findings.add("replicas " + spec.get("replicas") + " is not values' replicaCount " + values.get("replicaCount"));
        }
        selects("Deployment selector", map(map(spec.get("selector")).get("matchLabels")), podLabels, findings);
        Map<String, Object> budget = map(kind(documents, "PodDisruptionBudget").get("spec"));
        selects("PodDisruptionBudget", map(map(budget.get("selector")).get("matchLabels")), podLabels, findings);
        if (Integer.parseInt(String.valueOf(budget.get("minAvailable"))) >= Integer.parseInt(String.valueOf(spec.get("replicas")))) {
            findings.add("PodDisruptionBudget minAvailable " + budget.get("minAvailable") + " leaves no node to drain");
        }
        Map<String, Object> service = map(kind(documents, "Service").get("spec"));
        selects("Service", map(service.get("selector")), podLabels, findings);

        // the environment: values, or keys of the chart's own Secret
        Map<String, Object> secret = kind(documents, "Secret");
        Object secretName = map(secret.get("metadata")).get("name");
        Set<String> secretKeys = new HashSet<>(map(secret.get("data")).keySet());
        secretKeys.addAll(map(secret.get("stringData")).keySet());
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object variable : list(container.get("env"))) {
            String name = String.valueOf(map(variable).get("name"));
            Map<String, Object> reference = map(map(map(variable).get("valueFrom")).get("secretKeyRef"));
            if (!reference.isEmpty() && (!secretName.equals(reference.get("name")) || !secretKeys.contains(String.valueOf(reference.get("key"))))) {
                findings.add(name + " takes key " + reference.get("key") + " of Secret " + reference.get("name") + ", which the chart does not make");
            }
            environment.put(name, String.valueOf(map(variable).get("value")));
        }

        // one port from the Service to the container to the gateway
        int serverPort = Integer.parseInt(environment.getOrDefault("SERVER_PORT", String.valueOf(Shipped.serverPort())));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object port : list(container.get("ports"))) {
            ports.put(String.valueOf(map(port).get("name")), Integer.parseInt(String.valueOf(map(port).get("containerPort"))));
        }
        if (!ports.containsValue(serverPort)) {
            findings.add("no container port is the gateway's server.port " + serverPort + ": " + ports);
        }
        for (Object port : list(service.get("ports"))) {
            Object target = map(port).get("targetPort");
            Integer resolved = target instanceof Integer number ? number : ports.get(String.valueOf(target));
            if (resolved == null) {
                findings.add("Service targetPort " + target + ": no container port has that name");
            } else if (resolved != serverPort) {
                findings.add("Service targetPort " + target + " is port " + resolved + ", not server.port " + serverPort);
            }
        }

        // probes the gateway serves, on its port
        Set<String> probes = Shipped.probePaths(KNOWN);
        Map<String, String> expected = Map.of("livenessProbe", "/health/liveness", "readinessProbe", "/health/readiness",
                "startupProbe", "/health/liveness");
        expected.forEach((probe, kind) -> {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            if (get.isEmpty()) {
                findings.add(probe + " is missing");
                return;
            }
            String path = String.valueOf(get.get("path"));
            String wanted = probes.stream().filter(p -> p.endsWith(kind)).findFirst().orElse("(not served)");
            if (!path.equals(wanted)) {
                findings.add(probe + " asks " + path + ", not " + wanted);
            }
            Object port = get.get("port");
            Integer resolved = port instanceof Integer number ? number : ports.get(String.valueOf(port));
            if (resolved == null || resolved != serverPort) {
                findings.add(probe + " asks port " + port + ", not server.port " + serverPort);
            }
        });

        Set<String> launcher = Shipped.launcherVariables(Shipped.read(Shipped.module().resolve("src/dist/bin/gateway")));
        findings.addAll(Shipped.unknownEnvironment(environment.keySet(), launcher, KNOWN));
        findings.addAll(Shipped.inlineSecrets(environment.keySet()));

        if (!Boolean.FALSE.equals(map(pod.get("spec")).get("enableServiceLinks"))) {
            findings.add("enableServiceLinks must be false: Kubernetes would add a <SERVICE>_SERVICE_HOST variable per Service,"
                    + " and a GATEWAY_... one is an unknown gateway.* setting, on which the gateway refuses to start");
        }

        // runs as the image's user, never root
        Dockerfile image = Dockerfile.parse(Shipped.read(Shipped.module().resolve("Dockerfile")));
        Map<String, Object> security = map(map(pod.get("spec")).get("securityContext"));
        String imageUser = image.last("USER").split(":", -1)[0];
        if (!Boolean.TRUE.equals(security.get("runAsNonRoot")) || !String.valueOf(security.get("runAsUser")).equals(imageUser)) {
            findings.add("the pod must run as non-root user " + imageUser + " (the image's): " + security);
        }
        if (!Boolean.FALSE.equals(map(container.get("securityContext")).get("allowPrivilegeEscalation"))) {
            findings.add("the container must not allow privilege escalation");
        }
        if (map(map(container.get("resources")).get("limits")).get("memory") == null) {
            findings.add("the container has no memory limit");
        }

        // the Secret's and ConfigMap's files where the configuration template names them
        Map<String, Object> configMap = kind(documents, "ConfigMap");
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object volume : list(map(pod.get("spec")).get("volumes"))) {
            volumes.put(String.valueOf(map(volume).get("name")), map(volume));
        }
        Set<String> files = new HashSet<>();
        Set<String> directories = new HashSet<>();
        for (Object mount : list(container.get("volumeMounts"))) {
            String path = String.valueOf(map(mount).get("mountPath"));
            Map<String, Object> volume = volumes.getOrDefault(String.valueOf(map(mount).get("name")), Map.of());
            directories.add(path);
            Map<String, Object> fromSecret = map(volume.get("secret"));
            if (!fromSecret.isEmpty()) {
                if (!fromSecret.get("secretName").equals(map(secret.get("metadata")).get("name"))) {
                    findings.add("volume " + volume.get("name") + " names Secret " + fromSecret.get("secretName") + ", which the chart does not make");
                }
                for (Object item : list(fromSecret.get("items"))) {
                    if (!secretKeys.contains(String.valueOf(map(item).get("key")))) {
                        findings.add("volume " + volume.get("name") + " mounts key " + map(item).get("key") + ", which the Secret lacks");
                    }
                    files.add(path + "/" + map(item).get("path"));
                }
            }
            Map<String, Object> fromConfigMap = map(volume.get("configMap"));
            if (!fromConfigMap.isEmpty() && !fromConfigMap.get("name").equals(map(configMap.get("metadata")).get("name"))) {
                findings.add("volume " + volume.get("name") + " names ConfigMap " + fromConfigMap.get("name") + ", which the chart does not make");
            }
        }
        String conf = environment.getOrDefault(Shipped.CONF_VARIABLE, image.pairs("ENV").get(Shipped.CONF_VARIABLE));
        findings.addAll(Shipped.unprovidedFiles(Shipped.template(), conf, files, directories));
        return findings;
    }

    private static void selects(String what, Map<String, Object> selector, Map<String, Object> labels, List<String> findings) {
        if (selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
            findings.add(what + " selects " + selector + ", not the gateway's pods " + labels);
        }
    }

    static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("the chart renders " + found.size() + " " + kind + " documents, not one");
        }
        return found.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return map(list(podSpec.get("containers")).get(0));
    }
}
