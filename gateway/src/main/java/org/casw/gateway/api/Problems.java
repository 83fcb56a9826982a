package org.casw.gateway.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.casw.routes.validation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details for every error the API gives. Each carries a stable {@code code}
 * (the same in every language) and, for document errors, every violation found.
 */
public final class Problems {

    private static final String TYPE_BASE = "urn:casw:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail document(HttpStatus status, String code, String title, String trackingId, List<Violation> violations) {
        ProblemDetail problem = of(status, code, title, violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " problems were found; see violations.");
        if (trackingId != null) {
            problem.setProperty("trackingId", trackingId);
        }
        problem.setProperty("violations", violations);
        return problem;
    }

    public static ProblemDetail unauthenticated(String path) {
        ProblemDetail problem = of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                "Send your party's API key as 'Authorization: Bearer <key>'.");
        problem.setInstance(URI.create(path));
        return problem;
    }
}
