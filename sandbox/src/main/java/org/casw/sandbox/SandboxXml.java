package org.casw.sandbox;

/**
 * Values put into the sandbox's XML templates: every one goes through {@link #text}, so a value from a
 * request or a delivered document (a name with {@code <}, {@code &}, quotes or {@code ]]>}) stays text and
 * never becomes markup. Characters XML 1.0 cannot carry become U+FFFD.
 */
final class SandboxXml {

    private SandboxXml() {
    }

    /** {@code value} as XML character data or attribute value; null as empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (allowed(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    /** XML 1.0 Char, for one UTF-16 unit that is not part of a surrogate pair. */
    private static boolean allowed(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
