package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.transform.Translation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.FacilityType;
import org.casw.schemas.event.FullEmpty;
import org.casw.schemas.event.TransportMode;
import org.casw.schemas.event.WeightUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertValidNative;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;

/**
 * CODECO and COARRI as terminals following the SMDG user manuals write them, in D.95B and D.00B: the train
 * number alone in TDT 8028, the terminal as LOC 165's related place without a facility-type code, and the
 * reefer temperature, dangerous goods, seals, weights, references and carrier they carry.
 */
class CodecoCoarriSmdgTest {

    static final String CODECO_D95B = "codeco-d95b-gate-out-rail-qinzhou.edi";
    static final String COARRI_D00B = "coarri-d00b-discharge-reefer-dg-qinzhou.edi";

    private final EdifactTranslator translator = new EdifactTranslator();

    @Test
    void theD95bCodecoGateOutOntoATrainKeepsEveryMappedValue() {
        Translation translation = translator.toNative(bytes(EDIFACT_SAMPLES.resolve(CODECO_D95B)), party(D96B_D95B_D00B));

        assertThat(translation.violations()).isEmpty();
        assertValidNative(DocumentType.CONTAINER_EVENT, translation.payload());
        ContainerEvents events = events(translation.payload());
        assertThat(events.getBatchId()).isEqualTo("QZPORT-GO-20261121-0018");
        assertThat(events.getReporter()).isEqualTo("91450700MA5KX41CXK");
        assertThat(events.getEvent()).hasSize(2);
        Event first = events.getEvent().get(0);
        assertThat(first.getEventId()).isEqualTo("QZPORT-GO-20261121-0018-01");
        assertThat(first.getEventType()).isEqualTo(EventType.GATE_OUT);
        assertThat(first.getContainerNumber()).isEqualTo("OOLU6241907");
        assertThat(first.getSizeType()).isEqualTo("45G1");
        assertThat(first.getFullEmpty()).isEqualTo(FullEmpty.F);
        assertThat(first.getOccurredAt().toXMLFormat()).isEqualTo("2026-11-21T09:30:00+08:00");
        // LOC+165+CNQZH:139:6+QZ-DLP-T1': the related place without 1131/3055 is the terminal
        assertThat(first.getLocation().getUnLocode()).isEqualTo("CNQZH");
        assertThat(first.getLocation().getFacilityCode()).isEqualTo("QZ-DLP-T1");
        assertThat(first.getLocation().getFacilityType()).isEqualTo(FacilityType.TERMINAL);
        // TDT+1+X8084+2': the train number in 8028, no C222
        assertThat(first.getTransportMeans().getMode()).isEqualTo(TransportMode.RAIL);
        assertThat(first.getTransportMeans().getId()).isEqualTo("X8084");
        assertThat(first.getTransportMeans().getJourneyId()).isNull();
        assertThat(first.getBillNo()).containsExactly("COSU6401239912");
        assertThat(first.getBookingNo()).containsExactly("QZRL2611210");
        assertThat(first.getSealNo()).containsExactly("CN2611230");
        assertThat(first.getGrossWeight().getUnit()).isEqualTo(WeightUnit.KGM);
        assertThat(first.getGrossWeight().getValue()).isEqualByComparingTo("24780");
        // NAD+CF (container operator) has no native place and is not refused; there is no NAD+CA
        assertThat(first.getCarrier()).isNull();
        Event second = events.getEvent().get(1);
        assertThat(second.getContainerNumber()).isEqualTo("TGHU8730152");
        assertThat(second.getSizeType()).isEqualTo("22G1");
        assertThat(second.getOccurredAt().toXMLFormat()).isEqualTo("2026-11-21T09:41:00+08:00");
        assertThat(second.getBillNo()).containsExactly("COSU6401239929");
        assertThat(second.getSealNo()).containsExactly("CN2611231");
        assertThat(second.getGrossWeight().getValue()).isEqualByComparingTo("18230");
        assertThat(second.getTransportMeans().getId()).isEqualTo("X8084");
    }

    @Test
    void theD00bCoarriDischargeKeepsTheReeferTemperatureDangerousGoodsSealsWeightsAndCarrier() {
        Translation translation = translator.toNative(bytes(EDIFACT_SAMPLES.resolve(COARRI_D00B)), party(D96B_D95B_D00B));

        assertThat(translation.violations()).isEmpty();
        assertValidNative(DocumentType.CONTAINER_EVENT, translation.payload());
        ContainerEvents events = events(translation.payload());
        // field by field the native sample written for it
        assertThat(events).usingRecursiveComparison().ignoringFields("version").isEqualTo(nativeSample());
        Event reefer = events.getEvent().get(0);
        assertThat(reefer.getSetTemperature().getValue()).isEqualByComparingTo("-18");
        assertThat(reefer.getSetTemperature().getUnit().value()).isEqualTo("CEL");
        assertThat(reefer.getSetTemperature().getMin()).isEqualByComparingTo("-20");
        assertThat(reefer.getSetTemperature().getMax()).isEqualByComparingTo("-16");
        assertThat(reefer.getSealNo()).containsExactly("TH4471102", "CN2611240");
        assertThat(reefer.getCarrier()).isEqualTo("PIL");
        assertThat(reefer.getTransportMeans().getId()).isEqualTo("IMO9321483");
        assertThat(reefer.getTransportMeans().getJourneyId()).isEqualTo("0343N");
        Event paint = events.getEvent().get(1);
        assertThat(paint.getDangerousGoods()).singleElement().satisfies(dg -> {
            assertThat(dg.getHazardClass()).isEqualTo("3");
            assertThat(dg.getUnNumber()).isEqualTo("1263");
        });
        assertThat(paint.getSetTemperature()).isNull();
        assertThat(paint.getGrossWeight().getValue()).isEqualByComparingTo(new BigDecimal("16420"));
    }

    @Test
    void theIssuesRefusedCodecoWithAnEmptyFacilityTypeAndTheTrainNumberOnlyIn8028NowTranslates() {
        // issue 17: "LOC[2]/C519/1131: facility type '' is not TER ..." and "TDT[2]/C222/8213: the transport means needs ..."
        String codeco = sample("codeco-gate-out-qinzhou.edi").replace("+QZ-DLP-T1:TER:ZZZ'", "+QZ-DLP-T1'")
                .replace("TDT+1+QZ-CQ-20261120-01+2+++++X8083'", "TDT+1+X8083+2'");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        List<Event> events = events(translation.payload()).getEvent();
        assertThat(events).extracting(e -> e.getLocation().getFacilityType()).containsOnly(FacilityType.TERMINAL);
        assertThat(events).extracting(e -> e.getTransportMeans().getId()).containsOnly("X8083");
        assertThat(events).extracting(e -> e.getTransportMeans().getJourneyId()).containsOnly((String) null);
    }

    @Test
    void aFacilityCodeListOtherThanTheGatewaysIsReadAsTheTerminalAndRailStationsStayRailStations() {
        String codeco = sample("codeco-gate-out-qinzhou.edi").replaceFirst("\\+QZ-DLP-T1:TER:ZZZ'", "+QZ-DLP-T1:72:ZZZ'")
                .replaceFirst("\\+QZ-DLP-T1:TER:ZZZ'", "+QZ-RAIL:RLS:ZZZ'");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        List<Event> events = events(translation.payload()).getEvent();
        assertThat(events).extracting(e -> e.getLocation().getFacilityType())
                .containsExactly(FacilityType.TERMINAL, FacilityType.RAIL_STATION);
    }

    @Test
    void aC222IdWithout8028AndBothTogetherAreReadAsBefore() {
        String codeco = sample("codeco-gate-out-qinzhou.edi").replaceFirst("TDT\\+1\\+QZ-CQ-20261120-01\\+2\\+\\+\\+\\+\\+X8083'",
                "TDT+1++2+++++X8083'");

        List<Event> events = events(translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1)).payload()).getEvent();

        assertThat(events.get(0).getTransportMeans().getId()).isEqualTo("X8083");
        assertThat(events.get(0).getTransportMeans().getJourneyId()).isNull();
        assertThat(events.get(1).getTransportMeans().getId()).isEqualTo("X8083");
        assertThat(events.get(1).getTransportMeans().getJourneyId()).isEqualTo("QZ-CQ-20261120-01");
    }

    @Test
    void aTdtWithNeitherC222Nor8028IsUnmappable() {
        String codeco = sample("codeco-gate-out-qinzhou.edi").replaceFirst("TDT\\+1\\+QZ-CQ-20261120-01\\+2\\+\\+\\+\\+\\+X8083'",
                "TDT+1++2'");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE);
            assertThat(v.path()).isEqualTo("CODECO/TDT[1]/C222/8213");
            assertThat(v.message()).contains("8028");
        });
    }

    @Test
    void aPartyAgreedForD96bOnlyIsRefusedItsD95bCodeco() {
        byte[] codeco = bytes(EDIFACT_SAMPLES.resolve(CODECO_D95B));

        for (Translation refused : List.of(translator.toNative(codeco, party(null)),
                new CodecoCoarriTranslator().toNative(codeco, party(List.of("D96B", "D00B"))))) {
            assertThat(refused.ok()).isFalse();
            assertThat(refused.type()).isEqualTo(DocumentType.CONTAINER_EVENT);
            assertThat(refused.violations()).singleElement().satisfies(v -> {
                assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_DIRECTORY_NOT_AGREED);
                assertThat(v.path()).isEqualTo("CODECO/UNH[1]/S009");
                assertThat(v.message()).contains("D:95B:UN", "[D96B");
            });
        }
        // the same interchange from a party agreed for D.95B, and without a sender (the translate command)
        assertThat(translator.toNative(codeco, party(List.of("D95B"))).violations()).isEmpty();
        assertThat(translator.toNative(codeco).violations()).isEmpty();
        // and its D.96B messages are refused to a party agreed for D.95B only
        assertThat(translator.toNative(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")), party(List.of("D95B")))
                .violations()).extracting(v -> v.code()).containsExactly(EdifactViolationCodes.EDIFACT_DIRECTORY_NOT_AGREED);
    }

    @Test
    void aDirectoryTheGatewayDoesNotReadIsRefusedNamingTheOnesItReads() {
        String codeco = sample(CODECO_D95B).replace("CODECO:D:95B:UN'", "CODECO:D:97A:UN'");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1), party(D96B_D95B_D00B));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED);
            assertThat(v.path()).isEqualTo("CODECO/UNH[1]/S009");
            assertThat(v.message()).contains("D:97A:UN", "D:96B:UN, D:95B:UN, D:00B:UN");
        });
    }

    @Test
    void aD95bCodecosGoodsItemGivesItsReeferTemperatureAndDangerousGoodsToTheContainersItIsPlacedIn() {
        // D.95B CODECO has TMP and DGS only in the goods item group (GID ... SGP ... DGS), before the EQD groups;
        // its 6246 is n3, three digits: -18 is -018
        String codeco = sample(CODECO_D95B).replace("NAD+CF+COS:160:ZZZ'", "NAD+CF+COS:160:ZZZ'\nGID+1'\nTMP+2+-018:CEL'\n"
                + "RNG+5+CEL:-20:-16'\nSGP+TGHU8730152'\nDGS+IMD+9+3082'").replace("UNT+22+", "UNT+27+");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1), party(D96B_D95B_D00B));

        assertThat(translation.violations()).isEmpty();
        List<Event> events = events(translation.payload()).getEvent();
        assertThat(events.get(0).getSetTemperature()).isNull();
        assertThat(events.get(0).getDangerousGoods()).isEmpty();
        assertThat(events.get(1).getSetTemperature().getValue()).isEqualByComparingTo("-18");
        assertThat(events.get(1).getSetTemperature().getMin()).isEqualByComparingTo("-20");
        assertThat(events.get(1).getDangerousGoods()).singleElement()
                .satisfies(dg -> assertThat(dg.getHazardClass() + " UN" + dg.getUnNumber()).isEqualTo("9 UN3082"));
        // the goods item's weight (MEA in GID) is the goods', not the container's
        assertThat(events.get(1).getGrossWeight().getValue()).isEqualByComparingTo("18230");
    }

    @Test
    void aCommaAsTheDecimalMarkIsReadInTemperaturesAndWeights() {
        String coarri = sample(COARRI_D00B).replace("UNA:+.? '", "UNA:+,? '").replace("TMP+2+-18:CEL'", "TMP+2+-18,5:CEL'")
                .replace("MEA+AAE+G+KGM:27650'", "MEA+AAE+G+KGM:27650,5'");

        Translation translation = translator.toNative(coarri.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(translation.violations()).isEmpty();
        Event reefer = events(translation.payload()).getEvent().get(0);
        assertThat(reefer.getSetTemperature().getValue()).isEqualByComparingTo("-18.5");
        assertThat(reefer.getGrossWeight().getValue()).isEqualByComparingTo("27650.5");
    }

    @Test
    void theD95bDirectoryStillRefusesWhatItForbids() {
        // D.95B CODECO has no TMP in its EQD group (only under GID): validated against D.95B, not D.96B or D.00B
        String codeco = sample(CODECO_D95B).replace("SEL+CN2611230+CA'", "SEL+CN2611230+CA'\nTMP+2+-18:CEL'")
                .replace("UNT+22+", "UNT+23+");

        Translation translation = translator.toNative(codeco.getBytes(StandardCharsets.ISO_8859_1), party(D96B_D95B_D00B));

        assertThat(translation.violations()).extracting(v -> v.code() + " " + v.path())
                .contains("EDIFACT_SEGMENT_UNEXPECTED CODECO/TMP[1]");
    }

    private static final List<String> D96B_D95B_D00B = List.of("D96B", "D95B", "D00B");

    /** The Qinzhou terminal with these directories in its agreement (null: the default, D96B only). */
    static PartnerProfile party(List<String> directories) {
        return new PartnerProfile("PORT-QINZHOU", "Qinzhou port", PartyRole.PORT, List.of("91450700MA5KX41CXK"), DeliveryChannel.JMS,
                null, "sw.in.port", "sw.reply.PORT-QINZHOU", false, "CN", List.of("EDIFACT-D96B"), null, null, null, null, null, null,
                new EdifactAgreement(null, null, null, null, directories, null));
    }

    private static String sample(String name) {
        return new String(bytes(EDIFACT_SAMPLES.resolve(name)), StandardCharsets.ISO_8859_1);
    }

    private static ContainerEvents nativeSample() {
        return events(bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-reefer-and-dangerous-goods-discharge.xml")));
    }

    private static ContainerEvents events(byte[] xml) {
        return (ContainerEvents) read(DocumentType.CONTAINER_EVENT, xml);
    }
}
