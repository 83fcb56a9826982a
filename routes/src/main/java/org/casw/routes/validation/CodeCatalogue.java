package org.casw.routes.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A short title, in English and Simplified Chinese, for every stable code the gateway gives: violation, rule,
 * signature, translation and API problem codes. The code is what programs compare and never changes; the title is
 * for a person, so it may be reworded. Texts live in {@code codes/titles.properties} and
 * {@code codes/titles_zh_CN.properties} (both read as UTF-8).
 */
public final class CodeCatalogue {

    private static final String ENGLISH_TEXTS = "codes/titles.properties";
    private static final String CHINESE_TEXTS = "codes/titles_zh_CN.properties";

    private final Map<String, String> english;
    private final Map<String, String> chinese;

    private CodeCatalogue(Map<String, String> english, Map<String, String> chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The catalogue shipped with the gateway, read once. */
    public static CodeCatalogue standard() {
        return Shipped.CATALOGUE;
    }

    /**
     * The code's title in the language of {@code locale}: Simplified Chinese for Chinese locales other than
     * Traditional ones (zh, zh-CN, zh-SG, zh-Hans…), English for any other. Falls back to the English title, then to the
     * code itself; never throws.
     */
    public String title(String code, Locale locale) {
        if (code == null) {
            return null;
        }
        String title = simplifiedChinese(locale) ? chinese.get(code) : null;
        if (title == null) {
            title = english.get(code);
        }
        return title == null ? code : title;
    }

    /** Whether the code is in the catalogue (with a title in every language). */
    public boolean knows(String code) {
        return code != null && english.containsKey(code) && chinese.containsKey(code);
    }

    /** Every code in the catalogue, sorted. */
    public Set<String> codes() {
        return english.keySet();
    }

    /** Whether a reader of {@code locale} gets Simplified Chinese: zh without a Traditional script or region. */
    public static boolean simplifiedChinese(Locale locale) {
        if (locale == null || !"zh".equals(locale.getLanguage())) {
            return false;
        }
        String script = locale.getScript();
        if (!script.isEmpty()) {
            return "Hans".equals(script);
        }
        return !Set.of("TW", "HK", "MO").contains(locale.getCountry());
    }

    /** The titles of one language, exactly as written in its file (for checks of the catalogue itself). */
    static Map<String, String> titles(Locale locale) {
        return simplifiedChinese(locale) ? standard().chinese : standard().english;
    }

    private static Map<String, String> read(String resource) {
        // read as UTF-8 whatever the JDK's default for properties: Chinese titles must survive any platform
        try (InputStream in = CodeCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> titles = new TreeMap<>();
            properties.stringPropertyNames().forEach(code -> titles.put(code, properties.getProperty(code).strip()));
            return Collections.unmodifiableMap(titles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Shipped {
        static final CodeCatalogue CATALOGUE = new CodeCatalogue(read(ENGLISH_TEXTS), read(CHINESE_TEXTS));
    }
}
