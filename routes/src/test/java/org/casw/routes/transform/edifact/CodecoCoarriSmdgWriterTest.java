package org.casw.routes.transform.edifact;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.Temperature;
import org.casw.schemas.event.TemperatureUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertValidNative;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/**
 * The writer writes what SMDG terminals send (TDT 8028, LOC 165 with its related place, TMP, RNG, DGS, MEA,
 * RFF+BN, NAD+CA) in D.96B, validated against the whole directory, and reads back to the same events.
 */
class CodecoCoarriSmdgWriterTest {

    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-22T02:20:00Z"), ZoneOffset.UTC);

    private final CodecoCoarriWriter writer = new CodecoCoarriWriter("CASW-GATEWAY", PREPARED);
    private final CodecoCoarriTranslator reader = new CodecoCoarriTranslator();

    @Test
    void theReeferAndDangerousGoodsDischargeIsWrittenWithTmpRngDgsMeaAndTheCarrier() {
        ContainerEvents discharge = reeferAndDangerousGoods();

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(discharge));

        assertThat(written.violations()).isEmpty();
        assertThat(text(written.payload())).contains("+COARRI:D:96B:UN'", "TDT+20+0343N+1+++++9321483:146:11'",
                "NAD+CA+PIL::ZZZ'", "LOC+165+CNQZH:139:6+QZ-DLP-T1:TER:ZZZ'", "MEA+AAE+G+KGM:27650'", "TMP+2+-018:CEL'",
                "RNG+5+CEL:-20:-16'", "SEL+TH4471102+CA'", "SEL+CN2611240+CA'", "DGS+IMD+3+1263'", "MEA+AAE+G+KGM:16420'");
        // the carrier is the message's, once
        assertThat(text(written.payload()).split("NAD\\+CA\\+", -1)).hasSize(2);
        assertRoundTrip(discharge, written.payload());
    }

    @Test
    void aLoadingReportIsWrittenWithBgm46WhichTheD96bListLacks() {
        ContainerEvents load = reeferAndDangerousGoods();
        load.getEvent().forEach(e -> e.setEventType(EventType.LOAD));

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(load));

        assertThat(written.violations()).isEmpty();
        assertThat(text(written.payload())).contains("BGM+46+QZPORT-DS-20261122-0012+9'");
        assertRoundTrip(load, written.payload());
    }

    @Test
    void theD95bGateOutOntoATrainIsWrittenWithTheTrainNumberIn8028AndBackAgain() {
        Translation read = reader.toNative(bytes(EDIFACT_SAMPLES.resolve(CodecoCoarriSmdgTest.CODECO_D95B)));
        ContainerEvents gateOut = (ContainerEvents) read(DocumentType.CONTAINER_EVENT, read.payload());

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, read.payload());

        assertThat(written.violations()).isEmpty();
        assertThat(text(written.payload())).contains("+CODECO:D:96B:UN'", "TDT+1+X8084+2'", "RFF+BM:COSU6401239912'",
                "RFF+BN:QZRL2611210'", "LOC+165+CNQZH:139:6+QZ-DLP-T1:TER:ZZZ'", "MEA+AAE+G+KGM:24780'", "SEL+CN2611230+CA'");
        assertRoundTrip(gateOut, written.payload());
    }

    @Test
    void carriersThatDifferAreWrittenInEachEquipmentGroup() {
        ContainerEvents discharge = reeferAndDangerousGoods();
        discharge.getEvent().get(1).setCarrier("COS");

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(discharge));

        assertThat(written.violations()).isEmpty();
        assertThat(text(written.payload())).contains("SEL+CN2611240+CA'\nNAD+CA+PIL::ZZZ'\nEQD", "DGS+IMD+3+1263'\nNAD+CA+COS::ZZZ'\nCNT")
                .doesNotContain("NAD+MS+91450700MA5KX41CXK::ZZZ'\nNAD+CA");
        assertRoundTrip(discharge, written.payload());
    }

    @Test
    void aCodecoCarriesTheSetTemperatureAndDangerousGoodsInAGoodsItemPlacedInTheContainer() {
        ContainerEvents gateIn = reeferAndDangerousGoods();
        gateIn.getEvent().forEach(e -> e.setEventType(EventType.GATE_IN));

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(gateIn));

        assertThat(written.violations()).isEmpty();
        // D.96B CODECO's EQD group has no TMP or DGS: GID groups before the containers, each placed by SGP
        assertThat(text(written.payload())).contains("+CODECO:D:96B:UN'",
                "NAD+CA+PIL::ZZZ'\nGID+1'\nTMP+2+-018:CEL'\nRNG+5+CEL:-20:-16'\nSGP+PCIU9134525'\nGID+2'\nSGP+PCIU2188670'\n"
                        + "DGS+IMD+3+1263'\nEQD+CN+PCIU9134525");
        assertRoundTrip(gateIn, written.payload());
    }

    @Test
    void aSetTemperatureWithMoreThanThreeDigitsIsUnmappable() {
        ContainerEvents discharge = reeferAndDangerousGoods();
        Temperature set = discharge.getEvent().get(0).getSetTemperature();
        set.setValue(new BigDecimal("-18.25"));
        set.setUnit(TemperatureUnit.CEL);

        Translation written = writer.fromNative(DocumentType.CONTAINER_EVENT, NativeXml.write(discharge));

        assertThat(written.violations()).extracting(Violation::path).containsExactly("/ContainerEvents/Event[1]/SetTemperature");
    }

    @Test
    void theSetTemperatureIsWrittenAsThreeDigits() {
        assertThat(TemperatureSetting.toN3(new BigDecimal("-18"))).isEqualTo("-018");
        assertThat(TemperatureSetting.toN3(new BigDecimal("5"))).isEqualTo("005");
        assertThat(TemperatureSetting.toN3(new BigDecimal("4.5"))).isEqualTo("04.5");
        assertThat(TemperatureSetting.toN3(new BigDecimal("-0.5"))).isEqualTo("-00.5");
        assertThat(TemperatureSetting.toN3(new BigDecimal("13.50"))).isEqualTo("13.5");
        assertThat(TemperatureSetting.toN3(new BigDecimal("120.5"))).isNull();
        assertThat(TemperatureSetting.toN3(new BigDecimal("1.255"))).isNull();
    }

    private void assertRoundTrip(ContainerEvents original, byte[] edifact) {
        Translation back = reader.toNative(edifact);
        assertThat(back.violations()).as(text(edifact)).isEmpty();
        assertValidNative(DocumentType.CONTAINER_EVENT, back.payload());
        ContainerEvents events = (ContainerEvents) read(DocumentType.CONTAINER_EVENT, back.payload());
        assertThat(events).usingRecursiveComparison().ignoringFields("version").isEqualTo(original);
    }

    private static ContainerEvents reeferAndDangerousGoods() {
        return (ContainerEvents) read(DocumentType.CONTAINER_EVENT,
                bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-reefer-and-dangerous-goods-discharge.xml")));
    }
}
