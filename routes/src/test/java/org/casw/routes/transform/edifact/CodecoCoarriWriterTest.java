package org.casw.routes.transform.edifact;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertGolden;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertValidNative;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/** Native container events as CODECO / COARRI (D.96B): round trips through the reader, golden files, refusals. */
class CodecoCoarriWriterTest {

    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-20T07:20:00Z"), ZoneOffset.UTC);

    private final CodecoCoarriWriter writer = new CodecoCoarriWriter("CASW-GATEWAY", PREPARED, ControlReferences.counting(0));
    private final CodecoCoarriTranslator reader = new CodecoCoarriTranslator();

    @Test
    void theDischargeEventsOfTheSampleComeBackFieldByFieldFromTheirCoarri() {
        ContainerEvents discharge = split("QZPORT-DS-20261120-0009", 0, 2);

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(discharge));

        assertThat(written.violations()).isEmpty();
        assertThat(written.contentType()).isEqualTo("application/EDIFACT");
        assertThat(text(written.payload())).contains("UNH+", "+COARRI:D:96B:UN'", "BGM+44+QZPORT-DS-20261120-0009+9'",
                "TDT+20+025N+1+++++9321483:146:11'", "DTM+203:20261120081500?+08:304'");
        assertRoundTrip(discharge, written.payload());
    }

    @Test
    void theGateOutEventsOfTheSampleComeBackFieldByFieldFromTheirCodeco() {
        ContainerEvents gateOut = split("QZPORT-GO-20261120-0017", 2, 4);

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(gateOut));

        assertThat(written.violations()).isEmpty();
        assertThat(text(written.payload())).contains("+CODECO:D:96B:UN'", "BGM+36+QZPORT-GO-20261120-0017+9'",
                "TDT+1+QZ-CQ-20261120-01+2+++++X8083'", "DTM+7:20261120151142?+08:304'");
        assertRoundTrip(gateOut, written.payload());
    }

    @Test
    void theWrittenInterchangesEqualTheirGoldenFiles() {
        assertGolden("coarri-discharge-written.edi",
                writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(split("QZPORT-DS-20261120-0009", 0, 2))).payload());
        assertGolden("codeco-gate-out-written.edi",
                writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(split("QZPORT-GO-20261120-0017", 2, 4))).payload());
    }

    @Test
    void eachBatchGetsItsOwnInterchangeAndMessageReference() {
        String first = text(writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(split("QZPORT-GO-A", 2, 4))).payload());
        String second = text(writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(split("QZPORT-GO-B", 2, 4))).payload());

        assertThat(unh(first)).isNotEqualTo(unh(second)).isNotEqualTo("1");
        assertThat(unb(first)).isNotEqualTo(unb(second));
        assertThat(first).contains("UNT+", "+" + unh(first) + "'\nUNZ+1+" + unb(first) + "'");
    }

    @Test
    void gateAndVesselEventsInOneBatchAreUnmappableNotAnException() {
        ContainerEvents mixed = split("QZPORT-EV-20261120-0001", 0, 4);

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(mixed));

        assertThat(written.ok()).isFalse();
        assertThat(written.violations()).extracting(Violation::code).containsOnly(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE);
        assertThat(written.violations()).extracting(Violation::path)
                .containsExactly("/ContainerEvents/Event[3]/EventType", "/ContainerEvents/Event[4]/EventType");
    }

    @Test
    void railEventsHaveNoCodecoOrCoarri() {
        ContainerEvents rail = split("QZRAIL-1", 2, 4);
        rail.getEvent().forEach(e -> e.setEventType(EventType.RAIL_DEPARTURE));

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(rail));

        assertThat(written.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE);
            assertThat(v.path()).isEqualTo("/ContainerEvents/Event[1]/EventType");
        });
    }

    @Test
    void anEventIdTheReaderCannotDeriveIsUnmappable() {
        ContainerEvents gateOut = split("QZPORT-GO-1", 2, 4);
        gateOut.getEvent().get(1).setEventId("QZPORT-GO-1-7");

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(gateOut));

        assertThat(written.violations()).extracting(Violation::path).containsExactly("/ContainerEvents/Event[2]/EventId");
        assertThat(written.violations().get(0).message()).contains("QZPORT-GO-1-02");
    }

    @Test
    void aSealLongerThanSel9308IsUnmappable() {
        ContainerEvents gateOut = split("QZPORT-GO-2", 2, 4);
        gateOut.getEvent().get(0).getSealNo().set(0, "CN26112080001");

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(gateOut));

        assertThat(written.violations()).extracting(Violation::path).containsExactly("/ContainerEvents/Event[1]/SealNo[1]");
    }

    @Test
    void writesOnlyContainerEvents() {
        assertThat(writer.format()).isEqualTo("EDIFACT-D96B");
        assertThat(writer.translates(DocumentType.CONTAINER_EVENT)).isTrue();
        assertThat(writer.translates(DocumentType.MANIFEST)).isFalse();
        assertThat(writer.fromNative(DocumentType.MANIFEST, new byte[0]).violations()).extracting(Violation::code)
                .containsExactly(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED);
    }

    private void assertRoundTrip(ContainerEvents original, byte[] edifact) {
        Translation back = reader.toNative(edifact);
        assertThat(back.violations()).as(text(edifact)).isEmpty();
        assertValidNative(DocumentType.CONTAINER_EVENT, back.payload());
        ContainerEvents events = (ContainerEvents) read(DocumentType.CONTAINER_EVENT, back.payload());
        // every field of the batch and its events; the schema version attribute is not content and the reader leaves it out
        assertThat(events).usingRecursiveComparison().ignoringFields("version").isEqualTo(original);
        assertThat(events.getEvent()).extracting(e -> e.getOccurredAt().toXMLFormat())
                .isEqualTo(original.getEvent().stream().map(e -> e.getOccurredAt().toXMLFormat()).toList());
    }

    /** Events from..to of the native sample as their own batch, numbered as the reader numbers them. */
    private static ContainerEvents split(String batchId, int from, int to) {
        ContainerEvents sample = (ContainerEvents) read(DocumentType.CONTAINER_EVENT,
                bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-discharge-and-gate-out-to-rail.xml")));
        List<Event> events = List.copyOf(sample.getEvent().subList(from, to));
        sample.getEvent().clear();
        sample.setBatchId(batchId);
        for (Event event : events) {
            event.setEventId(batchId + "-" + String.format("%02d", sample.getEvent().size() + 1));
            sample.getEvent().add(event);
        }
        return sample;
    }

    private static String unh(String edifact) {
        return edifact.lines().filter(l -> l.startsWith("UNH+")).findFirst().orElseThrow().split("\\+")[1];
    }

    private static String unb(String edifact) {
        String[] unb = edifact.lines().filter(l -> l.startsWith("UNB+")).findFirst().orElseThrow().split("\\+");
        return unb[5].replace("'", "");
    }
}
