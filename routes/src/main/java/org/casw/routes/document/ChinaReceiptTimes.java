package org.casw.routes.document;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times China's single window writes in receipts: {@code 2024-04-17T09:15:03} (the single window),
 * {@code 20180208T09140800} (the QP client, with hundredths) or 14 to 17 digits. Without a zone they are China time.
 */
public final class ChinaReceiptTimes {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static final Pattern DIGITS = Pattern.compile("(\\d{8})T?(\\d{6})(\\d{0,3})");

    private ChinaReceiptTimes() {
    }

    /** The time, or null when the text is absent or no such time. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Matcher digits = DIGITS.matcher(text.trim());
            if (digits.matches()) {
                return LocalDateTime.parse(digits.group(1) + digits.group(2), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                        .atOffset(CHINA);
            }
            return text.length() > 19 && (text.contains("+") || text.endsWith("Z") || text.lastIndexOf('-') > 9)
                    ? OffsetDateTime.parse(text) : LocalDateTime.parse(text).atOffset(CHINA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
