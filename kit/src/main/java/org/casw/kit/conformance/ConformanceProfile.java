package org.casw.kit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.SigningProfile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A partner as the conformance suite plays it: its party id and API key, how it signs what it sends, and the
 * published samples its cases are built from (see {@code conformance/profiles.yml}).
 *
 * @param name                  the profile's name, e.g. {@code sg-nsw}
 * @param party                 the party id the target knows the partner by
 * @param apiKey                its API key (the published demo key unless overridden)
 * @param signature             how it signs, or null when its agreement asks for no signature
 * @param valid                 family name to valid sample path, in submission order
 * @param schemaViolation       sample path of a schema-invalid document
 * @param businessRuleViolation sample path of a schema-valid document that breaks a business rule
 * @param notAllowed            sample path of a valid document of a type the partner's agreement does not let it send, or null
 */
public record ConformanceProfile(String name, String party, String apiKey, Signature signature,
        Map<String, String> valid, String schemaViolation, String businessRuleViolation,
        String notAllowed) {

    /** Where the profiles live on the class path. */
    public static final String RESOURCE = "/conformance/profiles.yml";

    /**
     * How the partner signs.
     *
     * @param profile   the signing profile its agreement accepts
     * @param keyFamily which of its development keys signs
     * @param xades     add XAdES-BES signed properties
     * @param required  its agreement refuses unsigned documents
     */
    public record Signature(SigningProfile profile, KeyFamily keyFamily, boolean xades, boolean required) {
    }

    public ConformanceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(apiKey, "apiKey");
        valid = Collections.unmodifiableMap(new LinkedHashMap<>(valid));
        if (valid.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " names no valid sample");
        }
    }

    /** The same partner with another API key (an integrator's own). */
    public ConformanceProfile withApiKey(String key) {
        return new ConformanceProfile(name, party, key, signature, valid, schemaViolation, businessRuleViolation, notAllowed);
    }

    /** Every profile shipped in the jar, by name. */
    public static Map<String, ConformanceProfile> shipped() {
        try (InputStream in = ConformanceProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped profile of this name; the exception lists the names there are. */
    public static ConformanceProfile named(String name) {
        ConformanceProfile profile = shipped().get(name.toLowerCase(Locale.ROOT));
        if (profile == null) {
            throw new IllegalArgumentException("unknown partner profile '" + name + "'; profiles: "
                    + String.join(", ", shipped().keySet()));
        }
        return profile;
    }

    /** The profile of this name in a profiles file of the same shape as the shipped one (an integrator's own parties). */
    public static ConformanceProfile named(String name, Path file) {
        Map<String, ConformanceProfile> profiles;
        try (InputStream in = Files.newInputStream(file)) {
            profiles = parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ConformanceProfile profile = profiles.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("no partner profile '" + name + "' in " + file + "; profiles: "
                    + String.join(", ", profiles.keySet()));
        }
        return profile;
    }

    @SuppressWarnings("unchecked")
    static Map<String, ConformanceProfile> parse(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, ConformanceProfile> profiles = new LinkedHashMap<>();
        root.forEach((name, value) -> {
            Map<String, Object> p = (Map<String, Object>) value;
            Signature signature = null;
            if (p.get("signature") instanceof Map<?, ?> s) {
                signature = new Signature(SigningProfile.of(text(s, "profile", name)),
                        KeyFamily.fromSuffix(text(s, "key-family", name)),
                        Boolean.TRUE.equals(s.get("xades")), Boolean.TRUE.equals(s.get("required")));
            }
            Map<String, String> valid = new LinkedHashMap<>();
            ((Map<String, Object>) p.getOrDefault("valid", Map.of())).forEach((k, v) -> valid.put(k, String.valueOf(v)));
            profiles.put(name, new ConformanceProfile(name, text(p, "party", name), text(p, "api-key", name), signature,
                    valid, text(p, "schema-violation", name), text(p, "business-rule-violation", name),
                    p.get("not-allowed") == null ? null : p.get("not-allowed").toString()));
        });
        return profiles;
    }

    private static String text(Map<?, ?> map, String key, String profile) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("conformance profile " + profile + " lacks " + key);
        }
        return value.toString();
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "ConformanceProfile[" + name + ", party " + party + (signature == null ? ", unsigned" : ", " + signature.profile().id())
                + ", families " + List.copyOf(valid.keySet()) + "]";
    }
}
