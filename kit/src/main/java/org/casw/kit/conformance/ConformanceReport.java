package org.casw.kit.conformance;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.casw.kit.conformance.ConformanceRunner.CaseResult;
import org.casw.kit.conformance.ConformanceRunner.Exchange;
import org.casw.kit.conformance.ConformanceRunner.Verdict;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a run's results as JUnit XML ({@code conformance-junit.xml}, one testcase per case, for CI) and as one
 * self-contained HTML page ({@code conformance-report.html}, no external CSS or script, also well-formed XML) showing each case's
 * requests (headers and body, truncated, API keys masked), answers and verdict.
 */
public final class ConformanceReport {

    public static final String JUNIT_FILE = "conformance-junit.xml";
    public static final String HTML_FILE = "conformance-report.html";
    /** Bodies longer than this are cut in the middle: enough to see the document and the signature at its end. */
    static final int BODY_LIMIT = 6_000;

    private final String profile;
    private final String target;
    private final Instant startedAt;
    private final List<CaseResult> results;

    public ConformanceReport(String profile, String target, Instant startedAt, List<CaseResult> results) {
        this.profile = profile;
        this.target = target;
        this.startedAt = startedAt;
        this.results = List.copyOf(results);
    }

    /** Writes both files into {@code directory}, creating it; returns their paths. */
    public List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path junit = directory.resolve(JUNIT_FILE);
        Path html = directory.resolve(HTML_FILE);
        Files.writeString(junit, junitXml(), StandardCharsets.UTF_8);
        Files.writeString(html, html(), StandardCharsets.UTF_8);
        return List.of(junit, html);
    }

    long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    String junitXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "conformance." + profile);
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(count(Verdict.FAIL)));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(count(Verdict.SKIP)));
            xml.writeAttribute("time", seconds(results.stream().mapToLong(CaseResult::millis).sum()));
            xml.writeAttribute("timestamp", startedAt.toString());
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "target", target);
            property(xml, "partner", profile);
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (CaseResult result : results) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "conformance." + profile);
                xml.writeAttribute("name", result.testCase().id());
                xml.writeAttribute("time", seconds(result.millis()));
                if (result.verdict() == Verdict.FAIL) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", result.reason());
                    xml.writeAttribute("type", "NonConforming");
                    xml.writeCharacters(result.testCase().checks() + "\n" + result.reason());
                    xml.writeEndElement();
                } else if (result.verdict() == Verdict.SKIP) {
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", result.reason());
                }
                xml.writeStartElement("system-out");
                xml.writeCharacters(result.testCase().checks());
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return text + "\n";
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    String html() {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>Conformance report: ").append(escape(profile)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("table.summary{border-collapse:collapse}")
                .append("table.summary td,table.summary th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append(".PASS{color:#17692a;font-weight:bold}.FAIL{color:#b00020;font-weight:bold}.SKIP{color:#777;font-weight:bold}")
                .append("details{border:1px solid #ddd;margin:.6em 0;padding:.4em .8em;border-radius:4px}")
                .append("summary{cursor:pointer}")
                .append("pre{background:#f6f6f6;padding:.6em;overflow:auto;max-height:30em;white-space:pre-wrap;word-break:break-all}")
                .append("h3{margin:.8em 0 .3em;font-size:1em}\n</style></head><body>\n");
        h.append("<h1>Conformance report</h1>\n<p>Partner profile <b>").append(escape(profile)).append("</b>, target <code>")
                .append(escape(target)).append("</code>, started ").append(escape(startedAt.toString())).append(".</p>\n");
        h.append("<p><span class=\"PASS\">").append(count(Verdict.PASS)).append(" passed</span>, <span class=\"FAIL\">")
                .append(count(Verdict.FAIL)).append(" failed</span>, <span class=\"SKIP\">").append(count(Verdict.SKIP))
                .append(" skipped</span> of ").append(results.size()).append(" cases.</p>\n");
        h.append("<table class=\"summary\"><tr><th>#</th><th>case</th><th>expected</th><th>verdict</th><th>ms</th><th>reason</th></tr>\n");
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            h.append("<tr><td>").append(i + 1).append("</td><td><a href=\"#").append(escape(r.testCase().id())).append("\">")
                    .append(escape(r.testCase().id())).append("</a></td><td>")
                    .append(r.testCase().expected() == null ? "-" : escape(r.testCase().expected().summary()))
                    .append("</td><td class=\"").append(r.verdict()).append("\">").append(r.verdict()).append("</td><td>")
                    .append(r.millis()).append("</td><td>").append(escape(r.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (CaseResult r : results) {
            h.append("<details id=\"").append(escape(r.testCase().id())).append("\"")
                    .append(r.verdict() == Verdict.FAIL ? " open=\"open\"" : "")
                    .append("><summary><span class=\"").append(r.verdict()).append("\">").append(r.verdict()).append("</span> ")
                    .append(escape(r.testCase().id())).append(": ").append(escape(r.testCase().checks())).append("</summary>\n");
            h.append("<p>").append(escape(r.reason())).append("</p>\n");
            for (Exchange e : r.exchanges()) {
                h.append("<h3>Request: ").append(escape(e.request().label())).append(" (expected ")
                        .append(escape(e.request().expected().summary())).append(")</h3>\n<pre>")
                        .append(escape(e.request().method() + " " + e.request().path() + "\n" + headers(masked(e.request().headers()))
                                + "\n" + truncate(new String(e.request().body(), StandardCharsets.UTF_8))))
                        .append("</pre>\n<h3>Response</h3>\n<pre>");
                if (e.error() != null) {
                    h.append(escape("no answer: " + e.error()));
                } else {
                    h.append(escape("HTTP " + e.status() + "\n" + headers(e.responseHeaders()) + "\n"
                            + truncate(pretty(e.responseBody()))));
                }
                h.append("</pre>\n");
            }
            h.append("</details>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Authorization values (and anything named like a key) never appear in a report. */
    static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = lower.equals("authorization") || lower.contains("key") || lower.contains("token");
            copy.put(name, !secret ? value : value.startsWith("Bearer ") ? "Bearer ******** (masked)" : "******** (masked)");
        });
        return copy;
    }

    /** JSON answers indented, so a problem's violations read one per line; anything else as it came. */
    static String pretty(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return body;
        }
        try {
            ObjectMapper json = new ObjectMapper();
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(trimmed));
        } catch (IOException e) {
            return body;
        }
    }

    static String truncate(String body) {
        if (body.length() <= BODY_LIMIT) {
            return body;
        }
        int head = BODY_LIMIT * 3 / 4;
        int tail = BODY_LIMIT / 8;
        String end = body.substring(body.length() - tail);
        if (end.isBlank()) {
            // the oversized case's padding: say so rather than show white space
            return body.substring(0, head) + "\n[... " + (body.length() - head) + " more characters, white space ...]";
        }
        return body.substring(0, head) + "\n[... " + (body.length() - head - tail) + " characters omitted ...]\n" + end;
    }

    private static String headers(Map<String, String> headers) {
        StringBuilder s = new StringBuilder();
        headers.forEach((name, value) -> s.append(name).append(": ").append(value).append('\n'));
        return s.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
