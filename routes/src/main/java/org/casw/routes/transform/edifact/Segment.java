package org.casw.routes.transform.edifact;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of a message as the reader hands it to a translator: its tag, position and the text of
 * its elements and components. Only the current segment is held; translators keep what they need.
 */
public final class Segment {

    private String tag;
    private int position;
    private int occurrence;
    private int line;
    private final List<List<String>> elements = new ArrayList<>();
    private String messageType;

    void start(String tag, int position, int occurrence, int line, String messageType) {
        this.tag = tag;
        this.position = position;
        this.occurrence = occurrence;
        this.line = line;
        this.messageType = messageType;
        elements.clear();
    }

    /** UNH names the message type only once its own elements are read. */
    void messageType(String messageType) {
        this.messageType = messageType;
    }

    /** Sets the text at a 1-based element and component position (component 0 or 1 for a simple element). */
    void value(int element, int component, String text) {
        while (elements.size() < element) {
            elements.add(new ArrayList<>(2));
        }
        List<String> components = elements.get(element - 1);
        int index = Math.max(component, 1);
        while (components.size() < index) {
            components.add(null);
        }
        components.set(index - 1, text);
    }

    public String tag() {
        return tag;
    }

    /** 1-based position of the segment in its message, UNH being 1. */
    public int position() {
        return position;
    }

    /** 1-based count of segments with this tag so far in the message: EQD[2] is the second EQD. */
    public int occurrence() {
        return occurrence;
    }

    /** 1-based line of the segment in the payload, or null where unknown. */
    public Integer line() {
        return line > 0 ? line : null;
    }

    /** The value at a 1-based element and component position, or null when empty or absent. */
    public String value(int element, int component) {
        if (element < 1 || element > elements.size()) {
            return null;
        }
        List<String> components = elements.get(element - 1);
        int index = Math.max(component, 1);
        if (index > components.size()) {
            return null;
        }
        String text = components.get(index - 1);
        return text == null || text.isEmpty() ? null : text;
    }

    /** A simple element (or a composite's first component). */
    public String value(int element) {
        return value(element, 1);
    }

    /** The non-empty components of an element, in order (e.g. the five lines of C080 party name). */
    public List<String> components(int element, int from, int to) {
        List<String> values = new ArrayList<>();
        for (int c = from; c <= to; c++) {
            String v = value(element, c);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /** Where this segment is, for a violation: {@code CUSCAR/EQD[2]} or {@code CUSCAR/EQD[2]/C237/8260}. */
    public String path(String element) {
        String base = messageType + "/" + tag + "[" + occurrence + "]";
        return element == null ? base : base + "/" + element;
    }

    @Override
    public String toString() {
        return "segment " + position + " " + tag;
    }
}
