package org.casw.gateway.partner;

import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Says where a setting of a partner agreement was written, for start-up errors an operator can act
 * on: {@code CN-CUSTOMS.yml line 9 (delivery.url)}, or the property name when it came from elsewhere.
 */
public final class AgreementLocator {

    private static final AgreementLocator NOWHERE = new AgreementLocator(null);

    private final ConfigurableEnvironment environment;

    private AgreementLocator(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    public static AgreementLocator of(Environment environment) {
        return environment instanceof ConfigurableEnvironment c ? new AgreementLocator(c) : NOWHERE;
    }

    /** Without an environment (unit tests): property names only. */
    public static AgreementLocator none() {
        return NOWHERE;
    }

    /**
     * Where {@code setting} (relative to the party, e.g. {@code delivery.url}, or empty for the party
     * itself) is written; a missing setting is placed in its party's file.
     */
    public String where(String partyId, String setting) {
        String property = "gateway.partners." + partyId + (setting.isEmpty() ? "" : "." + setting);
        TextResourceOrigin origin = origin(property);
        if (origin == null && !setting.isEmpty()) {
            TextResourceOrigin file = origin("gateway.partners." + partyId + ".party");
            return file == null ? property : fileName(file) + " (" + setting + ")";
        }
        if (origin == null) {
            return property;
        }
        String line = origin.getLocation() == null ? "" : " line " + (origin.getLocation().getLine() + 1);
        return fileName(origin) + line + (setting.isEmpty() ? "" : " (" + setting + ")");
    }

    private TextResourceOrigin origin(String property) {
        if (environment == null) {
            return null;
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof OriginLookup<?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            OriginLookup<String> lookup = (OriginLookup<String>) source;
            if (source.containsProperty(property)) {
                return lookup.getOrigin(property) instanceof TextResourceOrigin text ? text : null;
            }
            // a map or list setting has no value of its own: its first entry shows where it is written
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if ((name.startsWith(property + ".") || name.startsWith(property + "["))
                            && lookup.getOrigin(name) instanceof TextResourceOrigin text) {
                        return text;
                    }
                }
            }
        }
        return null;
    }

    private static String fileName(TextResourceOrigin origin) {
        String name = origin.getResource() == null ? null : origin.getResource().getFilename();
        return name == null ? String.valueOf(origin.getResource()) : name;
    }
}
