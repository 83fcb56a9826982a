package org.casw.routes.rules.manifest;

import java.nio.file.Path;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.BusinessKeys.Kind;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.manifest.ResponseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.casw.routes.rules.manifest.ManifestTestSupport.MANIFESTS;
import static org.casw.routes.rules.manifest.ManifestTestSupport.RECEIPTS;
import static org.casw.routes.rules.manifest.ManifestTestSupport.bytes;
import static org.casw.routes.rules.manifest.ManifestTestSupport.manifest;
import static org.casw.routes.rules.manifest.ManifestTestSupport.read;
import static org.casw.routes.rules.manifest.ManifestTestSupport.schemaErrors;
import static org.casw.routes.rules.manifest.ManifestTestSupport.xmlFiles;

/** The business keys a manifest and its receipt are searched by. */
class ManifestKeysTest {

    private static final Path VALID = MANIFESTS.resolve("valid");

    @Test
    void seaManifestYieldsTypeVesselVoyageLocationsBillsHouseBillAndContainers() {
        BusinessKeys keys = ManifestKeys.keysOf(manifest(bytes(VALID.resolve("mt1101-import-sea-laem-chabang-qinzhou.xml"))));

        assertThat(keys.all()).extracting(BusinessKeys.Key::kind, BusinessKeys.Key::value).containsExactlyInAnyOrder(
                tuple(Kind.MESSAGE_TYPE, "MT1101"),
                tuple(Kind.VESSEL_IMO, "IMO9321483"),
                tuple(Kind.VOYAGE_NO, "0342N"),
                tuple(Kind.LOCATION, "THLCH"),
                tuple(Kind.LOCATION, "CNQZH"),
                tuple(Kind.BILL_NO, "PILQZH2611001"),
                tuple(Kind.BILL_NO, "PILQZH2611002"),
                tuple(Kind.HOUSE_BILL_NO, "BKKQZH26110087"),
                tuple(Kind.CONTAINER_NO, "CSQU3054383"),
                tuple(Kind.CONTAINER_NO, "ZEPU0037255"));
        assertThat(keys.declaredSender()).isNull();
    }

    @Test
    void railManifestYieldsATrainNumberInsteadOfAVessel() {
        BusinessKeys keys = ManifestKeys.keysOf(manifest(bytes(VALID.resolve("mt1401-rail-import-vientiane-chongqing.xml"))));

        assertThat(keys.first(Kind.TRAIN_NO)).isEqualTo("X8702");
        assertThat(keys.first(Kind.VESSEL_IMO)).isNull();
        assertThat(keys.first(Kind.VOYAGE_NO)).isEqualTo("X8702-20261118");
        assertThat(keys.first(Kind.MESSAGE_TYPE)).isEqualTo("MT1401");
    }

    @Test
    void containerSharedByTwoBillsIsKeyedOnce() {
        BusinessKeys keys = ManifestKeys.keysOf(manifest(bytes(VALID.resolve("mt3101-arrival-report-port-klang-qinzhou.xml"))));

        assertThat(keys.all()).filteredOn(k -> k.kind() == Kind.CONTAINER_NO).extracting(BusinessKeys.Key::value)
                .containsExactlyInAnyOrder("WHLU5318628", "EGHU9077310");
    }

    @Test
    void everyValidManifestHasKeys() {
        assertThat(xmlFiles(VALID)).allSatisfy(p -> assertThat(ManifestKeys.keysOf(manifest(bytes(p))).all()).isNotEmpty());
    }

    @Test
    void receiptIsSchemaValidAndRefersToTheTrackingIdAndBill() {
        byte[] payload = bytes(RECEIPTS.resolve("valid").resolve("mt1101-accepted.xml"));

        assertThat(schemaErrors(payload)).isEmpty();
        ManifestReceipt receipt = (ManifestReceipt) read(payload);
        assertThat(receipt.getReceiptID()).isEqualTo("CUS-7205-MFT-20261120-000017");
        assertThat(receipt.getMessageID()).isEqualTo("PABV-MT1101-20261120-0001");
        assertThat(receipt.getResponseCode()).isEqualTo(ResponseCode.ACCEPTED);
        assertThat(receipt.getResponseCode().value()).isEqualTo("01");
        BusinessKeys keys = ManifestKeys.keysOf(receipt);
        assertThat(keys.first(Kind.REFERS_TO)).isEqualTo("SW20261120AAAAAAAAAAAB");
        assertThat(keys.first(Kind.BILL_NO)).isEqualTo("PILQZH2611001");
    }

    @Test
    void receiptWithoutTrackingIdHasNoReference() {
        ManifestReceipt receipt = new ManifestReceipt();
        receipt.setReceiptID("R-1");
        receipt.setMessageID("M-1");
        receipt.setResponseCode(ResponseCode.REJECTED);

        assertThat(ManifestKeys.keysOf(receipt).all()).isEmpty();
    }

    @Test
    void receiptWithAnUnknownResponseCodeIsSchemaInvalid() {
        String receipt = new String(bytes(RECEIPTS.resolve("valid").resolve("mt1101-accepted.xml")))
                .replace("<ResponseCode>01</ResponseCode>", "<ResponseCode>04</ResponseCode>");

        assertThat(schemaErrors(receipt.getBytes())).isNotEmpty();
    }
}
