package org.casw.routes.transform.edifact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The segments of an interchange as spans of its original bytes, cut without StAEDI so that an interchange
 * can be taken apart and put together again byte for byte. Follows ISO 9735's service string rules: an
 * optional UNA (else {@code :+.? '}), the release character, and any CR/LF after a segment terminator
 * (line breaks are not part of the syntax but nearly every sender writes one per segment). Delimiters are
 * single bytes in every character set the gateway reads (UNOA to UNOC, and UTF-8 where multi-byte
 * characters never contain an ASCII byte), so the spans are exact in each.
 */
final class EdifactTokens {

    /** The service string advice: component, element, release (0 when none), repetition and segment delimiters. */
    record Delimiters(byte component, byte element, byte release, byte repetition, byte segment) {

        static final Delimiters DEFAULT = new Delimiters((byte) ':', (byte) '+', (byte) '?', (byte) '*', (byte) '\'');

        boolean isDelimiter(char c) {
            return c == (char) (component & 0xFF) || c == (char) (element & 0xFF) || c == (char) (segment & 0xFF)
                    || release != 0 && c == (char) (release & 0xFF) || c == (char) (repetition & 0xFF);
        }
    }

    /**
     * One segment: its tag, its bytes {@code [start, end)} including the terminator, {@code next} past the line
     * break that follows, its 1-based line, whether it has its terminator (else the payload ends inside it), and
     * for service segments (UNx) the released text of its elements.
     */
    record Span(String tag, int start, int end, int next, int line, boolean terminated, List<List<String>> elements) {

        /** The value at a 1-based element and component position, trimmed, or null when empty or absent. */
        String value(int element, int component) {
            if (element < 1 || element > elements.size() || component < 1 || component > elements.get(element - 1).size()) {
                return null;
            }
            String v = elements.get(element - 1).get(component - 1).trim();
            return v.isEmpty() ? null : v;
        }
    }

    /** What was read: where the UNA starts (or -1), the delimiters, and every segment from UNB on. */
    record Tokens(int unaStart, int unbStart, Delimiters delimiters, List<Span> segments, Charset charset) {
    }

    private EdifactTokens() {
    }

    /** The segments of the payload, or empty when it does not start (after a BOM or blanks) with UNA or UNB. */
    static Optional<Tokens> read(byte[] payload) {
        if (payload == null) {
            return Optional.empty();
        }
        int start = skipBlanks(payload, bom(payload));
        Delimiters delimiters = Delimiters.DEFAULT;
        int unaStart = -1;
        if (startsWith(payload, start, "UNA")) {
            Optional<Delimiters> una = serviceStringAdvice(payload);
            if (una.isEmpty()) {
                return Optional.empty();
            }
            unaStart = start;
            delimiters = una.get();
            start = skipBlanks(payload, start + 9);
        }
        if (!startsWith(payload, start, "UNB") || payload.length < start + 4 || payload[start + 3] != delimiters.element()) {
            return Optional.empty();
        }
        List<Span> segments = new ArrayList<>();
        int line = 1 + count(payload, 0, start, (byte) '\n');
        int pos = start;
        Charset charset = StandardCharsets.ISO_8859_1;
        while (pos < payload.length && !blank(payload, pos)) {
            int terminator = terminatorEnd(payload, pos, delimiters);
            boolean terminated = terminator > 0;
            int end = terminated ? terminator : payload.length;
            int next = end;
            while (next < payload.length && (payload[next] == '\r' || payload[next] == '\n')) {
                next++;
            }
            String tag = tag(payload, pos, end, delimiters);
            List<List<String>> elements = tag.startsWith("UN") ? elements(payload, pos, end, delimiters, charset) : List.of();
            Span span = new Span(tag, pos, end, next, line, terminated, elements);
            if (segments.isEmpty()) {
                charset = EdifactCharset.charsetOf(span.value(1, 1));
                span = new Span(tag, pos, end, next, line, terminated, elements(payload, pos, end, delimiters, charset));
            }
            segments.add(span);
            line += count(payload, pos, next, (byte) '\n');
            pos = next;
        }
        return Optional.of(new Tokens(unaStart, start, delimiters, List.copyOf(segments), charset));
    }

    /** The delimiters a UNA at the start of the payload (after a BOM or blanks) declares; empty without a whole UNA. */
    static Optional<Delimiters> serviceStringAdvice(byte[] payload) {
        int start = skipBlanks(payload, bom(payload));
        if (!startsWith(payload, start, "UNA") || payload.length < start + 9) {
            return Optional.empty();
        }
        byte release = payload[start + 6] == ' ' ? 0 : payload[start + 6]; // a space: no release character
        return Optional.of(new Delimiters(payload[start + 3], payload[start + 4], release, payload[start + 7], payload[start + 8]));
    }

    private static int bom(byte[] payload) {
        boolean bom = payload.length >= 3 && (payload[0] & 0xFF) == 0xEF && (payload[1] & 0xFF) == 0xBB && (payload[2] & 0xFF) == 0xBF;
        return bom ? 3 : 0;
    }

    /** The position after the segment terminator, or -1 when the payload ends inside the segment. */
    private static int terminatorEnd(byte[] payload, int from, Delimiters delimiters) {
        int i = from;
        while (i < payload.length) {
            byte b = payload[i];
            if (delimiters.release() != 0 && b == delimiters.release()) {
                i += 2;
            } else if (b == delimiters.segment()) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String tag(byte[] payload, int start, int end, Delimiters delimiters) {
        int i = start;
        while (i < end && payload[i] != delimiters.element() && payload[i] != delimiters.component()
                && payload[i] != delimiters.segment()) {
            i++;
        }
        return new String(payload, start, i - start, StandardCharsets.ISO_8859_1).trim();
    }

    /** The released element texts of a segment, tag first as element 0 dropped: element 1 is the first after the tag. */
    private static List<List<String>> elements(byte[] payload, int start, int end, Delimiters delimiters, Charset charset) {
        List<List<String>> elements = new ArrayList<>();
        List<String> components = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean tagDone = false;
        for (int i = start; i < end; i++) {
            byte b = payload[i];
            if (delimiters.release() != 0 && b == delimiters.release() && i + 1 < end) {
                value.write(payload[++i]);
            } else if (b == delimiters.component()) {
                components.add(value.toString(charset));
                value.reset();
            } else if (b == delimiters.element() || b == delimiters.segment()) {
                components.add(value.toString(charset));
                value.reset();
                if (tagDone) {
                    elements.add(components);
                }
                tagDone = true;
                components = new ArrayList<>();
                if (b == delimiters.segment()) {
                    return elements;
                }
            } else {
                value.write(b);
            }
        }
        if (tagDone) {
            components.add(value.toString(charset)); // cut off: what was read so far
            elements.add(components);
        }
        return elements;
    }

    /** The text of a value with every delimiter released, in the interchange's character set. */
    static byte[] escape(String value, Delimiters delimiters, Charset charset) {
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (char c : value.toCharArray()) {
            if (delimiters.release() != 0 && delimiters.isDelimiter(c)) {
                out.append((char) (delimiters.release() & 0xFF));
            }
            out.append(c);
        }
        return out.toString().getBytes(charset);
    }

    private static boolean startsWith(byte[] payload, int at, String text) {
        if (payload.length < at + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (payload[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(byte[] payload, int from) {
        int i = from;
        while (i < payload.length && (payload[i] == ' ' || payload[i] == '\t' || payload[i] == '\r' || payload[i] == '\n')) {
            i++;
        }
        return i;
    }

    /** Whether nothing but blanks (or a DOS end-of-file mark) is left from here. */
    static boolean blank(byte[] payload, int from) {
        for (int i = from; i < payload.length; i++) {
            byte b = payload[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x1A) {
                return false;
            }
        }
        return true;
    }

    private static int count(byte[] payload, int from, int to, byte b) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (payload[i] == b) {
                n++;
            }
        }
        return n;
    }
}
