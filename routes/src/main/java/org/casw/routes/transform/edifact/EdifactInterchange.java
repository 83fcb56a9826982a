package org.casw.routes.transform.edifact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cheap look at the start of a UN/EDIFACT interchange: the delimiters (UNA or the defaults), the
 * syntax identifier and the first message's type and directory from UNH. Reads at most the first
 * few kilobytes and never throws, so a gateway can pick a translator before parsing anything.
 *
 * @param syntaxIdentifier UNB S001/0001, e.g. {@code UNOC}
 * @param syntaxVersion    UNB S001/0002, e.g. {@code 3}
 * @param messageType      UNH S009/0065 of the first message, e.g. {@code CUSCAR}; null when no UNH was seen
 * @param version          UNH S009/0052, e.g. {@code D}
 * @param release          UNH S009/0054, e.g. {@code 96B}
 * @param agency           UNH S009/0051, e.g. {@code UN}
 */
public record EdifactInterchange(String syntaxIdentifier, String syntaxVersion, String messageType, String version,
                                 String release, String agency) {

    /** How far the sniffer looks for UNB and the first UNH. */
    static final int SNIFF_LIMIT = 8192;

    /** Whether the first message is of the D.96B directory ({@code D:96B:UN}). */
    public boolean isD96b() {
        return directory().filter(d -> d == EdifactDirectory.D96B).isPresent();
    }

    /** The directory of the first message, when the gateway reads it. */
    public Optional<EdifactDirectory> directory() {
        return EdifactDirectory.of(version, release, agency);
    }

    /**
     * The charset the syntax identifier is read with: UNOW (syntax 4) is UTF-8; UNOC is ISO 8859-1, and so are the
     * 7-bit UNOA and UNOB (equal on every byte they allow) and any other until it is refused ({@link EdifactCharset}).
     */
    public Charset charset() {
        return EdifactCharset.charsetOf(syntaxIdentifier);
    }

    /** The interchange at the start of the payload, or empty when it does not start with UNA or UNB. */
    public static Optional<EdifactInterchange> sniff(byte[] payload) {
        if (payload == null) {
            return Optional.empty();
        }
        int length = Math.min(payload.length, SNIFF_LIMIT);
        String head = new String(payload, 0, length, StandardCharsets.ISO_8859_1);
        int start = 0;
        if (head.startsWith("\uFEFF") || head.startsWith("\u00EF\u00BB\u00BF")) {
            start = head.startsWith("\uFEFF") ? 1 : 3;
        }
        while (start < head.length() && Character.isWhitespace(head.charAt(start))) {
            start++;
        }
        char component = ':';
        char element = '+';
        char release = '?';
        char segment = '\'';
        if (head.startsWith("UNA", start)) {
            if (head.length() < start + 9) {
                return Optional.empty();
            }
            component = head.charAt(start + 3);
            element = head.charAt(start + 4);
            release = head.charAt(start + 6);
            segment = head.charAt(start + 8);
            start += 9;
            while (start < head.length() && Character.isWhitespace(head.charAt(start))) {
                start++;
            }
        }
        if (!head.startsWith("UNB", start) || head.length() < start + 4 || head.charAt(start + 3) != element) {
            return Optional.empty();
        }
        List<List<String>> unb = segmentAt(head, start, element, component, release, segment);
        String syntaxId = part(unb, 1, 0);
        String syntaxVersion = part(unb, 1, 1);
        int unh = findSegment(head, "UNH", element, segment, release, start);
        if (unh < 0) {
            return Optional.of(new EdifactInterchange(syntaxId, syntaxVersion, null, null, null, null));
        }
        List<List<String>> header = segmentAt(head, unh, element, component, release, segment);
        return Optional.of(new EdifactInterchange(syntaxId, syntaxVersion, part(header, 2, 0), part(header, 2, 1),
                part(header, 2, 2), part(header, 2, 3)));
    }

    /** Position of the first segment with this tag at a segment start, honouring the release character. */
    private static int findSegment(String text, String tag, char element, char segment, char release, int from) {
        int i = from;
        boolean segmentStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (segmentStart && text.startsWith(tag, i) && i + tag.length() < text.length() && text.charAt(i + tag.length()) == element) {
                return i;
            }
            if (c == release) {
                i += 2;
                segmentStart = false;
                continue;
            }
            if (c == segment) {
                segmentStart = true;
                i++;
                while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
                    i++;
                }
                continue;
            }
            segmentStart = false;
            i++;
        }
        return -1;
    }

    /** The elements (each a list of components) of the segment starting at {@code start}, tag first. */
    private static List<List<String>> segmentAt(String text, int start, char element, char component, char release, char segment) {
        List<List<String>> elements = new ArrayList<>();
        List<String> components = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == release && i + 1 < text.length()) {
                value.append(text.charAt(++i));
            } else if (c == component) {
                components.add(value.toString());
                value.setLength(0);
            } else if (c == element || c == segment) {
                components.add(value.toString());
                value.setLength(0);
                elements.add(components);
                components = new ArrayList<>();
                if (c == segment) {
                    return elements;
                }
            } else {
                value.append(c);
            }
        }
        return elements; // truncated: what was read so far
    }

    private static String part(List<List<String>> elements, int element, int component) {
        if (element >= elements.size() || component >= elements.get(element).size()) {
            return null;
        }
        String value = elements.get(element).get(component).trim();
        return value.isEmpty() ? null : value;
    }
}
