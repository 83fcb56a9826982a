package org.casw.routes.rules;

/** Check characters of the identifiers trade documents carry: containers, enterprises, vessels. */
public final class CheckDigits {

    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CheckDigits() {
    }

    /** ISO 6346: owner code, category U/J/Z, 6-digit serial and check digit. */
    public static boolean isValidContainerNumber(String number) {
        if (number == null || !number.matches("[A-Z]{3}[UJZ][0-9]{7}")) {
            return false;
        }
        return containerCheckDigit(number) == number.charAt(10) - '0';
    }

    /** The ISO 6346 check digit a 10-character container prefix should have. */
    public static int containerCheckDigit(String firstTen) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += containerValue(firstTen.charAt(i)) << i;
        }
        return (sum % 11) % 10;
    }

    /** ISO 6346 letter values: A=10 upwards, skipping multiples of 11 (B=12, L=23, V=34). */
    private static final int[] LETTER_VALUES = new int[26];

    static {
        int value = 10;
        for (int i = 0; i < 26; i++) {
            if (value % 11 == 0) {
                value++;
            }
            LETTER_VALUES[i] = value++;
        }
    }

    private static int containerValue(char c) {
        return Character.isDigit(c) ? c - '0' : LETTER_VALUES[c - 'A'];
    }

    /** GB 32100 Unified Social Credit Code: 18 characters, embedded GB 11714 organisation code, check character. */
    public static boolean isValidUscc(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC_ALPHABET.indexOf(code.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * USCC_WEIGHTS[i];
        }
        char expected = USCC_ALPHABET.charAt((31 - sum % 31) % 31);
        return code.charAt(17) == expected && isValidOrganisationCode(code.substring(8, 17));
    }

    /** GB 11714 organisation code: 8 characters and a check character (0-9 or X). */
    static boolean isValidOrganisationCode(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = code.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : (c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1);
            if (v < 0) {
                return false;
            }
            sum += v * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
        return code.charAt(8) == expected;
    }

    /** IMO ship identification number: 7 digits, the last is (7d1+6d2+5d3+4d4+3d5+2d6) mod 10. */
    public static boolean isValidImo(String number) {
        String digits = number != null && number.startsWith("IMO") ? number.substring(3).trim() : number;
        if (digits == null || !digits.matches("[0-9]{7}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (digits.charAt(i) - '0') * (7 - i);
        }
        return sum % 10 == digits.charAt(6) - '0';
    }
}
