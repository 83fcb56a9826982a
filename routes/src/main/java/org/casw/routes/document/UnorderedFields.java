package org.casw.routes.document;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The required fields of blocks whose fields come in any order (xs:all), by block element name. When such a
 * block is incomplete the validator lists every field not yet seen, dozens of them for DecHead; the sender
 * needs to hear only which required ones are missing.
 */
final class UnorderedFields {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final Pattern INCOMPLETE = Pattern.compile(
            "cvc-complex-type\\.2\\.4\\.b: The content of element '([^']+)' is not complete\\. One of '\\{(.*)}' is expected\\.");
    private static final Pattern NAME = Pattern.compile("(?:\"[^\"]*\":)?([A-Za-z_][\\w.\\-]*)");

    private static final Map<String, Set<String>> REQUIRED = new ConcurrentHashMap<>();

    private UnorderedFields() {
    }

    /** Learns the xs:all blocks of a bundled schema. */
    static void learn(URL xsd) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance(); // the JDK's, whatever the class path brings
        factory.setNamespaceAware(true);
        try (InputStream in = xsd.openStream()) {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element schema = factory.newDocumentBuilder().parse(in).getDocumentElement();
            Map<String, Set<String>> byType = new HashMap<>();
            for (Element type : children(schema, "complexType")) {
                for (Element all : children(type, "all")) {
                    Set<String> required = new LinkedHashSet<>();
                    for (Element field : children(all, "element")) {
                        if (!"0".equals(field.getAttribute("minOccurs"))) {
                            required.add(field.getAttribute("name"));
                        }
                    }
                    byType.put(type.getAttribute("name"), required);
                }
            }
            NodeList elements = schema.getElementsByTagNameNS(XS, "element");
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                String type = element.getAttribute("type");
                Set<String> required = byType.get(type.substring(type.indexOf(':') + 1));
                if (required != null && !element.getAttribute("name").isEmpty()) {
                    REQUIRED.merge(element.getAttribute("name"), required, (a, b) -> {
                        Set<String> both = new LinkedHashSet<>(a);
                        both.retainAll(b);
                        return both;
                    });
                }
            }
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("A bundled XML Schema cannot be read: " + xsd, e);
        }
    }

    /** The validator's message, or for an incomplete unordered block the required fields it lacks. */
    static String explain(String message) {
        Matcher incomplete = INCOMPLETE.matcher(message);
        if (!incomplete.matches() || !REQUIRED.containsKey(incomplete.group(1))) {
            return message;
        }
        List<String> missing = new ArrayList<>();
        Matcher name = NAME.matcher(incomplete.group(2));
        while (name.find()) {
            if (REQUIRED.get(incomplete.group(1)).contains(name.group(1))) {
                missing.add(name.group(1));
            }
        }
        return missing.isEmpty() ? message : "cvc-complex-type.2.4.b: The content of element '" + incomplete.group(1)
                + "' is not complete: required " + (missing.size() == 1 ? "element " : "elements ") + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " missing (its fields may come in any order).";
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && XS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
