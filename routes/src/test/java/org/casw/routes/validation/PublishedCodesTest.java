package org.casw.routes.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published codes are the contract: every code in the tables of docs/documents.md (Business rules) and
 * docs/api.md (Error codes), and of their Chinese editions, has a title in English and in Chinese. The tables are
 * read from the repository, so a code added to the documentation without a title fails here.
 */
class PublishedCodesTest {

    /** A code in backticks; a trailing * stands for every code that starts so (SIGNATURE_*). */
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]*\\*?)`");

    private final CodeCatalogue catalogue = CodeCatalogue.standard();

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource(delimiter = ';', value = {
            // document; heading the table is under; its column of codes; whether text in parentheses only explains;
            // codes it must list (proves it was read, parentheses included where they hold codes)
            "docs/documents.md; ## Business rules; 1; true; THROUGH_PARTY_MISMATCH",
            "docs/zh-CN/documents.md; ## 业务规则; 1; true; THROUGH_PARTY_MISMATCH",
            "docs/api.md; ## Error codes; 0; false; NOT_FAILED UNTRUSTED_SIGNER SIGNATURE_WRAPPING CN_MANIFEST_TYPE_MISMATCH",
            "docs/zh-CN/api.md; ## 错误码; 0; false; NOT_FAILED UNTRUSTED_SIGNER SIGNATURE_WRAPPING CN_MANIFEST_TYPE_MISMATCH"})
    void everyDocumentedCodeHasAnEnglishAndAChineseTitle(String document, String heading, int column, boolean explanationsInParentheses,
            String listed) throws IOException {
        Set<String> documented = codesIn(repositoryRoot().resolve(document), heading, column, explanationsInParentheses);

        assertThat(documented).as("codes read from " + document).contains(listed.split(" ")).hasSizeGreaterThan(25);
        assertThat(documented).allSatisfy(code -> {
            assertThat(catalogue.knows(code)).as("%s (in %s) is in the catalogue", code, document).isTrue();
            assertThat(catalogue.title(code, Locale.ENGLISH)).as(code).isNotEqualTo(code);
            assertThat(catalogue.title(code, Locale.SIMPLIFIED_CHINESE)).as(code).isNotEqualTo(code)
                    .isNotEqualTo(catalogue.title(code, Locale.ENGLISH));
        });
    }

    /**
     * The codes in one column of the first table under a heading. In the rule tables text in parentheses explains a
     * code (element names, criteria such as `WO`) and is skipped; a code ending in * stands for every catalogue code it
     * starts.
     */
    private Set<String> codesIn(Path document, String heading, int column, boolean explanationsInParentheses) throws IOException {
        List<String> rows = new ArrayList<>();
        boolean under = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                if (under) {
                    break;
                }
                under = line.startsWith(heading);
            } else if (under && line.startsWith("|")) {
                rows.add(line);
            }
        }
        assertThat(rows).as("a table under '%s' in %s", heading, document).hasSizeGreaterThan(2);
        Set<String> codes = new TreeSet<>();
        for (String row : rows.subList(2, rows.size())) { // after the header and its separator
            String cell = row.split("\\|")[column + 1];
            for (String previous = null; explanationsInParentheses && !cell.equals(previous);) {
                previous = cell;
                cell = cell.replaceAll("[(（][^()（）]*[)）]", ""); // innermost first, until none is left
            }
            Matcher code = CODE.matcher(cell);
            while (code.find()) {
                codes.addAll(expand(code.group(1), document));
            }
        }
        return codes;
    }

    private Set<String> expand(String code, Path document) {
        if (!code.endsWith("*")) {
            return Set.of(code);
        }
        String prefix = code.substring(0, code.length() - 1);
        Set<String> family = new TreeSet<>(catalogue.codes().stream().filter(c -> c.startsWith(prefix)).toList());
        assertThat(family).as("catalogue codes for %s in %s", code, document).isNotEmpty();
        return family;
    }

    /** The repository's root, found upwards from the module directory the tests run in. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs").resolve("api.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root (with docs/api.md) above " + start);
    }
}
