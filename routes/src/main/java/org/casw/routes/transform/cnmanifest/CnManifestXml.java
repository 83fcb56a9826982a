package org.casw.routes.transform.cnmanifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a China manifest message by element names, whatever its namespace (one per message type) and order (the
 * water messages and the road ones order their fields differently): children and paths of an element.
 */
final class CnManifestXml {

    private CnManifestXml() {
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element at a path of child names, e.g. {@code "Commodity/Classification/ID"}. */
    static Element at(Element from, String path) {
        Element current = from;
        for (String name : path.split("/")) {
            current = child(current, name);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The trimmed text at a path, or null when the element is absent or empty (an empty element means absent). */
    static String text(Element from, String path) {
        Element e = at(from, path);
        if (e == null) {
            return null;
        }
        String text = e.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    /** The first of several paths that has a value (the water and the road messages name some fields differently). */
    static String firstText(Element from, String... paths) {
        for (String path : paths) {
            String value = text(from, path);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The path to report: the element names from the root, positions among same-named siblings as the validator writes them. */
    static String pathOf(Element element) {
        List<String> names = new ArrayList<>();
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            int position = 1;
            boolean more = false;
            for (Node sibling = e.getParentNode() == null ? null : e.getParentNode().getFirstChild(); sibling != null;
                    sibling = sibling.getNextSibling()) {
                if (sibling instanceof Element s && s.getLocalName().equals(e.getLocalName())) {
                    if (s == e) {
                        more = true;
                    } else if (!more) {
                        position++;
                    }
                }
            }
            names.add(0, position == 1 ? e.getLocalName() : e.getLocalName() + "[" + position + "]");
        }
        return "/" + String.join("/", names);
    }

    /** A location id as China writes it, {@code CNQZH/7205}: the place and, after the slash, the customs office. */
    record Place(String locode, String customsOffice) {
        static Optional<Place> of(String id) {
            if (id == null) {
                return Optional.empty();
            }
            int slash = id.indexOf('/');
            String place = (slash < 0 ? id : id.substring(0, slash)).trim();
            String office = slash < 0 ? null : id.substring(slash + 1).trim();
            return Optional.of(new Place(place.isEmpty() ? null : place,
                    office != null && office.matches("[0-9]{4}") ? office : null));
        }
    }

    /** A date or date-time as 8, 14 or 17 digits (possibly with a +0800 zone) written as the native 17 digits. */
    static String dateTime17(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[+-][0-9]{4}$", "");
        if (!digits.matches("[0-9]{8}([0-9]{6}([0-9]{3})?)?")) {
            return null;
        }
        return (digits + "000000000").substring(0, 17);
    }
}
