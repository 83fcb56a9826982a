package org.casw.routes.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The catalogue's own promises: both languages, the same codes in each, fallbacks that never throw. */
class CodeCatalogueTest {

    private final CodeCatalogue catalogue = CodeCatalogue.standard();

    @Test
    void aCodeHasItsTitleInEnglishAndInSimplifiedChineseReadAsUtf8() {
        assertThat(catalogue.title("SCHEMA_VIOLATION", Locale.ENGLISH)).isEqualTo("The document breaks its XML Schema");
        assertThat(catalogue.title("SCHEMA_VIOLATION", Locale.SIMPLIFIED_CHINESE)).isEqualTo("文档不符合其 XML Schema");
        assertThat(catalogue.title("SIGNATURE_INVALID", Locale.SIMPLIFIED_CHINESE)).isEqualTo("签名验证未通过");
    }

    @Test
    void theChineseFileIsUtf8AndWouldBeGarbledReadAsIsoLatin1() throws IOException {
        byte[] bytes = resource("codes/titles_zh_CN.properties");

        // a strict decoder refuses anything that is not UTF-8
        assertThatCode(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))).doesNotThrowAnyException();
        Properties latin1 = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            latin1.load(in); // Properties.load(InputStream) is ISO-8859-1: what the catalogue must not do
        }
        assertThat(latin1.getProperty("SCHEMA_VIOLATION")).isNotEqualTo(catalogue.title("SCHEMA_VIOLATION", Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void chineseReadersOfSimplifiedScriptGetChineseAndEveryoneElseEnglish() {
        String chinese = "文档不符合其 XML Schema";
        String english = "The document breaks its XML Schema";
        for (String tag : new String[] {"zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-CN", "zh-Hans-HK"}) {
            assertThat(catalogue.title("SCHEMA_VIOLATION", Locale.forLanguageTag(tag))).as(tag).isEqualTo(chinese);
        }
        for (String tag : new String[] {"en", "en-GB", "fr", "ms-MY", "th", "zh-TW", "zh-HK", "zh-Hant", "zh-Hant-CN", "und"}) {
            assertThat(catalogue.title("SCHEMA_VIOLATION", Locale.forLanguageTag(tag))).as(tag).isEqualTo(english);
        }
        assertThat(catalogue.title("SCHEMA_VIOLATION", null)).isEqualTo(english);
    }

    @Test
    void anUnknownCodeIsItsOwnTitleAndNothingThrows() {
        assertThat(catalogue.knows("NO_SUCH_CODE")).isFalse();
        assertThat(catalogue.title("NO_SUCH_CODE", Locale.SIMPLIFIED_CHINESE)).isEqualTo("NO_SUCH_CODE");
        assertThat(catalogue.title("NO_SUCH_CODE", Locale.ENGLISH)).isEqualTo("NO_SUCH_CODE");
        assertThat(catalogue.title(null, Locale.ENGLISH)).isNull();
        assertThat(catalogue.knows(null)).isFalse();
        assertThat(catalogue.knows("SCHEMA_VIOLATION")).isTrue();
    }

    @Test
    void theChineseFileHasExactlyTheEnglishFilesCodes() {
        Map<String, String> english = CodeCatalogue.titles(Locale.ENGLISH);
        Map<String, String> chinese = CodeCatalogue.titles(Locale.SIMPLIFIED_CHINESE);

        assertThat(chinese.keySet()).as("codes with a Chinese title but no English one").isSubsetOf(english.keySet());
        assertThat(english.keySet()).as("codes with an English title but no Chinese one").isSubsetOf(chinese.keySet());
        assertThat(english).hasSizeGreaterThan(100);
    }

    @Test
    void everyTitleIsWrittenAndNoChineseTitleIsLeftInEnglish() {
        Map<String, String> english = CodeCatalogue.titles(Locale.ENGLISH);
        CodeCatalogue.titles(Locale.SIMPLIFIED_CHINESE).forEach((code, title) -> {
            assertThat(title).as(code).isNotBlank().isNotEqualTo(english.get(code)).isNotEqualTo(code);
            assertThat(title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .as("the Chinese title of %s has Chinese characters: %s", code, title).isTrue();
        });
        english.forEach((code, title) -> {
            assertThat(title).as(code).isNotBlank().isNotEqualTo(code);
            assertThat(title.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .as("the English title of %s has no Chinese characters: %s", code, title).isTrue();
        });
    }

    @Test
    void codesAreUpperCaseWordsJoinedByUnderscores() {
        assertThat(catalogue.codes()).allSatisfy(code -> assertThat(code).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CodeCatalogue.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
