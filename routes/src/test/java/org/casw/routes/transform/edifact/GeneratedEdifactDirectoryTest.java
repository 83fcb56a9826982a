package org.casw.routes.transform.edifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StAEDI schemas generated at build time from the published D.96B DFDL
 * (org.smooks.cartridges.edi:edifact-schemas:2.0.0:jar:d96b) are the whole directory: they accept what
 * carriers really send and the hand-made subset they replaced refused (CTA, TMP, CST; issue 17), and they
 * still refuse what the directory forbids.
 */
class GeneratedEdifactDirectoryTest {

    /*
     * A CUSCAR import cargo report written from the D.96B segment table and code lists, carrying what the
     * former hand-made subset left out:
     * - SG2 NAD+CA with SG3 CTA (3139 IC, information contact) and COM (3155 EM, electronic mail);
     * - SG5 EQD of a reefer (ISO 6346 45R1, agency 5) with SG6 TMP (6245 2, transport temperature;
     *   C239 6246 is n3, a fixed three digits, so -18 degrees is -018; 6411 CEL);
     * - SG14 GID with CST (C246 7361, customs identity code: the HS code of the goods).
     * SG14 (GID) is mandatory in every SG8 (RFF) bill group.
     */
    static final String CUSCAR_WITH_CTA_TMP_CST = String.join("\n",
            "UNA:+.? '",
            "UNB+UNOC:3+CARRIER:ZZZ+CN-CUSTOMS-7205:ZZZ+261207:0800+CC0001'",
            "UNH+1+CUSCAR:D:96B:UN'",
            "BGM+85+MANIFEST-0001+9'",
            "DTM+137:202612070800:203'",
            "NAD+CA+CARRIER::ZZZ'",
            "CTA+IC+:OPERATIONS DESK'",
            "COM+ops@carrier.example:EM'",
            "TDT+20+025N+1+++++9321483:146:11:KOTA CAHAYA'",
            "LOC+11+CNQZH:139:6'",
            "DTM+132:202612081200:203'",
            "EQD+CN+CSQU3054383+45R1:102:5+2++5'",
            "SEL+CN2611208+CA'",
            "TMP+2+-018:CEL'",
            "CNI+1+MANIFEST-0001'",
            "RFF+BM:COSU6401234560'",
            "NAD+CN+CONSIGNEE::ZZZ'",
            "GID+1+10:CT'",
            "FTX+AAA+++FROZEN SHRIMP'",
            "MEA+AAE+G+KGM:12000'",
            "SGP+CSQU3054383+10'",
            "CST++0306170000'",
            "UNT+21+1'",
            "UNZ+1+CC0001'") + "\n";

    @Test
    void theGeneratedCuscarAcceptsContactsReeferTemperatureAndTheCustomsTariffCode() throws IOException {
        assertThat(errors(CUSCAR_WITH_CTA_TMP_CST, generated("cuscar"))).isEmpty();
    }

    @Test
    void theGeneratedCuscarStillRefusesWhatTheDirectoryForbids() throws IOException {
        // CST is once per goods item (max 1), 6245 is coded (1 to 5), and PIA has no place in D.96B CUSCAR
        String wrong = CUSCAR_WITH_CTA_TMP_CST.replace("TMP+2+", "TMP+9+")
                .replace("CST++0306170000'", "CST++0306170000'\nCST++0306170000'")
                .replace("UNT+21+1'", "UNT+22+1'");

        assertThat(errors(wrong, generated("cuscar")))
                .anySatisfy(e -> assertThat(e).startsWith("TMP").contains("INVALID_CODE_VALUE"))
                .anySatisfy(e -> assertThat(e).startsWith("CST").contains("SEGMENT_EXCEEDS_MAXIMUM_USE"));
    }

    @Test
    void everyGeneratedSchemaRecordsItsSourceAndLicence() throws IOException {
        for (EdifactDirectory directory : EdifactDirectory.supported()) {
            String classifier = directory.name().toLowerCase(java.util.Locale.ROOT);
            for (String message : List.of("cuscar", "codeco", "coarri", "cusres")) {
                String text = resource(directory.generatedLocation() + message + ".xml");
                assertThat(text).as(directory + " " + message).contains(
                        "org.smooks.cartridges.edi:edifact-schemas:2.0.0:jar:" + classifier,
                        classifier + "/EDIFACT-Messages.dfdl.xsd (sha256 ", "Apache-2.0 OR LGPL-3.0-or-later", "GENERATED at build time",
                        "directory " + directory.name());
            }
        }
    }

    @Test
    void theIso6346SizeTypeAndTerminalCodeListsAreRelaxedInEveryDirectory() throws IOException {
        // 8155 lists only UN codes and 1131 the UN list of code lists in D.95B, D.96B and D.00B alike
        for (EdifactDirectory directory : EdifactDirectory.supported()) {
            for (String message : List.of("codeco", "coarri")) {
                assertThat(resource(directory.generatedLocation() + message + ".xml")).as(directory + " " + message)
                        .contains("Code list of 8155 not enforced", "Code list of 1131 not enforced");
            }
        }
    }

    @Test
    void eachDirectoryIsFoundByWhatUnhNamesAndOnlyD96bIsReadForEveryMessage() {
        assertThat(EdifactDirectory.of("D", "95B", "UN")).contains(EdifactDirectory.D95B);
        assertThat(EdifactDirectory.of("D", "00B", "UN")).contains(EdifactDirectory.D00B);
        assertThat(EdifactDirectory.of("D", "97A", "UN")).isEmpty();
        assertThat(EdifactDirectory.D95B.knows("CODECO")).isTrue();
        assertThat(EdifactDirectory.D00B.knows("COARRI")).isTrue();
        assertThat(EdifactDirectory.D95B.knows("CUSCAR")).isFalse();
        assertThat(EdifactDirectory.reading("CODECO")).isEqualTo("D:96B:UN, D:95B:UN, D:00B:UN");
        assertThat(EdifactDirectory.reading("CUSCAR")).isEqualTo("D:96B:UN");
        // D.95B CODECO has no TMP in its EQD group (only under GID); D.00B has it in SG16
        assertThat(EdifactDirectory.D00B.schema("CODECO").getType("TMP")).isNotNull();
    }

    private static Schema generated(String message) {
        return EdifactDirectory.load(EdifactDirectory.D96B.generatedLocation() + message + ".xml");
    }

    /** "TAG EVENT ERROR" for every validation error StAEDI reports against the given message schema. */
    static List<String> errors(String interchange, Schema schema) throws IOException {
        List<String> errors = new ArrayList<>();
        try (EDIStreamReader reader = EDIInputFactory.newFactory().createEDIStreamReader(
                new ByteArrayInputStream(interchange.getBytes(StandardCharsets.UTF_8)), "UTF-8",
                EdifactDirectory.controlSchema())) {
            String tag = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> tag = reader.getText();
                    case END_SEGMENT -> {
                        if ("UNH".equals(tag)) {
                            reader.setTransactionSchema(schema);
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> errors.add(
                            (event == EDIStreamEvent.SEGMENT_ERROR ? reader.getText() : reader.getLocation().getSegmentTag())
                                    + " " + event + " " + reader.getErrorType());
                    default -> {
                        // structure and data carry no errors
                    }
                }
            }
        } catch (EDIStreamException e) {
            errors.add("SYNTAX " + e.getMessage());
        }
        return errors;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GeneratedEdifactDirectoryTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
