package org.casw.routes.transform.edifact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The syntax identifiers (UNB S001/0001) the gateway reads, each with the Java charset its bytes are decoded
 * with and the repertoire its data may use (ISO 9735 part 1, clause 7 and annex A): level A (UNOA) is upper-case
 * letters, digits, space and {@code . , - ( ) / = ' + : ? ! " % & * ; < >}; level B (UNOB) adds lower case;
 * UNOC is ISO 8859-1; UNOW (syntax version 4) is UTF-8. UNOA and UNOB are 7-bit ISO 646 and are read as ISO 8859-1,
 * which equals ISO 646 on every byte they allow: a byte above 0x7F is then named in the refusal instead of stopping
 * the parser, whose decoder fails on the first byte its charset cannot map.
 */
enum EdifactCharset {

    UNOA(StandardCharsets.ISO_8859_1),
    UNOB(StandardCharsets.ISO_8859_1), UNOC(StandardCharsets.ISO_8859_1), UNOW(StandardCharsets.UTF_8);

    private static final String LEVEL_A_PUNCTUATION = " .,-()/='+:?!\"%&*;<>";

    private final Charset charset;

    EdifactCharset(Charset charset) {
        this.charset = charset;
    }

    Charset charset() {
        return charset;
    }

    /** The syntax identifier's character set, or empty for one the gateway does not read (UNOD ... UNOY, KECA ...). */
    static Optional<EdifactCharset> of(String syntaxIdentifier) {
        if (syntaxIdentifier == null) {
            return Optional.empty();
        }
        for (EdifactCharset c : values()) {
            if (c.name().equals(syntaxIdentifier.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The charset an interchange with this syntax identifier is decoded with. An unknown identifier is read as
     * ISO 8859-1, which maps every byte to one character, so that nothing is lost before it is refused.
     */
    static Charset charsetOf(String syntaxIdentifier) {
        return of(syntaxIdentifier).map(EdifactCharset::charset).orElse(StandardCharsets.ISO_8859_1);
    }

    /** The repertoire in words, for a refusal. */
    String repertoire() {
        return switch (this) {
            case UNOA -> "upper-case letters, digits, space and . , - ( ) / = ' + : ? ! \" % & * ; < >";
            case UNOB -> "letters, digits, space and . , - ( ) / = ' + : ? ! \" % & * ; < >";
            case UNOC -> "ISO 8859-1 printable characters";
            case UNOW -> "UTF-8 printable characters";
        };
    }

    /** Whether a character (a Unicode code point) belongs to this repertoire. */
    boolean allows(int c) {
        return switch (this) {
            case UNOA -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || LEVEL_A_PUNCTUATION.indexOf(c) >= 0;
            case UNOB -> UNOA.allows(c) || c >= 'a' && c <= 'z';
            case UNOC -> c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFF;
            // the replacement character is what a malformed UTF-8 sequence decodes to
            case UNOW -> c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFFFD && Character.isDefined(c);
        };
    }

    /** The index of the first character outside the repertoire, or -1 when the text is all inside. */
    int firstOutside(String text) {
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (!allows(text.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
