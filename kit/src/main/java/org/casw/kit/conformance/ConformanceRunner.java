package org.casw.kit.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.casw.kit.conformance.ConformanceCase.Expectation;
import org.casw.kit.conformance.ConformanceCase.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sends each case's requests to the target, judges every answer against its expectation, prints one line per case. */
public final class ConformanceRunner {

    /** How a case ended. */
    public enum Verdict { PASS, FAIL, SKIP }

    /**
     * One request as sent and the answer to it.
     *
     * @param request         what was sent
     * @param status          the HTTP status, or 0 when no answer came
     * @param responseHeaders the answer's headers, first value of each
     * @param responseBody    the answer's body as text
     * @param error           why no answer came, or null
     */
    public record Exchange(Request request, int status, Map<String, String> responseHeaders, String responseBody, String error) {
    }

    /**
     * The outcome of one case.
     *
     * @param testCase   the case
     * @param verdict    pass, fail or skip
     * @param reason     why it failed or was skipped; what passed when it passed
     * @param exchanges  every request sent and its answer
     * @param millis     wall time of the case
     */
    public record CaseResult(ConformanceCase testCase, Verdict verdict, String reason, List<Exchange> exchanges, long millis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI target;
    private final HttpClient http;
    private final Duration timeout;

    /** @param target the endpoint's base URL, e.g. {@code http://127.0.0.1:8080} */
    public ConformanceRunner(URI target, Duration timeout) {
        String base = target.toString();
        this.target = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Runs every case in order, printing {@code [ 3/14] PASS  schema-violation  SCHEMA_VIOLATION ... 84 ms} per case. */
    public List<CaseResult> run(List<ConformanceCase> cases, PrintStream out) {
        List<CaseResult> results = new ArrayList<>();
        int width = String.valueOf(cases.size()).length();
        int idWidth = cases.stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (int i = 0; i < cases.size(); i++) {
            CaseResult result = run(cases.get(i));
            results.add(result);
            ConformanceCase c = result.testCase();
            String expected = c.expected() == null ? "-" : c.expected().code() != null ? c.expected().code()
                    : "HTTP " + c.expected().status();
            out.printf(Locale.ROOT, "[%" + width + "d/%d] %-5s %-" + idWidth + "s  %-22s ... %s%n", i + 1, cases.size(),
                    result.verdict(), c.id(), expected, result.verdict() == Verdict.SKIP ? "skipped: " + result.reason()
                            : result.millis() + " ms" + (result.verdict() == Verdict.FAIL ? ": " + result.reason() : ""));
        }
        return results;
    }

    CaseResult run(ConformanceCase testCase) {
        if (testCase.skipReason() != null) {
            return new CaseResult(testCase, Verdict.SKIP, testCase.skipReason(), List.of(), 0);
        }
        long start = System.nanoTime();
        List<Exchange> exchanges = new ArrayList<>();
        List<String> trackingIds = new ArrayList<>();
        String failure = null;
        for (Request request : testCase.requests()) {
            Exchange exchange = send(request);
            // a burst: sent again while the answer is an ordinary one, until the expected answer (or the burst's end)
            for (int sent = 1; sent < request.upTo() && exchange.status() != request.expected().status(); sent++) {
                String unusual = unusual(exchange);
                if (unusual != null) {
                    failure = "submission " + sent + " of the burst " + unusual;
                    break;
                }
                exchange = send(request);
            }
            exchanges.add(exchange);
            if (failure != null) {
                break;
            }
            String trackingId = trackingId(exchange.responseBody());
            trackingIds.add(trackingId);
            failure = judge(request, exchange, trackingId, trackingIds);
            if (failure != null) {
                failure = (testCase.requests().size() > 1 ? request.label() + ": " : "") + failure;
                break;
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return failure == null
                ? new CaseResult(testCase, Verdict.PASS, "answered " + testCase.expected().summary(), exchanges, millis)
                : new CaseResult(testCase, Verdict.FAIL, failure, exchanges, millis);
    }

    /** Null when the answer is what a conforming endpoint gives, otherwise why not. */
    static String judge(Request request, Exchange exchange, String trackingId, List<String> trackingIds) {
        Expectation expected = request.expected();
        if (exchange.error() != null) {
            return "expected HTTP " + expected.summary() + ", got no answer: " + exchange.error();
        }
        if (exchange.status() != expected.status()) {
            return "expected HTTP " + expected.summary() + (request.upTo() > 1 ? " within " + request.upTo() + " submissions" : "")
                    + ", got HTTP " + exchange.status() + codeSuffix(exchange.responseBody());
        }
        if (expected.status() == 429 && !isRetryAfter(header(exchange, "Retry-After"))) {
            return "HTTP 429 as expected, but " + (header(exchange, "Retry-After") == null ? "without a Retry-After header"
                    : "Retry-After '" + header(exchange, "Retry-After") + "' is neither seconds nor an HTTP date");
        }
        if (expected.code() == null) {
            if (trackingId == null) {
                return "HTTP " + exchange.status() + " as expected, but the answer names no trackingId";
            }
            if (expected.sameTrackingIdAs() >= 0 && !trackingId.equals(trackingIds.get(expected.sameTrackingIdAs()))) {
                return "the resend was answered with tracking id " + trackingId + ", not the first one, "
                        + trackingIds.get(expected.sameTrackingIdAs());
            }
            return null;
        }
        JsonNode problem = parse(exchange.responseBody());
        if (problem == null) {
            return "HTTP " + exchange.status() + " as expected, but the body is no JSON problem naming " + expected.code();
        }
        List<String> codes = codes(problem);
        if (!codes.contains(expected.code())) {
            return "HTTP " + exchange.status() + " as expected, but the problem names " + (codes.isEmpty() ? "no code"
                    : String.join(", ", codes)) + ", not " + expected.code();
        }
        return null;
    }

    /** Why an answer within a burst is no ordinary answer (a server error, or none), or null. */
    private static String unusual(Exchange exchange) {
        if (exchange.error() != null) {
            return "got no answer: " + exchange.error();
        }
        return exchange.status() >= 500 ? "was answered HTTP " + exchange.status() + codeSuffix(exchange.responseBody()) : null;
    }

    private static String header(Exchange exchange, String name) {
        return exchange.responseHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** RFC 9110: delay-seconds or an HTTP date. */
    static boolean isRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.trim().matches("\\d{1,10}")) {
            return true;
        }
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The problem's {@code code} and each of its violations' codes. */
    static List<String> codes(JsonNode problem) {
        List<String> codes = new ArrayList<>();
        if (problem.path("code").isTextual()) {
            codes.add(problem.path("code").asText());
        }
        for (JsonNode violation : problem.path("violations")) {
            String code = violation.path("code").asText(null);
            if (code != null && !codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    private Exchange send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target + request.path())).timeout(timeout)
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!name.startsWith(":") && !values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            return new Exchange(request, response.statusCode(), headers, new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Exchange(request, 0, Map.of(), "", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(request, 0, Map.of(), "", "interrupted");
        }
    }

    private static String trackingId(String body) {
        JsonNode json = parse(body);
        return json == null || !json.path("trackingId").isTextual() ? null : json.path("trackingId").asText();
    }

    private static String codeSuffix(String body) {
        JsonNode json = parse(body);
        if (json == null) {
            return body.isBlank() ? " with an empty body" : "";
        }
        List<String> codes = codes(json);
        return codes.isEmpty() ? "" : " " + String.join(", ", codes);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
