package org.casw.routes.transform.edifact;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.codes;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.*;

/** Every kind of EDIFACT problem has its own code, the segment's path and line, and all are reported at once. */
class EdifactValidationTest {

    private static final String CUSCAR = new String(bytes(EDIFACT_SAMPLES.resolve("cuscar-mt1101-laem-chabang-qinzhou.edi")), StandardCharsets.ISO_8859_1);

    private final CuscarTranslator cuscar = new CuscarTranslator();

    @Test
    void theSampleIsClean() {
        assertThat(cuscar.toNative(CUSCAR.getBytes(StandardCharsets.ISO_8859_1)).violations()).isEmpty();
    }

    @Test
    void somethingThatIsNotAnInterchangeIsASyntaxError() {
        Violation v = only(cuscar.toNative("ISA*00*          *00*".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(v.code()).isEqualTo(EDIFACT_SYNTAX);
        assertThat(v.message()).contains("UNA or UNB");
    }

    @Test
    void aTruncatedInterchangeIsASyntaxErrorWhereItStops() {
        String truncated = CUSCAR.substring(0, CUSCAR.indexOf("DTM+133:") + 12);
        Violation v = only(cuscar.toNative(truncated.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(v.code()).isEqualTo(EDIFACT_SYNTAX);
        assertThat(v.path()).isEqualTo("CUSCAR/DTM[3]");
        assertThat(v.line()).isEqualTo(13);
        assertThat(v.message()).contains("cannot be parsed further");
    }

    @Test
    void anUnknownSegmentIsUnexpected() {
        Violation v = only(translate(oneMore(CUSCAR.replace("SEL+TH2611802+CA'\n", "SEL+TH2611802+CA'\nFOO+1'\n"))));

        assertThat(v.code()).isEqualTo(EDIFACT_SEGMENT_UNEXPECTED);
        assertThat(v.path()).isEqualTo("CUSCAR/FOO[1]");
        assertThat(v.line()).isEqualTo(20);
        assertThat(v.message()).contains("FOO", "not allowed");
    }

    @Test
    void aSegmentOutOfPlaceIsUnexpected() {
        // a goods item (GID) before any consignment (CNI)
        Violation v = only(translate(oneMore(CUSCAR.replace("CNI+1+PILQZH2611001'\n", "GID+9'\nCNI+1+PILQZH2611001'\n"))));

        assertThat(v.code()).isEqualTo(EDIFACT_SEGMENT_UNEXPECTED);
        assertThat(v.path()).isEqualTo("CUSCAR/GID[1]");
    }

    @Test
    void aMissingMandatorySegmentIsNamed() {
        List<Violation> violations = translate(CUSCAR.replace("BGM+85+PABV-MT1101-20261120-0001+9'\n", "")).violations();

        assertThat(codes(violations)).contains(EDIFACT_SEGMENT_MISSING);
        assertThat(violations).filteredOn(v -> v.code().equals(EDIFACT_SEGMENT_MISSING)).first()
                .satisfies(v -> assertThat(v.path()).isEqualTo("CUSCAR/BGM"));
    }

    @Test
    void anEmptyMandatoryElementIsMissing() {
        Violation v = only(translate(CUSCAR.replace("EQD+CN+ZEPU0037255", "EQD++ZEPU0037255")));

        assertThat(v.code()).isEqualTo(EDIFACT_ELEMENT_MISSING);
        assertThat(v.path()).isEqualTo("CUSCAR/EQD[2]/8053");
        assertThat(v.message()).contains("Equipment qualifier", "mandatory");
    }

    @Test
    void aValueLongerThanItsRepresentationIsTooLong() {
        Violation v = only(translate(CUSCAR.replace("EQD+CN+ZEPU0037255", "EQD+CN+ZEPU0037255ABCDEFGHIJ")));

        assertThat(v.code()).isEqualTo(EDIFACT_ELEMENT_TOO_LONG);
        assertThat(v.path()).isEqualTo("CUSCAR/EQD[2]/C237/8260");
        assertThat(v.line()).isEqualTo(18);
        assertThat(v.column()).isNotNull();
        assertThat(v.message()).contains("Segment 16 EQD", "Equipment identification number", "longer");
    }

    @Test
    void aCodeOutsideItsCodeListIsInvalid() {
        Violation v = only(translate(CUSCAR.replace("BGM+85+", "BGM+999+")));

        assertThat(v.code()).isEqualTo(EDIFACT_ELEMENT_INVALID);
        assertThat(v.path()).isEqualTo("CUSCAR/BGM[1]/C002/1001");
        assertThat(v.message()).contains("'999'", "code list");
    }

    @Test
    void lettersInANumericElementAreInvalid() {
        Violation v = only(translate(CUSCAR.replace("GID+2'", "GID+2A'")));

        assertThat(v.code()).isEqualTo(EDIFACT_ELEMENT_INVALID);
        assertThat(v.path()).isEqualTo("CUSCAR/GID[3]/1496"); // the third GID: the second consignment's item 2
    }

    @Test
    void aWrongSegmentCountInUntIsAControlCountError() {
        Violation v = only(translate(CUSCAR.replaceFirst("UNT\\+\\d+\\+1'", "UNT+7+1'")));

        assertThat(v.code()).isEqualTo(EDIFACT_CONTROL_COUNT);
        assertThat(v.path()).isEqualTo("CUSCAR/UNT[1]/0074");
        assertThat(v.message()).contains("'7'", "actual count");
    }

    @Test
    void aWrongMessageCountInUnzIsAControlCountError() {
        Violation v = only(translate(CUSCAR.replace("UNZ+1+", "UNZ+3+")));

        assertThat(v.code()).isEqualTo(EDIFACT_CONTROL_COUNT);
        assertThat(v.path()).isEqualTo("INTERCHANGE/UNZ[1]/0036");
    }

    @Test
    void mismatchedControlReferencesAreAControlError() {
        List<Violation> violations = translate(CUSCAR.replaceFirst("UNT\\+(\\d+)\\+1'", "UNT+$1+2'")).violations();

        assertThat(codes(violations)).containsOnly(EDIFACT_CONTROL_COUNT);
        assertThat(violations.get(0).path()).isEqualTo("CUSCAR/UNT[1]/0062");
    }

    @Test
    void allProblemsAreReportedNotOnlyTheFirst() {
        String broken = CUSCAR.replace("BGM+85+", "BGM+999+").replace("EQD+CN+ZEPU0037255", "EQD+CN+ZEPU0037255ABCDEFGHIJ")
                .replace("GID+2'", "GID+2A'").replace("UNZ+1+", "UNZ+3+");

        assertThat(codes(translate(broken).violations())).containsExactly(EDIFACT_ELEMENT_INVALID, EDIFACT_ELEMENT_TOO_LONG,
                EDIFACT_ELEMENT_INVALID, EDIFACT_CONTROL_COUNT);
    }

    @Test
    void anUnsupportedMessageTypeIsRefusedByEveryTranslatorTheGatewayMayTry() {
        byte[] iftmin = CUSCAR.replace("CUSCAR:D:96B:UN", "IFTMIN:D:96B:UN").getBytes(StandardCharsets.ISO_8859_1);

        for (InboundTranslator translator : List.of(new EdifactTranslator(), new CuscarTranslator(), new CodecoCoarriTranslator())) {
            Translation translation = translator.toNative(iftmin);
            assertThat(codes(translation.violations())).as(translator.getClass().getSimpleName()).containsOnly(EDIFACT_MESSAGE_UNSUPPORTED);
            assertThat(translation.violations().get(0).path()).isEqualTo("IFTMIN/UNH[1]/S009/0065");
        }
        assertThat(new EdifactTranslator().recognises(iftmin)).isTrue();
        assertThat(new CuscarTranslator().recognises(iftmin)).isFalse();
        assertThat(new CodecoCoarriTranslator().recognises(iftmin)).isFalse();
    }

    @Test
    void anotherDirectoryIsUnsupported() {
        Violation v = only(translate(CUSCAR.replace("CUSCAR:D:96B:UN", "CUSCAR:D:01B:UN")));

        assertThat(v.code()).isEqualTo(EDIFACT_MESSAGE_UNSUPPORTED);
        assertThat(v.message()).contains("D:01B:UN", "D:96B:UN");
    }

    @Test
    void twoManifestsInOneInterchangeAreRefused() {
        int unh = CUSCAR.indexOf("UNH+");
        int unz = CUSCAR.indexOf("UNZ+");
        String message = CUSCAR.substring(unh, unz);
        String twice = CUSCAR.substring(0, unz) + message + CUSCAR.substring(unz).replace("UNZ+1+", "UNZ+2+");

        assertThat(codes(translate(twice).violations())).containsOnly(EDIFACT_MESSAGE_UNSUPPORTED);
    }

    @Test
    void aPayloadAboveTheLimitIsRefusedBeforeParsing() {
        Violation v = only(new CuscarTranslator(1024).toNative(CUSCAR.getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(v.code()).isEqualTo(EDIFACT_PAYLOAD_TOO_LARGE);
    }

    @Test
    void theDispatcherSendsEachMessageTypeToItsTranslator() {
        EdifactTranslator dispatcher = new EdifactTranslator();

        assertThat(dispatcher.toNative(bytes(EDIFACT_SAMPLES.resolve("cuscar-mt1101-laem-chabang-qinzhou.edi"))).type())
                .hasToString("MANIFEST");
        assertThat(dispatcher.toNative(bytes(EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi"))).type())
                .hasToString("CONTAINER_EVENT");
        assertThat(dispatcher.recognises("<Manifest/>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(EdifactInterchange.sniff(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi"))))
                .hasValueSatisfying(i -> {
                    assertThat(i.messageType()).isEqualTo("CODECO");
                    assertThat(i.isD96b()).isTrue();
                    assertThat(i.syntaxIdentifier()).isEqualTo("UNOC");
                });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a parser that loops, not a performance check
    void mangledInterchangesNeverThrowAndAlwaysSayWhy() {
        Random random = new Random(20261120);
        byte[] original = CUSCAR.getBytes(StandardCharsets.ISO_8859_1);
        String alphabet = "+:'?*A9 \n\u0000\u00ff";
        for (int round = 0; round < 500; round++) {
            byte[] mangled = original.clone();
            int changes = 1 + random.nextInt(8);
            for (int c = 0; c < changes; c++) {
                mangled[random.nextInt(mangled.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (random.nextInt(10) == 0) {
                mangled = java.util.Arrays.copyOf(mangled, random.nextInt(mangled.length));
            }
            Translation translation = new EdifactTranslator().toNative(mangled);
            assertThat(translation.ok() ? translation.payload() != null : !translation.violations().isEmpty()).isTrue();
            translation.violations().forEach(v -> assertThat(v.code()).startsWith("EDIFACT_"));
        }
    }

    /** The interchange with its UNT count raised by one, for a test that inserts a segment. */
    private static String oneMore(String edifact) {
        java.util.regex.Matcher unt = java.util.regex.Pattern.compile("UNT\\+(\\d+)\\+").matcher(edifact);
        assertThat(unt.find()).isTrue();
        return unt.replaceFirst("UNT+" + (Integer.parseInt(unt.group(1)) + 1) + "+");
    }

    private Translation translate(String edifact) {
        return cuscar.toNative(edifact.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Violation only(Translation translation) {
        assertThat(translation.ok()).isFalse();
        assertThat(translation.violations()).hasSize(1);
        return translation.violations().get(0);
    }
}
