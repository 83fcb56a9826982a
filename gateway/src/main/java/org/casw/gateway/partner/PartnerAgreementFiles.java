package org.casw.gateway.partner;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the partner agreements, one YAML file per party ({@code agreements/CN-CUSTOMS.yml}), into the
 * configuration as {@code gateway.partners.<PARTY>.*}. Every value keeps its file, line and column, so
 * a problem found later (a bad URL, an unknown key, a missing trust anchor) is reported where it is.
 * The files rank below command-line arguments and system properties, which can still override a value.
 */
public class PartnerAgreementFiles implements EnvironmentPostProcessor, Ordered {

    /** The demo agreements in gateway-kit.jar (none in gateway.jar); production points {@code gateway.agreements} at its own files. */
    public static final String DEFAULT_LOCATION = "classpath:agreements/*.yml";
    static final String SOURCE_NAME = "partnerAgreements";
    private static final Pattern PARTY_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");

    @Override
    public int getOrder() {
        // after application.yml and profiles are read (ConfigDataEnvironmentPostProcessor), so gateway.agreements is known
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String locations = environment.getProperty("gateway.agreements", DEFAULT_LOCATION);
        List<String> problems = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, String> fileOfParty = new LinkedHashMap<>();
        List<Resource> files = find(locations, environment, problems);
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(locations + ": no partner agreement found (gateway.agreements names the files,"
                    + " e.g. file:/etc/casw/agreements/*.yml; the demo agreements ship in gateway-kit.jar)");
        }
        for (Resource file : files) {
            read(file, properties, fileOfParty, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
        environment.getPropertySources().addLast(new OriginTrackedMapPropertySource(SOURCE_NAME, properties, true));
    }

    private static List<Resource> find(String locations, ConfigurableEnvironment environment, List<String> problems) {
        List<Resource> found = new ArrayList<>();
        var resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations.split(",", -1)) {
            if (location.isBlank()) {
                continue; // "a,,b" or a trailing comma names no location
            }
            String pattern = environment.resolvePlaceholders(location.trim());
            try {
                Resource[] resources = resolver.getResources(pattern);
                Arrays.sort(resources, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
                for (Resource r : resources) {
                    if (r.exists() && r.isReadable()) {
                        found.add(r);
                    }
                }
            } catch (FileNotFoundException e) {
                // a class path folder that does not exist (gateway.jar ships no agreements): reported as none found
            } catch (IOException e) {
                problems.add(pattern + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return found;
    }

    private static void read(Resource file, Map<String, Object> properties, Map<String, String> fileOfParty, List<String> problems) {
        String name = String.valueOf(file.getFilename());
        List<PropertySource<?>> documents;
        try {
            documents = new YamlPropertySourceLoader().load(name, file);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML's message names the line and column of the syntax error
            problems.add(name + ": not valid YAML: " + oneLine(e));
            return;
        }
        if (documents.size() != 1) {
            problems.add(name + ": must hold exactly one agreement (one YAML document), found " + documents.size());
            return;
        }
        EnumerablePropertySource<?> agreement = (EnumerablePropertySource<?>) documents.get(0);
        Object party = agreement.getProperty("party");
        String partyId = party instanceof OriginTrackedValue v ? String.valueOf(v.getValue()) : party == null ? null : party.toString();
        if (partyId == null || partyId.isBlank()) {
            problems.add(name + ": 'party' is missing: the file must name its party id (e.g. party: CN-CUSTOMS)");
            return;
        }
        if (!PARTY_ID.matcher(partyId).matches()) {
            problems.add(name + ": party '" + partyId + "' must be upper-case letters, digits and '-' (2-64 characters)");
            return;
        }
        if (!name.equals(partyId + ".yml") && !name.equals(partyId + ".yaml")) {
            problems.add(name + ": holds the agreement of " + partyId + "; name the file " + partyId + ".yml so operators find it");
        }
        String earlier = fileOfParty.putIfAbsent(partyId, name);
        if (earlier != null) {
            problems.add(name + ": " + partyId + " already has an agreement in " + earlier);
            return;
        }
        // the raw values, not getProperty(): they carry their file, line and column
        Map<?, ?> values = (Map<?, ?>) agreement.getSource();
        for (String key : agreement.getPropertyNames()) {
            properties.put("gateway.partners." + partyId + "." + key, values.get(key));
        }
    }

    private static String oneLine(Exception e) {
        Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("Failed") ? e.getCause() : e;
        return String.valueOf(cause.getMessage()).replaceAll("\\s*\\n\\s*", " ");
    }
}
