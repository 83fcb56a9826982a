package org.casw.gateway.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The repository's monitoring files (monitoring/): the Prometheus alert rules and the Grafana dashboard, and the PromQL in them. */
final class MonitoringFiles {

    static final Path DIR = Path.of("..", "monitoring");
    static final Path ALERT_RULES = DIR.resolve("prometheus/gateway-alerts.yml");
    static final Path ALERT_RULE_TESTS = DIR.resolve("prometheus/gateway-alerts.test.yml");
    static final Path DASHBOARD = DIR.resolve("grafana/gateway-dashboard.json");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "inf", "nan");
    /** Clauses whose parentheses hold label names, not series. */
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MonitoringFiles() {
    }

    /** Every alerting rule of the rules file, as loaded (group name under "group"). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(read(ALERT_RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                Map<String, Object> withGroup = new java.util.LinkedHashMap<>(rule);
                withGroup.put("group", group.get("name"));
                rules.add(withGroup);
            }
        }
        return rules;
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(read(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL query of the dashboard: its panels' targets (rows' panels included) and its variables' queries. */
    static List<String> dashboardQueries() {
        List<String> queries = new ArrayList<>();
        JsonNode dashboard = dashboard();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        dashboard.path("panels").forEach(p -> p.path("panels").forEach(panels::add));
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return queries;
    }

    /**
     * The metric names a PromQL expression reads: identifiers that are not functions, keywords, label names (in matchers and
     * in by/on/... lists), strings, durations or numbers. Grafana's label_values(metric, label) names its metric first.
     */
    static Set<String> metricNames(String promql) {
        String expr = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " "); // ranges and subqueries
        Matcher labelValues = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)").matcher(expr);
        Set<String> names = new TreeSet<>();
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            expr = labelValues.replaceAll(" ");
        }
        expr = LABEL_LISTS.matcher(expr).replaceAll(" ");
        Matcher m = IDENTIFIER.matcher(expr);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < expr.length() && Character.isWhitespace(expr.charAt(after))) {
                after++;
            }
            boolean function = after < expr.length() && expr.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && (Character.isDigit(expr.charAt(m.start() - 1)) || expr.charAt(m.start() - 1) == '.');
            if (!function && !partOfNumber && !KEYWORDS.contains(word.toLowerCase()) && !word.startsWith("$")) {
                names.add(word);
            }
        }
        return names;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
