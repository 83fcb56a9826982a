package org.casw.kit.conformance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One case of the suite: what it checks, the requests it sends in order and what each must be answered with.
 *
 * @param id         stable short name, e.g. {@code bad-signature}
 * @param checks     one sentence on what a conforming endpoint does here
 * @param requests   sent in order; the case passes when every answer meets its expectation
 * @param skipReason why the case does not apply to this partner profile, or null
 */
public record ConformanceCase(String id, String checks, List<Request> requests, String skipReason) {

    public ConformanceCase {
        Objects.requireNonNull(id, "id");
        requests = List.copyOf(requests);
        if (skipReason == null && requests.isEmpty()) {
            throw new IllegalArgumentException("case " + id + " sends nothing");
        }
    }

    static ConformanceCase of(String id, String checks, Request... requests) {
        return new ConformanceCase(id, checks, List.of(requests), null);
    }

    static ConformanceCase skipped(String id, String checks, String reason) {
        return new ConformanceCase(id, checks, List.of(), reason);
    }

    /** The expectation of the case's last request: what the progress line names. */
    public Expectation expected() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1).expected();
    }

    /**
     * One HTTP request of a case.
     *
     * @param label    what this request is, e.g. "first submission"
     * @param method   HTTP method
     * @param path     path under the target, e.g. {@code /api/v1/messages}
     * @param headers  request headers (Authorization included; masked in reports)
     * @param body     the body
     * @param expected what the answer must be
     * @param upTo     how many times it may be sent, back to back, until the expected answer comes (a burst); 1 for once
     */
    @SuppressWarnings("ArrayRecordComponent") // the request's bytes, sent as they are and never compared
    public record Request(String label, String method, String path, Map<String, String> headers, byte[] body,
            Expectation expected, int upTo) {
        public Request {
            headers = Map.copyOf(headers);
            if (upTo < 1) {
                throw new IllegalArgumentException("a request is sent at least once");
            }
        }

        public Request(String label, String method, String path, Map<String, String> headers, byte[] body, Expectation expected) {
            this(label, method, path, headers, body, expected, 1);
        }
    }

    /**
     * What a conforming endpoint answers.
     *
     * @param status            HTTP status
     * @param code              stable error code that must be the problem's {@code code} or one of its violations'
     *                          codes; null for an acceptance. A 429 must also say when to come back (Retry-After)
     * @param sameTrackingIdAs  index of an earlier request of the case whose tracking id this answer must repeat, or -1
     */
    public record Expectation(int status, String code, int sameTrackingIdAs) {

        static Expectation accepted() {
            return new Expectation(202, null, -1);
        }

        static Expectation problem(int status, String code) {
            return new Expectation(status, Objects.requireNonNull(code, "code"), -1);
        }

        static Expectation resendOf(int request) {
            return new Expectation(200, null, request);
        }

        /** e.g. {@code 422 SIGNATURE_INVALID} or {@code 202}. */
        public String summary() {
            return status + (code == null ? "" : " " + code);
        }
    }
}
