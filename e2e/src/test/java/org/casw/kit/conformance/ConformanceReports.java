package org.casw.kit.conformance;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads back what the conformance command wrote, as a CI server or a person would. */
final class ConformanceReports {

    /** A testcase of the JUnit XML: its name, and its failure or skip message (null when it passed). */
    record TestCase(String name, String failure, String skipped) {
    }

    private ConformanceReports() {
    }

    /** Parses the JUnit XML (it must be well-formed) and returns its testcases by name, in order. */
    static Map<String, TestCase> junit(Path reportDir) throws Exception {
        Document xml = parse(Files.readAllBytes(reportDir.resolve(ConformanceReport.JUNIT_FILE)));
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        NodeList cases = suite.getElementsByTagName("testcase");
        Map<String, TestCase> byName = new LinkedHashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            byName.put(c.getAttribute("name"), new TestCase(c.getAttribute("name"), message(c, "failure"), message(c, "skipped")));
        }
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(byName.size()));
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(
                byName.values().stream().filter(t -> t.failure() != null).count()));
        return byName;
    }

    /** Parses the HTML page as XML (it is written well-formed) and returns its text. */
    static String html(Path reportDir) throws Exception {
        byte[] bytes = Files.readAllBytes(reportDir.resolve(ConformanceReport.HTML_FILE));
        Document page = parse(bytes);
        assertThat(page.getDocumentElement().getTagName()).isEqualTo("html");
        // self-contained: no stylesheet, script or image is fetched from anywhere
        List<String> external = new ArrayList<>();
        for (String tag : new String[] {"link", "script", "img", "iframe"}) {
            if (page.getElementsByTagName(tag).getLength() > 0) {
                external.add(tag);
            }
        }
        assertThat(external).as("external resources in the HTML report").isEmpty();
        return page.getDocumentElement().getTextContent();
    }

    private static String message(Element testCase, String tag) {
        NodeList found = testCase.getElementsByTagName(tag);
        return found.getLength() == 0 ? null : ((Element) found.item(0)).getAttribute("message");
    }

    private static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
