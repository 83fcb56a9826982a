package org.casw.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.partner.PartyRole;
import org.casw.schemas.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's texts: the same keys in English and Simplified Chinese, every key a template names present, every
 * status, document type, business key, role and container event named in both languages, and no Chinese text left in
 * English.
 */
class ConsoleTextsTest {

    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{'?([a-zA-Z]+\\.[a-zA-Z0-9_.]+)'?[}(]");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private static Properties bundle(String name) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = ConsoleTextsTest.class.getResourceAsStream("/console/" + name)) {
            assertThat(in).as(name).isNotNull();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(bundle("messages_zh_CN.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(bundle("messages.properties").stringPropertyNames()));
    }

    @Test
    void everyChineseTextIsInChinese() throws IOException {
        Properties zh = bundle("messages_zh_CN.properties");
        Properties en = bundle("messages.properties");
        for (String key : zh.stringPropertyNames()) {
            assertThat(CHINESE.matcher(zh.getProperty(key)).find()).as(key + " = " + zh.getProperty(key)).isTrue();
            assertThat(CHINESE.matcher(en.getProperty(key, "")).find()).as("English " + key).isFalse();
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Properties en = bundle("messages.properties");
        Set<String> named = new TreeSet<>();
        for (Path templates : new Path[] {Path.of("src/main/resources/templates/console"),
                Path.of("../sandbox/src/main/resources/templates/console")}) {
            try (Stream<Path> files = Files.list(templates)) {
                for (Path file : files.toList()) {
                    Matcher key = MESSAGE_KEY.matcher(Files.readString(file));
                    while (key.find()) {
                        named.add(key.group(1));
                    }
                }
            }
        }
        // keys built from a value ('status.' + s) are checked below; these are the literal ones
        named.removeIf(key -> key.endsWith("."));
        assertThat(named).hasSizeGreaterThan(100);
        assertThat(named.stream().filter(key -> !en.containsKey(key)).toList()).as("keys missing from messages.properties").isEmpty();
        for (ConsoleNavigation.Item item : ConsoleNavigation.OPERATOR) {
            assertThat(en).containsKey(item.label());
        }
        for (ConsoleNavigation.Item item : ConsoleNavigation.PARTY) {
            assertThat(en).containsKey(item.label());
        }
    }

    @Test
    void everyValueThePagesNameHasAText() throws IOException {
        Properties en = bundle("messages.properties");
        Arrays.stream(MessageStatus.values()).forEach(v -> assertThat(en).containsKey("status." + v.name()));
        Arrays.stream(DocumentType.values()).forEach(v -> assertThat(en).containsKey("type." + v.name()));
        Arrays.stream(BusinessKeys.Kind.values()).forEach(v -> assertThat(en).containsKey("key." + v.name()));
        Arrays.stream(PartyRole.values()).forEach(v -> assertThat(en).containsKey("role." + v.name()));
        Arrays.stream(EventType.values()).forEach(v -> assertThat(en).containsKey("event." + v.name()));
        for (String kind : new String[] {"INBOUND", "NATIVE", "OUTBOUND"}) {
            assertThat(en).containsKey("version." + kind);
        }
    }
}
