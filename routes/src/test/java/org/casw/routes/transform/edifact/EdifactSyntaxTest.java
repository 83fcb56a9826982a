package org.casw.routes.transform.edifact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.edifact.EdifactMessageReader.ErrorPosition;
import org.casw.routes.transform.edifact.EdifactMessageReader.LocatedViolation;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.codes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARACTER_INVALID;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARSET_UNSUPPORTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CONTROL_COUNT;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SYNTAX;

/**
 * The syntax variants senders use: character sets UNOA, UNOB, UNOC and UNOW, each decoded with its charset and its
 * repertoire enforced; UNA or none; line breaks or none; release characters; groups.
 */
class EdifactSyntaxTest {

    private static final String CUSCAR = text(bytes(EDIFACT_SAMPLES.resolve("cuscar-mt1101-laem-chabang-qinzhou.edi")));
    private static final String SHIPPER = "NAD+CZ+++Chanthaburi Fresh Fruit Co., Ltd.'";

    private static Translation translate(String interchange, Charset charset) {
        return new EdifactTranslator().toNative(interchange.getBytes(charset));
    }

    private static String xml(Translation translation) {
        return new String(translation.payload(), StandardCharsets.UTF_8);
    }

    private static List<LocatedViolation> located(String interchange, Charset charset) {
        return EdifactMessageReader.read(interchange.getBytes(charset), Set.of("CUSCAR"), 1, (segment, problems) -> {
        }).problems().located();
    }

    @Test
    void unoaInUpperCaseIsRead() {
        Translation translation = translate(CUSCAR.replace("UNOC:3", "UNOA:3").toUpperCase(java.util.Locale.ROOT),
                StandardCharsets.US_ASCII);

        assertThat(translation.violations()).isEmpty();
        assertThat(xml(translation)).contains("CHANTHABURI FRESH FRUIT CO., LTD.");
    }

    @Test
    void unoaRefusesALowerCaseLetterNamingSegmentElementAndCharacter() {
        String unoa = CUSCAR.replace("UNOC:3", "UNOA:3").toUpperCase(java.util.Locale.ROOT)
                .replace(SHIPPER.toUpperCase(java.util.Locale.ROOT), "NAD+CZ+++CHANTHABURI FRESH FRUIT Co., LTD.'");
        Translation translation = translate(unoa, StandardCharsets.US_ASCII);

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_CHARACTER_INVALID);
            assertThat(v.path()).isEqualTo("CUSCAR/NAD[3]/C080/3036");
            assertThat(v.message()).contains("Segment 23 NAD", "C080/3036", "'o' (U+006F)", "position 26", "UNOA");
            assertThat(v.line()).isEqualTo(25);
        });
    }

    @Test
    void unobReadsLowerCaseButNotLatin1() {
        Translation lower = translate(CUSCAR.replace("UNOC:3", "UNOB:3"), StandardCharsets.US_ASCII);
        assertThat(lower.violations()).isEmpty();
        assertThat(xml(lower)).contains("Chanthaburi Fresh Fruit Co., Ltd.");

        String accented = CUSCAR.replace("UNOC:3", "UNOB:3").replace(SHIPPER, "NAD+CZ+++Chanthaburi Frais Fruits Société'");
        assertThat(translate(accented, StandardCharsets.ISO_8859_1).violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_CHARACTER_INVALID);
            assertThat(v.message()).contains("Segment 23 NAD", "'é' (U+00E9)", "UNOB");
        });
    }

    @Test
    void unocIsReadAsIso88591AndRefusesC1Controls() {
        Translation translation = translate(CUSCAR.replace(SHIPPER, "NAD+CZ+++Chanthaburi Frais Fruits Société'"),
                StandardCharsets.ISO_8859_1);
        assertThat(translation.violations()).isEmpty();
        assertThat(xml(translation)).contains("Chanthaburi Frais Fruits Société");

        String control = CUSCAR.replace(SHIPPER, "NAD+CZ+++Chanthaburi\u0085Fresh Fruit'");
        assertThat(translate(control, StandardCharsets.ISO_8859_1).violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_CHARACTER_INVALID);
            assertThat(v.message()).contains("U+0085", "UNOC");
        });
    }

    /** A syntax version 4 interchange in UTF-8: UNA names the repetition separator, UNB's date has the century. */
    private static String unow(String shipper) {
        return CUSCAR.replace("UNA:+.? '", "UNA:+.?*'").replace("UNOC:3", "UNOW:4").replace("+261120:0830+", "+20261120:0830+")
                .replace(SHIPPER, shipper);
    }

    @Test
    void unowIsReadAsUtf8InSyntaxVersion4() {
        Translation translation = translate(unow("NAD+CZ+++尖竹汶府鲜果有限公司'"), StandardCharsets.UTF_8);

        assertThat(translation.violations()).isEmpty();
        assertThat(xml(translation)).contains("尖竹汶府鲜果有限公司");
    }

    @Test
    void unowRefusesBytesThatAreNotUtf8() {
        byte[] latin1 = unow("NAD+CZ+++Société Chanthaburi'").getBytes(StandardCharsets.ISO_8859_1);
        Translation translation = new EdifactTranslator().toNative(latin1);

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_CHARACTER_INVALID);
            assertThat(v.message()).contains("Segment 23 NAD", "not valid UTF-8");
        });
    }

    @Test
    void unowBeforeSyntaxVersion4AndOtherCharacterSetsAreRefused() {
        assertThat(codes(translate(CUSCAR.replace("UNOC:3", "UNOW:3"), StandardCharsets.UTF_8).violations()))
                .containsExactly(EDIFACT_CHARSET_UNSUPPORTED);
        Translation unod = translate(CUSCAR.replace("UNOC:3", "UNOD:3"), StandardCharsets.ISO_8859_1);
        assertThat(unod.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_CHARSET_UNSUPPORTED);
            assertThat(v.path()).isEqualTo("INTERCHANGE/UNB[1]/S001/0001");
            assertThat(v.message()).contains("'UNOD'");
        });
    }

    @Test
    void syntaxVersion4WithABlankRepetitionSeparatorIsRefusedBeforeItSplitsTexts() {
        String blank = unow(SHIPPER).replace("UNA:+.?*'", "UNA:+.? '");

        assertThat(translate(blank, StandardCharsets.UTF_8).violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EDIFACT_SYNTAX);
            assertThat(v.path()).isEqualTo("INTERCHANGE/UNA");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"LF", "CRLF", "NONE", "NO_UNA", "NO_UNA_NONE"})
    void unaIsOptionalAndLineBreaksAfterSegmentsAreAllowed(String variant) {
        String body = variant.startsWith("NO_UNA") ? CUSCAR.substring(CUSCAR.indexOf("UNB")) : CUSCAR;
        String interchange = switch (variant) {
            case "CRLF" -> body.replace("\n", "\r\n");
            case "NONE", "NO_UNA_NONE" -> body.replace("\n", "");
            default -> body;
        };
        Translation translation = translate(interchange, StandardCharsets.ISO_8859_1);

        assertThat(translation.violations()).isEmpty();
        assertThat(xml(translation)).contains("Chanthaburi Fresh Fruit Co., Ltd.");
    }

    @Test
    void releasedDelimitersAreData() {
        Translation translation = translate(CUSCAR.replace(SHIPPER, "NAD+CZ+++O?'Neill ?+ Sons?: Durian?? Co.'"),
                StandardCharsets.ISO_8859_1);

        assertThat(translation.violations()).isEmpty();
        assertThat(xml(translation)).contains("O'Neill + Sons: Durian? Co.");
    }

    private static final String GROUPED = CUSCAR.replace("UNH+1+", "UNG+CUSCAR+PABV-QZH-AGENT:ZZZ+CN-CUSTOMS-7205:ZZZ+261120:0830+G1+UN"
            + "+D:96B'\nUNH+1+").replace("UNZ+1+", "UNE+1+G1'\nUNZ+1+");

    @Test
    void groupsAreAcceptedAndTheirCountIsChecked() {
        assertThat(translate(GROUPED, StandardCharsets.ISO_8859_1).violations()).isEmpty();

        assertThat(translate(GROUPED.replace("UNE+1+G1", "UNE+2+G1"), StandardCharsets.ISO_8859_1).violations())
                .extracting(Violation::code, Violation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EDIFACT_CONTROL_COUNT, "INTERCHANGE/UNE[1]/0060"));
    }

    @Test
    void syntaxErrorsCarryTheirPositionForAContrl() {
        String broken = CUSCAR.replace("LOC+22+", "FTX+AAI+++X'\nLOC+22+").replace("UNT+46+1'", "UNT+47+1'")
                .replace("EQD+CN+CSQU3054383+45R1+++8'", "EQD+CN+CSQU3054383+45R1+++8+1:2:3'")
                .replace("UNOC:3", "UNOB:3").replace(SHIPPER, "NAD+CZ+++Chanthaburi Fresh Fruit Co., Ltd.+Soi 3:Bang é'");

        List<LocatedViolation> located = located(broken, StandardCharsets.ISO_8859_1);

        assertThat(located).extracting(LocatedViolation::position).containsExactly(
                new ErrorPosition("FTX", 6, null, null, true, SyntaxErrorCodes.NOT_SUPPORTED_IN_POSITION),
                new ErrorPosition("EQD", 15, 7, null, true, SyntaxErrorCodes.TOO_MANY_CONSTITUENTS),
                new ErrorPosition("NAD", 24, 5, 2, true, SyntaxErrorCodes.INVALID_CHARACTER));
        assertThat(located.get(0).violation().message()).startsWith("Segment 6 FTX");
    }
}
