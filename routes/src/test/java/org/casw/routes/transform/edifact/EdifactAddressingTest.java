package org.casw.routes.transform.edifact;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;
import static org.casw.routes.transform.edifact.EdifactTestSupport.receiver;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/**
 * The envelope of everything the gateway writes in UN/EDIFACT: UNB names the gateway and the receiver as the
 * receiver's agreement does, 0020 is the receiver's next control reference (UNZ repeats it), and a UNB the syntax
 * cannot carry is refused rather than sent.
 */
class EdifactAddressingTest {

    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-20T07:20:00Z"), ZoneOffset.UTC);
    private static final byte[] MANIFEST = bytes(SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml"));
    private static final byte[] RECEIPT = bytes(SAMPLES.resolve("declaration-receipt/valid/released.xml"));
    private static final byte[] GATE_OUT = gateOut();

    /** A Thai terminal known by its GS1 location number (qualifier 14) that knows the gateway as CASW-QZH. */
    private static final PartnerProfile TERMINAL = receiver(new EdifactAgreement("8850000000017", "14", "CASW-QZH", "ZZZ", null, null));
    private static final PartnerProfile CARRIER = receiver(EdifactAgreement.defaults("PABV-QZH-AGENT"));

    private final ControlReferences references = ControlReferences.counting(0);
    private final CuscarWriter cuscar = new CuscarWriter(PREPARED, references);
    private final CusresWriter cusres = new CusresWriter(PREPARED, references);
    private final CodecoCoarriWriter codeco = new CodecoCoarriWriter("CASW-GATEWAY", PREPARED, references);

    @Test
    void everyWriterAddressesTheReceiverAsItsAgreementSays() {
        String manifest = written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, TERMINAL));
        String receipt = written(cusres.fromNative(DocumentType.DECLARATION_RECEIPT, RECEIPT, TERMINAL));
        String events = written(codeco.fromNative(DocumentType.CONTAINER_EVENT, GATE_OUT, TERMINAL));

        assertThat(unb(manifest)).isEqualTo("UNB+UNOC:3+CASW-QZH:ZZZ+8850000000017:14+261120:1520+1'");
        assertThat(unb(receipt)).isEqualTo("UNB+UNOC:3+CASW-QZH:ZZZ+8850000000017:14+261120:1520+2'");
        assertThat(unb(events)).isEqualTo("UNB+UNOC:3+CASW-QZH:ZZZ+8850000000017:14+261120:1520+3'");
        assertThat(manifest).endsWith("UNZ+1+1'\n");
        assertThat(receipt).endsWith("UNZ+1+2'\n");
        assertThat(events).endsWith("UNZ+1+3'\n");
    }

    @Test
    void controlReferencesCountPerRecipientAndAreNeverRepeatedTowardsOne() {
        List<String> toTerminal = List.of(
                reference(written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, TERMINAL))),
                reference(written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, TERMINAL))),
                reference(written(cusres.fromNative(DocumentType.DECLARATION_RECEIPT, RECEIPT, TERMINAL))));
        String toCarrier = reference(written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, CARRIER)));

        assertThat(toTerminal).containsExactly("1", "2", "3");
        assertThat(toCarrier).isEqualTo("1");
    }

    @Test
    void anAgreementWithoutAnEdifactBlockAddressesThePartyByItsIdFromTheGatewaysDefaultId() {
        assertThat(unb(written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, CARRIER))))
                .isEqualTo("UNB+UNOC:3+CASW-GATEWAY:ZZZ+PABV-QZH-AGENT:ZZZ+261120:1520+1'");
    }

    @Test
    void withoutAReceiverTheDocumentNamesTheParties() {
        // the command line's translation: the manifest's own parties, the reporting terminal to the gateway, and for a
        // receipt, which names neither party, the gateway on both sides
        assertThat(unb(written(cuscar.fromNative(DocumentType.MANIFEST, MANIFEST))))
                .isEqualTo("UNB+UNOC:3+PABV-QZH-AGENT:ZZZ+CN-CUSTOMS-7205:ZZZ+261120:1520+1'");
        assertThat(unb(written(codeco.fromNative(DocumentType.CONTAINER_EVENT, GATE_OUT))))
                .isEqualTo("UNB+UNOC:3+91450700MA5KX41CXK:ZZZ+CASW-GATEWAY:ZZZ+261120:1520+1'");
        assertThat(unb(written(cusres.fromNative(DocumentType.DECLARATION_RECEIPT, RECEIPT))))
                .isEqualTo("UNB+UNOC:3+CASW-GATEWAY:ZZZ+CASW-GATEWAY:ZZZ+261120:1520+2'");
    }

    @Test
    void aControlReferenceLongerThanUnb0020IsRefusedNotSent() {
        ControlReferences tooLong = recipient -> "123456789012345"; // an..14
        for (OutboundTranslator writer : List.of(new CuscarWriter(PREPARED, tooLong), new CusresWriter(PREPARED, tooLong),
                new CodecoCoarriWriter("CASW-GATEWAY", PREPARED, tooLong))) {
            DocumentType type = writer.translates(DocumentType.MANIFEST) ? DocumentType.MANIFEST
                    : writer.translates(DocumentType.CONTAINER_EVENT) ? DocumentType.CONTAINER_EVENT : DocumentType.DECLARATION_RECEIPT;
            byte[] document = type == DocumentType.MANIFEST ? MANIFEST : type == DocumentType.CONTAINER_EVENT ? GATE_OUT : RECEIPT;

            Translation translation = writer.fromNative(type, document, TERMINAL);

            assertThat(translation.ok()).as(type.name()).isFalse();
            assertThat(translation.payload()).isNull();
            assertThat(translation.violations()).extracting(Violation::message).anyMatch(m -> m.contains("UNB"));
        }
    }

    @Test
    void anInterchangeIdLongerThanUnbAllowsIsRefusedNotSent() {
        PartnerProfile unaddressable = receiver(new EdifactAgreement("X".repeat(36), null, null, null, null, null));

        Translation translation = cuscar.fromNative(DocumentType.MANIFEST, MANIFEST, unaddressable);

        assertThat(translation.ok()).isFalse();
        assertThat(translation.violations()).extracting(Violation::message).anyMatch(m -> m.contains("UNB"));
    }

    private static String written(Translation translation) {
        assertThat(translation.violations()).isEmpty();
        return text(translation.payload());
    }

    private static String unb(String edifact) {
        return edifact.lines().filter(l -> l.startsWith("UNB+")).findFirst().orElseThrow();
    }

    private static String reference(String edifact) {
        String unb = unb(edifact);
        String reference = unb.substring(unb.lastIndexOf('+') + 1, unb.length() - 1);
        assertThat(edifact).endsWith("UNZ+1+" + reference + "'\n");
        return reference;
    }

    /** The gate-out events of the native sample as a batch of their own, numbered as the reader numbers them. */
    private static byte[] gateOut() {
        ContainerEvents batch = (ContainerEvents) read(DocumentType.CONTAINER_EVENT,
                bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-discharge-and-gate-out-to-rail.xml")));
        List<Event> gateOuts = batch.getEvent().stream().filter(e -> e.getEventType() == EventType.GATE_OUT).toList();
        batch.getEvent().clear();
        batch.setBatchId("QZPORT-GO-20261120-0017");
        for (Event event : gateOuts) {
            event.setEventId(batch.getBatchId() + "-" + String.format("%02d", batch.getEvent().size() + 1));
            batch.getEvent().add(event);
        }
        return NativeXml.write(batch);
    }
}
