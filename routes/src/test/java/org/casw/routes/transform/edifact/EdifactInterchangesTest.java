package org.casw.routes.transform.edifact;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/** An interchange is taken apart into one-message interchanges, and a broken envelope is reported, never thrown. */
class EdifactInterchangesTest {

    private static final String CODECO = text(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")));
    private static final String COARRI = text(bytes(EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi")));

    /** The UNH ... UNT of a one-message sample, with its line break. */
    private static String message(String interchange) {
        return interchange.substring(interchange.indexOf("UNH+"), interchange.indexOf("UNZ+"));
    }

    private static String head(String interchange) {
        return interchange.substring(0, interchange.indexOf("UNH+"));
    }

    /** A CODECO and a COARRI in the CODECO's envelope. */
    private static final String TWO = head(CODECO) + message(CODECO) + message(COARRI) + "UNZ+2+QZCODECO00017'\n";

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InterchangeSplit split(String s) {
        return EdifactInterchanges.split(latin1(s)).orElseThrow();
    }

    @Test
    void twoMessagesBecomeTwoInterchangesThatEachTranslateOnTheirOwn() {
        InterchangeSplit split = split(TWO);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.messages()).extracting(MessagePart::index, MessagePart::messageReference, MessagePart::messageType,
                MessagePart::directory, MessagePart::firstLine)
                .containsExactly(tuple(1, "QZGO0017", "CODECO", "D96B", 3),
                        tuple(2, "QZDS0009", "COARRI", "D96B", 3 + message(CODECO).split("\n").length));
        // the first part is the CODECO sample itself, byte for byte: same UNA, UNB, message and UNZ
        assertThat(text(split.messages().get(0).payload())).isEqualTo(CODECO);
        assertThat(text(split.messages().get(1).payload())).isEqualTo(head(CODECO) + message(COARRI) + "UNZ+1+QZCODECO00017'\n");
        CodecoCoarriTranslator translator = new CodecoCoarriTranslator();
        for (MessagePart part : split.messages()) {
            Translation translation = translator.toNative(part.payload());
            assertThat(translation.violations()).as(part.messageType()).isEmpty();
        }
    }

    @Test
    void theEnvelopeIsReadFromTheUnb() {
        String unb = "UNB+UNOC:3+91450700MA5KX41CXK:ZZZ+CN-CUSTOMS-7205:ZZZ+261120:1520+QZCODECO00017++CODECO+A+1++1'\n";
        Envelope envelope = split(TWO.replaceFirst("UNB\\+[^']*'\n", unb)).envelope();

        assertThat(envelope).isEqualTo(new Envelope("UNOC", "3", "91450700MA5KX41CXK", "ZZZ", "CN-CUSTOMS-7205", "ZZZ", "261120", "1520",
                "QZCODECO00017", "1", "1", false));
        assertThat(split(TWO).envelope().acknowledgementRequest()).isNull();
    }

    @Test
    void aSingleMessageInterchangeIsItsOwnOnlyPart() {
        InterchangeSplit split = split(CODECO);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.messages()).singleElement().satisfies(p -> assertThat(text(p.payload())).isEqualTo(CODECO));
    }

    @Test
    void withoutUnaAndWithoutLineBreaksTheWrittenTrailersFollowTheSameStyle() {
        String oneLine = TWO.substring(TWO.indexOf("UNB")).replace("\n", "");
        InterchangeSplit split = split(oneLine);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.messages()).hasSize(2).allSatisfy(p -> assertThat(p.firstLine()).isEqualTo(1));
        String second = text(split.messages().get(1).payload());
        assertThat(second).startsWith("UNB+UNOC:3+").doesNotContain("\n").endsWith("UNT+22+QZDS0009'UNZ+1+QZCODECO00017'");
        assertThat(new CodecoCoarriTranslator().toNative(split.messages().get(1).payload()).violations()).isEmpty();
    }

    @Test
    void crLfLineBreaksAreKeptInTheWrittenTrailers() {
        InterchangeSplit split = split(TWO.replace("\n", "\r\n"));

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(text(split.messages().get(1).payload())).endsWith("UNT+22+QZDS0009'\r\nUNZ+1+QZCODECO00017'\r\n");
        assertThat(split.messages().get(1).firstLine()).isEqualTo(3 + message(CODECO).split("\n").length);
    }

    @Test
    void releasedDelimitersNeitherEndASegmentNorAReference() {
        String released = TWO.replace("QZCODECO00017", "QZ?+CO?'17").replace("BGM+36+QZPORT-GO-20261120-0017+9'",
                "BGM+36+QZPORT?'GO?+20261120?:0017+9'");
        InterchangeSplit split = split(released);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.envelope().controlReference()).isEqualTo("QZ+CO'17");
        assertThat(split.messages()).hasSize(2);
        assertThat(text(split.messages().get(1).payload())).endsWith("UNZ+1+QZ?+CO?'17'\n");
        assertThat(text(split.messages().get(0).payload())).contains("BGM+36+QZPORT?'GO?+20261120?:0017+9'");
    }

    @Test
    void aUnaWithOtherDelimitersIsHonoured() {
        String other = TWO.replace("UNA:+.? '", "UNA|*,! ~").replace("?+", "!*").replace('+', '*').replace(':', '|').replace('\'', '~');
        InterchangeSplit split = split(other);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.envelope().senderId()).isEqualTo("91450700MA5KX41CXK");
        assertThat(text(split.messages().get(1).payload())).startsWith("UNA|*,! ~\nUNB*UNOC|3*").endsWith("UNZ*1*QZCODECO00017~\n");
    }

    @Test
    void groupsAreKeptAroundEachMessageAndCountedInUnz() {
        String grouped = head(CODECO) + "UNG+CODECO+QZPORT+CNCUS+261120:1520+G1+UN+D:96B'\n" + message(CODECO) + "UNE+1+G1'\n"
                + "UNG+COARRI+QZPORT+CNCUS+261120:1520+G2+UN+D:96B'\n" + message(COARRI) + "UNE+1+G2'\n" + "UNZ+2+QZCODECO00017'\n";
        InterchangeSplit split = split(grouped);

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.envelope().groups()).isTrue();
        assertThat(text(split.messages().get(1).payload())).isEqualTo(head(CODECO) + "UNG+COARRI+QZPORT+CNCUS+261120:1520+G2+UN+D:96B'\n"
                + message(COARRI) + "UNE+1+G2'\nUNZ+1+QZCODECO00017'\n");
        // the gateway's reader accepts a grouped interchange as it is
        assertThat(new CodecoCoarriTranslator().toNative(split.messages().get(1).payload()).violations()).isEmpty();
    }

    @Test
    void utf8TextIsCutAsBytesAndKeptExactly() {
        String unow = CODECO.replace("UNOC:3", "UNOW:4").replace("NAD+CF+COSU::ZZZ'", "NAD+CF+COSU::ZZZ+中远海运集装箱运输有限公司'")
;
        byte[] utf8 = unow.getBytes(StandardCharsets.UTF_8);
        InterchangeSplit split = EdifactInterchanges.split(utf8).orElseThrow();

        assertThat(split.envelopeViolations()).isEmpty();
        assertThat(split.messages().get(0).payload()).isEqualTo(utf8);
    }

    @Test
    void theEnvelopeIsDecodedInTheCharacterSetItNames() {
        String unow = CODECO.replace("UNOC:3+91450700MA5KX41CXK:ZZZ", "UNOW:4+钦州港集装箱码头:ZZZ");

        assertThat(EdifactInterchanges.split(unow.getBytes(StandardCharsets.UTF_8)).orElseThrow().envelope().senderId())
                .isEqualTo("钦州港集装箱码头");
        assertThat(split(CODECO.replace("91450700MA5KX41CXK:ZZZ", "Société Portuaire:ZZZ")).envelope().senderId())
                .isEqualTo("Société Portuaire");
    }

    @Test
    void aUnzCountingTheWrongNumberOfMessagesIsAnEnvelopeViolation() {
        InterchangeSplit split = split(TWO.replace("UNZ+2+", "UNZ+3+"));

        assertThat(split.envelopeViolations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_CONTROL_COUNT);
            assertThat(v.path()).isEqualTo("INTERCHANGE/UNZ/0036");
            assertThat(v.message()).contains("'3'", "2 messages");
            assertThat(v.line()).isEqualTo(TWO.split("\n").length);
        });
        assertThat(split.messages()).hasSize(2);
    }

    @Test
    void aUnzWhoseControlReferenceDiffersFromTheUnbIsAnEnvelopeViolation() {
        assertThat(split(TWO.replace("UNZ+2+QZCODECO00017", "UNZ+2+QZCODECO00018")).envelopeViolations())
                .extracting(Violation::code, Violation::path)
                .containsExactly(tuple(EdifactViolationCodes.EDIFACT_CONTROL_COUNT, "INTERCHANGE/UNZ/0020"));
    }

    @Test
    void withGroupsUnzCountsGroupsAndUneCountsAndNamesItsGroup() {
        String grouped = head(CODECO) + "UNG+CODECO+QZPORT+CNCUS+261120:1520+G1+UN+D:96B'\n" + message(CODECO) + message(CODECO)
                + "UNE+1+G9'\n" + "UNZ+2+QZCODECO00017'\n";
        List<Violation> violations = split(grouped).envelopeViolations();

        assertThat(violations).extracting(Violation::path)
                .containsExactly("INTERCHANGE/UNE/0060", "INTERCHANGE/UNE/0048", "INTERCHANGE/UNZ/0036");
        assertThat(violations.get(2).message()).contains("1 groups");
    }

    @Test
    void aMissingUnzIsAnEnvelopeViolation() {
        InterchangeSplit split = split(TWO.substring(0, TWO.indexOf("UNZ")));

        assertThat(split.envelopeViolations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple(EdifactViolationCodes.EDIFACT_SEGMENT_MISSING, "INTERCHANGE/UNZ"));
        assertThat(split.messages()).hasSize(2);
    }

    @Test
    void aMessageWhoseUntNeverComesIsNotCutOutAndIsAnEnvelopeViolation() {
        String broken = TWO.replace("UNT+20+QZGO0017'\n", "");
        InterchangeSplit split = split(broken);

        assertThat(split.envelopeViolations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_SEGMENT_MISSING);
            assertThat(v.path()).isEqualTo("CODECO/UNT");
            assertThat(v.line()).isEqualTo(3);
            assertThat(v.message()).contains("QZGO0017", "UNH");
        });
        assertThat(split.messages()).extracting(MessagePart::messageType).containsExactly("COARRI");
    }

    @Test
    void aSegmentBetweenMessagesOrContentAfterUnzIsAnEnvelopeViolation() {
        String between = TWO.replace("UNH+QZDS0009", "FTX+AAI+++STRAY'\nUNH+QZDS0009") + "UNB+UNOC:3+X+Y+261120:1520+2'\n";

        assertThat(split(between).envelopeViolations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple(EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/FTX"),
                        tuple(EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/UNZ"));
        assertThat(split(TWO + "\r\n  \n").envelopeViolations()).isEmpty();
    }

    @Test
    void whatIsNotAnInterchangeIsEmpty() {
        assertThat(EdifactInterchanges.split(null)).isEmpty();
        assertThat(EdifactInterchanges.split(new byte[0])).isEmpty();
        assertThat(EdifactInterchanges.split(latin1("<Manifest/>"))).isEmpty();
        assertThat(EdifactInterchanges.split(latin1("UNA:+"))).isEmpty();
        assertThat(EdifactInterchanges.split(latin1("UNH+1+CODECO:D:96B:UN'"))).isEmpty();
    }

    @Test
    void everyCutOffPrefixIsSplitWithoutThrowingAndReportsWhatIsMissing() {
        String grouped = head(CODECO) + "UNG+CODECO+QZPORT+CNCUS+261120:1520+G1+UN+D:96B'\n" + message(CODECO) + "UNE+1+G1'\n"
                + "UNZ+1+QZCODECO00017'\n";
        byte[] all = latin1(grouped);
        for (int n = 0; n < all.length - 1; n++) {
            byte[] prefix = Arrays.copyOf(all, n);
            EdifactInterchanges.split(prefix).ifPresent(split -> assertThat(split.envelopeViolations()).isNotEmpty());
        }
        assertThat(split(grouped).envelopeViolations()).isEmpty();
    }
}
