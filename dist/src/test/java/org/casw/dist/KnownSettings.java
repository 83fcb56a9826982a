package org.casw.dist;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.config.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The settings the gateway really has, derived from what it carries rather than listed by hand: the Spring Boot
 * configuration metadata of every library on its class path (spring.*, server.*, management.*, logging.*, camel.*,
 * springdoc.*), the {@code gateway.*} tree of {@link GatewayProperties} and any other {@code @ConfigurationProperties}
 * record of the gateway, and the {@code @Value("${...}")} settings its classes read. A shipped file that sets
 * anything else sets nothing, or (under gateway.*, which refuses unknown settings) stops the gateway from starting.
 */
final class KnownSettings {

    /** One segment of a name pattern that matches any map key or list index. */
    private static final String ANY = "*";
    /** A pattern ending here matches the name and anything below it (a Map-typed or free-form setting). */
    private static final String REST = "**";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

    private final List<List<String>> patterns;
    private final Map<String, String> defaults;

    private KnownSettings(List<List<String>> patterns, Map<String, String> defaults) {
        this.patterns = patterns;
        this.defaults = defaults;
    }

    /** The gateway's settings, read from the class path of the gateway's classes. */
    static KnownSettings ofGateway() {
        List<List<String>> patterns = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        springMetadata(patterns, defaults);
        configurationProperties(patterns);
        valueAnnotations(patterns);
        return new KnownSettings(List.copyOf(patterns), Map.copyOf(defaults));
    }

    /** A library setting's default as its metadata states it (e.g. management.endpoints.web.base-path: /actuator). */
    String defaultValue(String name) {
        String value = defaults.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no default stated for " + name);
        }
        return value;
    }

    /** Whether {@code name} (as written in YAML or as a property, relaxed: kebab, camel case, [index]) is a setting. */
    boolean isKnown(String name) {
        List<String> segments = segmentsOfProperty(name);
        return patterns.stream().anyMatch(pattern -> matches(pattern, segments));
    }

    /**
     * The setting an environment variable sets, as a property name in the form the application documents (map keys
     * and list indices filled in from the variable), or empty when it sets none.
     */
    Optional<String> propertyOfEnvironmentVariable(String variable) {
        List<String> segments = segmentsOfEnvironmentVariable(variable);
        return patterns.stream().filter(pattern -> matches(pattern, segments)).findFirst().map(pattern -> {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < pattern.size(); i++) {
                String segment = pattern.get(i);
                if (segment.equals(REST)) {
                    name.append('.').append(String.join(".", segments.subList(i, segments.size())));
                    break;
                }
                String value = segment.equals(ANY) ? segments.get(i) : segment;
                name.append(value.matches("\\d+") ? "[" + value + "]" : (name.length() == 0 ? "" : ".") + value);
            }
            return name.toString();
        });
    }

    /**
     * The segments of an environment variable in Spring Boot's documented form: dots become underscores, dashes are
     * dropped, upper case ({@code SPRING_ARTEMIS_BROKERURL}: spring.artemis.broker-url,
     * {@code GATEWAY_OPERATORS_OPS_APIKEYS_0}: gateway.operators.ops.api-keys[0]), in canonical segments.
     */
    static List<String> segmentsOfEnvironmentVariable(String variable) {
        return Arrays.stream(variable.split("_", -1)).map(KnownSettings::canonical).toList();
    }

    /** Whether the environment variable {@code variable} sets a known setting. */
    boolean isKnownEnvironmentVariable(String variable) {
        List<String> segments = segmentsOfEnvironmentVariable(variable);
        return patterns.stream().anyMatch(pattern -> matches(pattern, segments));
    }

    /** Whether an environment variable lands under gateway.*, which the gateway binds strictly (unknown: no start). */
    static boolean isUnderStrictPrefix(String variable) {
        return segmentsOfEnvironmentVariable(variable).get(0).equals("gateway");
    }

    /** Every property a YAML document sets, flattened: nested maps dotted, lists indexed ({@code a.b[0].c}). */
    static Map<String, Object> flatten(Map<?, ?> document) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", document, flat);
        return flat;
    }

    /** Every document of a YAML text as plain maps (SnakeYAML's safe loader: no types from the text). */
    static List<Map<?, ?>> yamlDocuments(String yaml) {
        List<Map<?, ?>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add(map);
            } else if (document != null) {
                throw new IllegalArgumentException("a YAML document that is not a map: " + document);
            }
        }
        return documents;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, flat));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, value);
        }
    }

    private static boolean matches(List<String> pattern, List<String> name) {
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.equals(REST)) {
                return name.size() > i;
            }
            if (i >= name.size() || !(expected.equals(ANY) || canonical(expected).equals(canonical(name.get(i))))) {
                return false;
            }
        }
        return name.size() == pattern.size();
    }

    /** {@code a.b-c[0].dE} as segments a, b-c, 0, dE; {@link #canonical} compares them as relaxed binding does. */
    static List<String> segmentsOfProperty(String name) {
        return List.of(name.replace("[", ".").replace("]", "").split("\\.", -1));
    }

    /** A segment as relaxed binding compares it: case, dashes and underscores ignored. */
    static String canonical(String segment) {
        return segment.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static void springMetadata(List<List<String>> patterns, Map<String, String> defaults) {
        ObjectMapper json = new ObjectMapper();
        try {
            var resolver = new PathMatchingResourcePatternResolver(KnownSettings.class.getClassLoader());
            List<Resource> files = new ArrayList<>();
            files.addAll(List.of(resolver.getResources("classpath*:META-INF/spring-configuration-metadata.json")));
            files.addAll(List.of(resolver.getResources("classpath*:META-INF/additional-spring-configuration-metadata.json")));
            if (files.isEmpty()) {
                throw new IllegalStateException("no Spring Boot configuration metadata on the class path");
            }
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    JsonNode properties = json.readTree(in).path("properties");
                    for (JsonNode property : properties) {
                        String type = property.path("type").asText("");
                        if (property.path("defaultValue").isValueNode()) {
                            defaults.putIfAbsent(property.path("name").asText(), property.path("defaultValue").asText());
                        }
                        List<String> pattern = new ArrayList<>(segmentsOfProperty(property.path("name").asText()));
                        if (type.startsWith("java.util.Map") || type.startsWith("java.util.Properties")) {
                            pattern.add(REST);
                        } else if (type.startsWith("java.util.List") || type.startsWith("java.util.Set") || type.endsWith("[]")) {
                            patterns.add(List.copyOf(pattern));
                            pattern.add(ANY);
                        }
                        patterns.add(List.copyOf(pattern));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Spring Boot configuration metadata", e);
        }
    }

    /** GatewayProperties and any other @ConfigurationProperties record in the gateway's packages. */
    private static void configurationProperties(List<List<String>> patterns) {
        for (Class<?> type : gatewayClasses()) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            if (annotation != null && type.isRecord()) {
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                record(segmentsOfProperty(prefix), type, patterns, 0);
            }
        }
        if (patterns.stream().noneMatch(p -> p.get(0).equals("gateway") && p.size() > 1)) {
            throw new IllegalStateException("GatewayProperties was not found among the gateway's classes");
        }
    }

    private static void record(List<String> prefix, Class<?> type, List<List<String>> patterns, int depth) {
        if (depth > 8) {
            throw new IllegalStateException("a configuration record nested too deeply (a cycle?) at " + prefix);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> name = new ArrayList<>(prefix);
            name.add(component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            value(name, component.getGenericType(), patterns, depth);
        }
    }

    private static void value(List<String> name, Type type, List<List<String>> patterns, int depth) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                value(append(name, ANY), arguments[1], patterns, depth + 1);
                return;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                patterns.add(List.copyOf(name));
                value(append(name, ANY), arguments[0], patterns, depth + 1);
                return;
            }
        }
        if (type instanceof Class<?> plain && plain.isRecord()) {
            record(name, plain, patterns, depth + 1);
            return;
        }
        patterns.add(List.copyOf(name));
    }

    private static List<String> append(List<String> name, String segment) {
        List<String> longer = new ArrayList<>(name);
        longer.add(segment);
        return longer;
    }

    /** The settings the gateway reads with {@code @Value("${name}")} on fields and parameters. */
    private static void valueAnnotations(List<List<String>> patterns) {
        for (Class<?> type : gatewayClasses()) {
            List<AnnotatedElement> elements = new ArrayList<>();
            try {
                elements.addAll(List.of(type.getDeclaredFields()));
                Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
                        .map(Executable::getParameters).forEach(parameters -> elements.addAll(List.of(parameters)));
            } catch (LinkageError e) {
                continue; // a class whose optional dependency is absent reads no setting the server uses here
            }
            for (AnnotatedElement element : elements) {
                for (Annotation annotation : element.getAnnotations()) {
                    if (annotation instanceof Value value) {
                        Matcher placeholder = PLACEHOLDER.matcher(value.value());
                        while (placeholder.find()) {
                            patterns.add(segmentsOfProperty(placeholder.group(1).trim()));
                        }
                    }
                }
            }
        }
    }

    private static List<Class<?>> gatewayClasses() {
        return GatewayClasses.ALL;
    }

    /** The gateway's classes, listed once (loaded, not initialised). */
    private static final class GatewayClasses {

        static final List<Class<?>> ALL = load();

        private static List<Class<?>> load() {
            String root = GatewayApplication.class.getPackageName().replace('.', '/');
            ClassLoader loader = KnownSettings.class.getClassLoader();
            List<Class<?>> classes = new ArrayList<>();
            try {
                for (Resource file : new PathMatchingResourcePatternResolver(loader).getResources("classpath*:" + root + "/**/*.class")) {
                    String url = file.getURL().toString();
                    String name = url.substring(url.lastIndexOf(root)).replace(".class", "").replace('/', '.');
                    try {
                        classes.add(Class.forName(name, false, loader));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // not loadable without an optional dependency: it holds no setting of the server
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the gateway's classes", e);
            }
            return List.copyOf(classes);
        }
    }
}
