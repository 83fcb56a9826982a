package org.casw.gateway.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import jakarta.servlet.http.HttpServletRequest;
import org.casw.routes.validation.CodeCatalogue;
import org.casw.routes.validation.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * RFC 9457 problem details for every error the API gives. Each carries a stable {@code code}
 * (the same in every language) and, for document errors, every violation found. A caller whose
 * {@code Accept-Language} asks for Simplified Chinese gets the code's title from the {@link CodeCatalogue} in Chinese;
 * any other caller the English title as before. Codes, types, details and violation messages never change.
 */
public final class Problems {

    private static final String TYPE_BASE = "urn:casw:problem:";
    private static final CodeCatalogue CATALOGUE = CodeCatalogue.standard();

    private Problems() {
    }

    /** A problem; {@code title} is the English one, which a Chinese caller gets in Chinese where the catalogue has the code. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        return of(status, code, title, detail, callersLanguage());
    }

    public static ProblemDetail document(HttpStatus status, String code, String title, String trackingId, List<Violation> violations) {
        Locale language = callersLanguage();
        ProblemDetail problem = of(status, code, title, violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " problems were found; see violations.", language);
        if (trackingId != null) {
            problem.setProperty("trackingId", trackingId);
        }
        problem.setProperty("violations", violations.stream().map(v -> TitledViolation.of(v, language)).toList());
        return problem;
    }

    private static ProblemDetail of(HttpStatus status, String code, String title, String detail, Locale language) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        // English keeps the title the caller wrote, often more specific than the code's ("No such partner")
        problem.setTitle(Locale.ENGLISH.equals(language) || !CATALOGUE.knows(code) ? title : CATALOGUE.title(code, language));
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail unauthenticated(String path) {
        ProblemDetail problem = of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                "Send your party's API key as 'Authorization: Bearer <key>'.");
        problem.setInstance(URI.create(path));
        return problem;
    }

    /**
     * The language an {@code Accept-Language} header asks for, of those the catalogue has: Simplified Chinese for the
     * first acceptable range that is Chinese in simplified script (zh, zh-CN, zh-Hans…), English for an English range, a
     * wildcard, none that fits, or a header that cannot be read.
     */
    public static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                Locale asked = Locale.forLanguageTag(range.getRange());
                if (CodeCatalogue.simplifiedChinese(asked)) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                if ("*".equals(range.getRange()) || "en".equals(asked.getLanguage())) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // a malformed header is no reason to fail the answer: it is given in English
        }
        return Locale.ENGLISH;
    }

    /**
     * The language of the request being answered. Read here rather than passed by every caller because the security
     * filters write problems too; Spring Boot's request context filter runs before them.
     */
    private static Locale callersLanguage() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        }
        return Locale.ENGLISH;
    }

    /** A violation as the API shows it: the fields of {@link Violation} as before, then the code's title in the caller's language. */
    public record TitledViolation(String code, String path, String message, Integer line, Integer column, String title) {

        static TitledViolation of(Violation v, Locale language) {
            return new TitledViolation(v.code(), v.path(), v.message(), v.line(), v.column(), CATALOGUE.title(v.code(), language));
        }
    }
}
