package org.casw.gateway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.casw.routes.validation.CodeCatalogue;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems in the caller's language, and a title for every code the server's own code answers with. */
class ProblemsTest {

    /** A code given right after the status, as every problem is made: a literal, or a constant holding it. */
    private static final Pattern CODE_AFTER_STATUS = Pattern.compile(
            "HttpStatus\\.[A-Z_]+\\s*,\\s*(?:\"([A-Z][A-Z0-9_]*)\"|(?:[A-Z]\\w*\\.)?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\\s*,)");
    private static final Pattern CONSTANT = Pattern.compile("String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Path ROOT = Path.of("..");

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "null; en", "''; en", "zh-CN; zh-CN", "zh; zh-CN", "zh-Hans; zh-CN", "zh-Hans-CN; zh-CN", "zh-SG; zh-CN",
            "'zh-CN,zh;q=0.9,en;q=0.8'; zh-CN", "'fr, zh-CN;q=0.5'; zh-CN", "'en, zh-CN;q=0.5'; en", "'en-US,en;q=0.9'; en",
            "zh-TW; en", "zh-HK; en", "zh-Hant; en", "'zh-TW, zh-CN;q=0.4'; zh-CN", "*; en", "'zh-CN;q=0'; en", "fr; en",
            "'not a ;; language'; en"})
    void theCallersLanguageIsTheFirstAcceptableOneTheCatalogueHas(String acceptLanguage, String expected) {
        assertThat(Problems.language(acceptLanguage)).isEqualTo(Locale.forLanguageTag(expected));
    }

    @Test
    void aChineseCallerGetsTheCatalogueTitleAndEveryViolationItsTitleWithCodeAndMessageKept() {
        ProblemDetail problem = answering("zh-CN", () -> Problems.document(HttpStatus.UNPROCESSABLE_ENTITY, "SCHEMA_VIOLATION",
                "Document failed validation", "SW1", java.util.List.of(Violation.of("SCHEMA_VIOLATION", "/DecMessage", "cvc-x"))));

        assertThat(problem.getTitle()).isEqualTo("文档不符合其 XML Schema");
        assertThat(problem.getType()).hasToString("urn:casw:problem:schema-violation");
        assertThat(problem.getProperties()).containsEntry("code", "SCHEMA_VIOLATION");
        assertThat(problem.getProperties().get("violations")).asList().containsExactly(
                new Problems.TitledViolation("SCHEMA_VIOLATION", "/DecMessage", "cvc-x", null, null, "文档不符合其 XML Schema"));
    }

    @Test
    void anEnglishCallerGetsTheTitleTheCallerGaveAndACodeOutsideTheCatalogueKeepsItsTitleInChinese() {
        assertThat(answering(null, () -> Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such partner", "d")).getTitle())
                .isEqualTo("No such partner");
        assertThat(answering("zh-CN", () -> Problems.of(HttpStatus.NOT_FOUND, "NO_SUCH_CODE", "Something", "d")).getTitle())
                .isEqualTo("Something");
        // outside a request (a command, a test) there is no caller: English
        assertThat(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such partner", "d").getTitle()).isEqualTo("No such partner");
    }

    /**
     * Every code the gateway's and the sandbox's own code gives as a literal or a constant after the status is in the
     * catalogue. Codes computed at run time (a violation's code) come from routes, whose tests check them.
     */
    @Test
    void everyProblemCodeInTheServersSourcesIsInTheCatalogue() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String module : new String[] {"gateway", "sandbox", "routes"}) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve(Path.of("src", "main", "java")))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        Map<String, String> constants = new HashMap<>();
        sources.values().forEach(text -> {
            Matcher constant = CONSTANT.matcher(text);
            while (constant.find()) {
                constants.putIfAbsent(constant.group(1), constant.group(2));
            }
        });
        Map<String, String> codes = new TreeMap<>();
        sources.forEach((file, text) -> {
            if (file.startsWith(ROOT.resolve("routes").toString())) {
                return; // read for its constants only
            }
            Matcher given = CODE_AFTER_STATUS.matcher(text);
            while (given.find()) {
                String code = given.group(1) != null ? given.group(1) : constants.getOrDefault(given.group(2), given.group(2));
                codes.putIfAbsent(code, file);
            }
        });

        assertThat(codes).containsKeys("UNAUTHENTICATED", "OPERATOR_ONLY", "NOT_FOUND", "INVALID_PARAMETER", "NOT_FAILED",
                "SERVICE_UNAVAILABLE", "UNSUPPORTED_MEDIA_TYPE", "THROUGH_DOCUMENT_REFUSED", "PARTY_SUSPENDED", "UNKNOWN_SENDER",
                "SANDBOX_ACCESS_DENIED");
        assertThat(codes).allSatisfy((code, file) -> assertThat(CodeCatalogue.standard().knows(code))
                .as("%s (given in %s) is in the catalogue", code, file).isTrue());
    }

    private static ProblemDetail answering(String acceptLanguage, java.util.function.Supplier<ProblemDetail> problem) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/messages");
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            return problem.get();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }
}
