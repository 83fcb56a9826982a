package org.casw.routes.transform.edifact;

import java.math.BigDecimal;

/**
 * How a temperature travels in the D.96B n3 elements (TMP C239/6246 set temperature, DGS C223/7106
 * flashpoint): exactly three digits, the sign and decimal mark not counted, so -18 is {@code -018}, 7 is
 * {@code 007} and 13.5 is {@code 13.5}.
 */
final class TemperatureSetting {

    private static final int DIGITS = 3;

    private TemperatureSetting() {
    }

    /** The value as n3, or null when it needs more than three digits (e.g. 1000 or 13.75). */
    static String toN3(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        BigDecimal magnitude = plain.abs();
        String integer = magnitude.toBigInteger().toString();
        int fraction = plain.scale();
        int integerDigits = "0".equals(integer) ? 0 : integer.length();
        if (integerDigits + fraction > DIGITS) {
            return null;
        }
        String digits = "0".repeat(DIGITS - fraction - integerDigits) + (integerDigits == 0 ? "" : integer);
        String text = fraction == 0 ? digits
                : digits + "." + magnitude.toPlainString().substring(magnitude.toPlainString().indexOf('.') + 1);
        return plain.signum() < 0 ? "-" + text : text;
    }

    /** An n3 (or any decimal) as written, with either decimal mark; null when it is not a number. */
    static BigDecimal fromText(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
