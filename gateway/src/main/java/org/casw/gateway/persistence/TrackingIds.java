package org.casw.gateway.persistence;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Tracking ids: "SW", the UTC date, then 12 random Crockford base32 characters (60 bits). */
final class TrackingIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder("SW").append(LocalDate.now(ZoneOffset.UTC).format(DATE));
        long bits = RANDOM.nextLong();
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return id.toString();
    }
}
