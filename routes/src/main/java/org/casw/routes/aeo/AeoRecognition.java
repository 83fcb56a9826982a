package org.casw.routes.aeo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.casw.routes.rules.CodeLists;

/**
 * The AEO programmes China recognises, per issuing country ({@code gateway.aeo.recognised}), checked at
 * start-up: a status from any other country or programme is held but gives no fast lane.
 */
public final class AeoRecognition {

    /** Recognises nothing: every declaration takes the normal lane. */
    public static final AeoRecognition NONE = new AeoRecognition(Map.of());

    private static final Pattern PROGRAMME = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,31}");

    private final Map<String, Set<String>> programmes;

    private AeoRecognition(Map<String, Set<String>> programmes) {
        this.programmes = programmes;
    }

    /**
     * The recognised programmes, every problem reported at once: countries must be ISO alpha-2 codes, each
     * with at least one programme code as AEO notices spell it ({@code SG-STP-PLUS}).
     *
     * @param setting the setting's name, for the messages
     */
    public static AeoRecognition of(Map<String, List<String>> recognised, String setting) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> checked = new TreeMap<>();
        (recognised == null ? Map.<String, List<String>>of() : recognised).forEach((country, list) -> {
            String where = setting + "." + country;
            if (!CodeLists.shared().isCountryAlpha2(country)) {
                problems.add(where + ": '" + country + "' is not an ISO 3166 alpha-2 country code such as SG");
            }
            List<String> named = list == null ? List.of() : list;
            if (named.isEmpty()) {
                problems.add(where + ": name at least one AEO programme of " + country + ", e.g. [" + country + "-AEO]");
            }
            for (String programme : named) {
                if (programme == null || !PROGRAMME.matcher(programme).matches()) {
                    problems.add(where + ": '" + programme + "' is not a programme code (upper-case letters, digits and '-', 2-32)");
                }
            }
            checked.put(country, Set.copyOf(named.stream().filter(p -> p != null).toList()));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("AEO recognition is misconfigured:\n  " + String.join("\n  ", problems));
        }
        return new AeoRecognition(Map.copyOf(checked));
    }

    public boolean recognises(String issuingCountry, String programme) {
        return programmes.getOrDefault(issuingCountry, Set.of()).contains(programme);
    }

    /** Country to programmes, for status pages. */
    public Map<String, Set<String>> programmes() {
        return programmes;
    }
}
