package org.casw.routes.transform.edifact;

import java.util.ArrayList;
import java.util.List;

/**
 * How native text and dates travel in fixed-width EDIFACT elements: long names and descriptions are
 * cut at a space into components (C080 party name 5 x an..35, C108 free text 5 x an..70) and joined
 * back with one space; date-times are CCYYMMDDHHMMSS (2379 format 204).
 */
final class EdifactText {

    private EdifactText() {
    }

    /**
     * The text in at most {@code parts} pieces of at most {@code width} characters, each cut at a space
     * (the space itself dropped) so that {@link #join} gives the text back; null when it does not fit.
     */
    static List<String> split(String text, int width, int parts) {
        List<String> pieces = new ArrayList<>(parts);
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                return null; // a word longer than the element: joining would insert a space
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut + 1);
            if (pieces.size() == parts) {
                return null;
            }
        }
        pieces.add(rest);
        return pieces.size() <= parts ? pieces : null;
    }

    static String join(List<String> pieces) {
        return pieces.isEmpty() ? null : String.join(" ", pieces);
    }

    /** A native 17-digit date-time (yyyyMMddHHmmssSSS) as DTM 2380 in format 204; milliseconds have no place. */
    static String toDtm204(String dateTime17) {
        return dateTime17.substring(0, 14);
    }

    /** DTM 2380 in format 102, 203 or 204 as a native 17-digit date-time, or null for other formats or bad digits. */
    static String toDateTime17(String value, String format) {
        if (value == null || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String f = format == null ? "102" : format; // 2379 absent: CCYYMMDD is the directory default
        return switch (f) {
            case "102" -> value.length() == 8 ? value + "000000000" : null;
            case "203" -> value.length() == 12 ? value + "00000" : null;
            case "204" -> value.length() == 14 ? value + "000" : null;
            default -> null;
        };
    }
}
