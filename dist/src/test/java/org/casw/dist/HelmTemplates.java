package org.casw.dist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the chart's templates without Helm (not installed here), for the subset of Go templates they use: values
 * ({@code .Values.a.b}, {@code .Release.Name}, {@code .Chart.Name}), variables, {@code | quote}, {@code | indent N},
 * {@code range $key, $value := ...} over a map, {@code if}, {@code end}, comments and whitespace trimming (a dash
 * inside an action's opening or closing braces). Anything else is refused by name, so a template that outgrows this renderer fails
 * the test instead of rendering wrong; a value the template names but the values lack is an error, as in Helm's
 * strict mode.
 */
final class HelmTemplates {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final Pattern RANGE = Pattern.compile("range\\s+(\\$\\w+)\\s*,\\s*(\\$\\w+)\\s*:=\\s*(.+)");
    private static final Pattern INDENT = Pattern.compile("indent\\s+(\\d+)");

    private final Map<String, Object> root;

    /** The top-level objects: {@code Values}, {@code Release} and {@code Chart} (with Chart.yaml's keys capitalised). */
    HelmTemplates(Map<String, Object> values, String releaseName, Map<String, Object> chartYaml) {
        Map<String, Object> chart = new HashMap<>();
        chartYaml.forEach((key, value) -> chart.put(Character.toUpperCase(key.charAt(0)) + key.substring(1), value));
        this.root = Map.of("Values", values, "Release", Map.of("Name", releaseName, "Namespace", "default"), "Chart", chart);
    }

    /** The text {@code template} renders to. */
    String render(String template) {
        List<Token> tokens = tokens(template);
        StringBuilder out = new StringBuilder();
        int end = run(tokens, 0, new HashMap<>(), out, true);
        if (end != tokens.size()) {
            throw new IllegalArgumentException("an {{ end }} without its range or if");
        }
        return out.toString();
    }

    private record Token(String text, String action) {
    }

    /** Text and actions, with the whitespace the trim markers remove already removed. */
    private static List<Token> tokens(String template) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = ACTION.matcher(template);
        int at = 0;
        boolean trimNext = false;
        while (matcher.find()) {
            String text = template.substring(at, matcher.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!matcher.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            tokens.add(new Token(text, null));
            tokens.add(new Token(null, matcher.group(2)));
            trimNext = !matcher.group(3).isEmpty();
            at = matcher.end();
        }
        String rest = template.substring(at);
        tokens.add(new Token(trimNext ? rest.stripLeading() : rest, null));
        return tokens;
    }

    /** Runs tokens from {@code from} to the matching end (returning its index) or to the last token. */
    private int run(List<Token> tokens, int from, Map<String, Object> variables, StringBuilder out, boolean emit) {
        int i = from;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            if (token.text() != null) {
                if (emit) {
                    out.append(token.text());
                }
                i++;
                continue;
            }
            String action = token.action();
            if (action.startsWith("/*")) {
                i++;
            } else if (action.equals("end")) {
                return i;
            } else if (action.startsWith("range ")) {
                Matcher range = RANGE.matcher(action);
                if (!range.matches()) {
                    throw new UnsupportedOperationException("only 'range $key, $value := <map>' is rendered: " + action);
                }
                Object over = emit ? evaluate(range.group(3), variables) : Map.of();
                if (!(over instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException(range.group(3) + " is not a map: " + over);
                }
                int end = run(tokens, i + 1, variables, new StringBuilder(), false);
                // Go ranges over a map in its keys' order
                for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                    Map<String, Object> inner = new HashMap<>(variables);
                    inner.put(range.group(1), entry.getKey());
                    inner.put(range.group(2), entry.getValue());
                    run(tokens, i + 1, inner, out, true);
                }
                i = end + 1;
            } else if (action.startsWith("if ")) {
                boolean holds = emit && truthy(evaluate(action.substring(3).trim(), variables));
                i = run(tokens, i + 1, variables, out, holds) + 1;
            } else {
                if (emit) {
                    out.append(text(evaluate(action, variables), action));
                }
                i++;
            }
        }
        return i;
    }

    private Object evaluate(String pipeline, Map<String, Object> variables) {
        String[] stages = pipeline.split("\\|", -1);
        Object value = lookUp(stages[0].trim(), variables);
        for (int s = 1; s < stages.length; s++) {
            String function = stages[s].trim();
            Matcher indent = INDENT.matcher(function);
            if (function.equals("quote")) {
                value = '"' + text(value, pipeline).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            } else if (indent.matches()) {
                String pad = " ".repeat(Integer.parseInt(indent.group(1)));
                value = pad + text(value, pipeline).replace("\n", "\n" + pad);
            } else {
                throw new UnsupportedOperationException("template function '" + function + "' is not rendered here: " + pipeline);
            }
        }
        return value;
    }

    private Object lookUp(String expression, Map<String, Object> variables) {
        if (expression.startsWith("$")) {
            if (!variables.containsKey(expression)) {
                throw new IllegalArgumentException("undefined variable " + expression);
            }
            return variables.get(expression);
        }
        if (!expression.startsWith(".")) {
            throw new UnsupportedOperationException("only values, variables, quote and indent are rendered here: " + expression);
        }
        Object value = root;
        for (String key : expression.substring(1).split("\\.", -1)) {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new IllegalArgumentException(expression + ": no value '" + key + "'");
            }
            value = map.get(key);
        }
        return value;
    }

    private static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value) && !(value instanceof Map<?, ?> m && m.isEmpty())
                && !(value instanceof List<?> l && l.isEmpty()) && !(value instanceof Number n && n.doubleValue() == 0);
    }

    private static String text(Object value, String where) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new UnsupportedOperationException(where + " renders a map or a list, which needs toYaml: not rendered here");
        }
        return value == null ? "" : String.valueOf(value);
    }
}
