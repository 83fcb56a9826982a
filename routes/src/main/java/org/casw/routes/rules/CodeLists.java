package org.casw.routes.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The reference code lists shipped in {@code schemas/src/main/resources/codelists} (see its README for
 * sources and versions), loaded once and looked up in O(1).
 */
public final class CodeLists {

    /** A UN/LOCODE location and what transport it serves. */
    public record Location(String code, String function, String name) {

        public boolean isPort() {
            return function.length() > 0 && function.charAt(0) == '1';
        }

        public boolean isRailTerminal() {
            return function.length() > 1 && function.charAt(1) == '2';
        }

        public boolean isBorderCrossing() {
            return function.indexOf('B') >= 0;
        }
    }

    private static final class Holder {
        static final CodeLists SHARED = new CodeLists();
    }

    private final Map<String, String> hs = new HashMap<>();
    private final Set<String> alpha2 = new HashSet<>();
    private final Map<String, String> alpha3ToAlpha2 = new HashMap<>();
    private final Set<String> currencies = new HashSet<>();
    private final Map<String, Location> locations = new HashMap<>(160_000);
    private final Set<String> rec20 = new HashSet<>();
    private final Map<String, String> chinaUnits = new HashMap<>();
    private final Set<String> customsDistricts = new HashSet<>();

    private CodeLists() {
        lines("hs2022.csv", false, line -> {
            // section,hscode,"description, possibly with commas",parent,level
            int first = line.indexOf(',');
            int second = line.indexOf(',', first + 1);
            if (first > 0 && second > first) {
                String code = line.substring(first + 1, second);
                if (!code.equals("hscode")) {
                    hs.put(code, line.substring(second + 1));
                }
            }
        });
        lines("iso3166-alpha2.csv", false, line -> {
            String code = line.substring(0, line.indexOf(','));
            if (!code.equals("CountryCode")) {
                alpha2.add(code);
            }
        });
        for (String country : Locale.getISOCountries()) {
            alpha3ToAlpha2.put(new Locale("", country).getISO3Country(), country);
        }
        Currency.getAvailableCurrencies().forEach(c -> currencies.add(c.getCurrencyCode()));
        lines("unlocode.csv.gz", true, line -> {
            String[] f = line.split(",", 3);
            locations.put(f[0], new Location(f[0], f[1], f.length > 2 ? f[2] : ""));
        });
        lines("rec20-units.csv", false, line -> rec20.add(line.substring(0, line.indexOf(','))));
        lines("cn-units.csv", false, line -> {
            String[] f = line.split(",", -1);
            chinaUnits.put(f[0], f[2]);
        });
        lines("cn-customs-districts.csv", false, line -> customsDistricts.add(line.substring(0, line.indexOf(','))));
    }

    public static CodeLists shared() {
        return Holder.SHARED;
    }

    /** A 4-digit HS 2022 heading, e.g. {@code 0810}. */
    public boolean isHsHeading(String code) {
        return code != null && code.length() == 4 && hs.containsKey(code);
    }

    /** A 6-digit HS 2022 subheading, e.g. {@code 081060}. */
    public boolean isHsSubheading(String code) {
        return code != null && code.length() == 6 && hs.containsKey(code);
    }

    public boolean isCountryAlpha2(String code) {
        return code != null && alpha2.contains(code);
    }

    public boolean isCountryAlpha3(String code) {
        return code != null && alpha3ToAlpha2.containsKey(code);
    }

    /** The alpha-2 code of an alpha-3 country code (THA -> TH), if known. */
    public Optional<String> alpha2Of(String alpha3) {
        return Optional.ofNullable(alpha3ToAlpha2.get(alpha3));
    }

    public boolean isCurrency(String code) {
        return code != null && currencies.contains(code);
    }

    public Optional<Location> location(String unlocode) {
        return Optional.ofNullable(unlocode == null ? null : locations.get(unlocode));
    }

    public boolean isRec20Unit(String code) {
        return code != null && rec20.contains(code);
    }

    public boolean isChinaUnit(String code) {
        return code != null && chinaUnits.containsKey(code);
    }

    /** The UN/ECE Rec 20 unit of a China customs unit code (035 -> KGM), if known. */
    public Optional<String> rec20OfChinaUnit(String code) {
        return Optional.ofNullable(code == null ? null : chinaUnits.get(code));
    }

    /** A 4-digit China customs office code whose district prefix is known. */
    public boolean isChinaCustomsOffice(String code) {
        return code != null && code.length() == 4 && customsDistricts.contains(code.substring(0, 2));
    }

    public Set<String> customsDistricts() {
        return Collections.unmodifiableSet(customsDistricts);
    }

    private static void lines(String file, boolean gzip, Consumer<String> each) {
        String resource = "codelists/" + file;
        try (InputStream raw = CodeLists.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("Code list " + resource + " is missing from the class path");
            }
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    each.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Code list " + resource + " cannot be read", e);
        }
    }
}
