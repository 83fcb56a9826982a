package org.casw.routes.transform.edifact;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertValidNative;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;

/** CODECO and COARRI (D.96B) become native container events that pass their schema and rules. */
class CodecoCoarriTranslatorTest {

    private final CodecoCoarriTranslator translator = new CodecoCoarriTranslator();

    @Test
    void theCodecoGateOutAtQinzhouBecomesTheGateOutEventsOfTheContainerEventSample() {
        Translation translation = translator.toNative(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")));

        assertThat(translation.violations()).isEmpty();
        assertThat(translation.type()).isEqualTo(DocumentType.CONTAINER_EVENT);
        assertValidNative(DocumentType.CONTAINER_EVENT, translation.payload());
        ContainerEvents events = events(translation.payload());
        assertThat(events.getBatchId()).isEqualTo("QZPORT-GO-20261120-0017");
        assertThat(events.getReporter()).isEqualTo("91450700MA5KX41CXK");
        assertThat(events.getEvent()).extracting(Event::getEventId)
                .containsExactly("QZPORT-GO-20261120-0017-01", "QZPORT-GO-20261120-0017-02");
        // the same facts as events 3 and 4 of the native sample, apart from the reporter's event ids
        List<Event> expected = sampleEvents().subList(2, 4);
        for (int i = 0; i < 2; i++) {
            assertThat(events.getEvent().get(i)).usingRecursiveComparison().ignoringFields("eventId").isEqualTo(expected.get(i));
        }
    }

    @Test
    void theCoarriDischargeReportBecomesDischargeEventsOnTheVessel() {
        Translation translation = translator.toNative(bytes(EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi")));

        assertThat(translation.violations()).isEmpty();
        assertValidNative(DocumentType.CONTAINER_EVENT, translation.payload());
        List<Event> events = events(translation.payload()).getEvent();
        List<Event> expected = sampleEvents().subList(0, 2);
        assertThat(events).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(events.get(i)).usingRecursiveComparison().ignoringFields("eventId").isEqualTo(expected.get(i));
        }
        assertThat(events.get(0).getTransportMeans().getId()).isEqualTo("IMO9321483");
    }

    @Test
    void aGateInReportIsGateInAndUsesTheOffsetOfTheEventTime() {
        String codeco = new String(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")), StandardCharsets.ISO_8859_1)
                .replace("BGM+36+", "BGM+34+").replace("DTM+7:20261120150500?+08:304'", "DTM+7:20261120150500?+0700:304'")
                .replace("DTM+7:20261120151142?+08:304'", "DTM+7:202611201511:203'");
        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        List<Event> events = events(translation.payload()).getEvent();
        assertThat(events).extracting(e -> e.getEventType().value()).containsOnly("GATE_IN");
        assertThat(events.get(0).getOccurredAt().toXMLFormat()).isEqualTo("2026-11-20T15:05:00+07:00");
        assertThat(events.get(1).getOccurredAt().toXMLFormat()).isEqualTo("2026-11-20T15:11:00+08:00");
    }

    @Test
    void aCodecoWithACoarriDocumentCodeIsUnmappable() {
        String codeco = new String(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")), StandardCharsets.ISO_8859_1)
                .replace("BGM+36+", "BGM+44+");
        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE);
            assertThat(v.path()).isEqualTo("CODECO/BGM[1]/C002/1001");
            assertThat(v.line()).isEqualTo(4);
        });
    }

    @Test
    void anEventWithoutPlaceOrTimeIsReportedPerContainer() {
        String codeco = new String(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")), StandardCharsets.ISO_8859_1)
                .replace("DTM+7:20261120151142?+08:304'\n", "").replace("UNT+20+", "UNT+19+");
        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).extracting(Violation::message).singleElement().asString()
                .contains("ZEPU0037255", "DTM+7");
    }

    @Test
    void recognisesCodecoAndCoarriOnly() {
        assertThat(translator.recognises(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")))).isTrue();
        assertThat(translator.recognises(bytes(EDIFACT_SAMPLES.resolve("coarri-discharge-qinzhou.edi")))).isTrue();
        assertThat(translator.recognises(bytes(EDIFACT_SAMPLES.resolve("cuscar-mt1101-laem-chabang-qinzhou.edi")))).isFalse();
        assertThat(translator.recognises("<ContainerEvents/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static List<Event> sampleEvents() {
        return events(bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-discharge-and-gate-out-to-rail.xml"))).getEvent();
    }

    private static ContainerEvents events(byte[] xml) {
        return (ContainerEvents) read(DocumentType.CONTAINER_EVENT, xml);
    }
}
