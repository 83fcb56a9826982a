package org.casw.routes.transform.edifact;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.Translation;
import org.casw.schemas.declaration.DeclarationStatusCode;
import org.casw.schemas.manifest.ResponseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.assertGolden;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.receiver;
import static org.casw.routes.transform.edifact.EdifactTestSupport.text;

/** Customs receipts as CUSRES (D.96B): golden files, status mapping, references, errors, and the D.96B schema. */
class CusresWriterTest {

    private static final byte[] RELEASED = bytes(SAMPLES.resolve("declaration-receipt/valid/released.xml"));
    private static final byte[] MANIFEST_ACCEPTED = bytes(SAMPLES.resolve("manifest-receipt/valid/mt1101-accepted.xml"));

    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-21T02:06:00Z"), ZoneOffset.UTC);
    /** The broker's agreement: the gateway is CASW-QZH towards it. */
    private static final PartnerProfile BROKER = receiver(new EdifactAgreement("QZDEMO-BROKER", null, "CASW-QZH", null, null, null));

    private final CusresWriter writer = new CusresWriter(PREPARED, ControlReferences.counting(0));

    @Test
    void aReleasedDeclarationIsAnAcceptedCusresReferringToTheDeclarationAndItsEntryId() {
        Translation translation = writer.fromNative(DocumentType.DECLARATION_RECEIPT, RELEASED, BROKER);

        assertThat(translation.violations()).isEmpty();
        assertThat(translation.contentType()).isEqualTo("application/EDIFACT");
        assertGolden("cusres-declaration-released.edi", translation.payload());
        assertThat(text(translation.payload())).contains("BGM+23+CUS-7205-20261121-000001+9+AP'", "DTM+137:20261121100500?+08:304'",
                "GIS+P::ZZZ'", "FTX+AAI+++Released'", "RFF+ACW:QZDEMO-20261121-0001'", "RFF+ACD:SW20261121AAAAAAAAAAAA'",
                "RFF+ABT:720520261000123456'").doesNotContain("ERP");
        assertThat(readsBackCleanly(translation.payload())).isTrue();
    }

    @Test
    void aRejectedDeclarationCarriesErpErcAndTheErrorText() {
        byte[] rejected = new String(RELEASED, StandardCharsets.UTF_8).replace("<Channel>P</Channel>", "<Channel>E</Channel>")
                .replace("<Note>Released</Note>", "<Note>Rejected: item 1 commodity code 0810600000 does not match the certificate of origin CO2026TH0001234 issued by the Thai Department of Foreign Trade</Note>")
                .getBytes(StandardCharsets.UTF_8);
        Translation translation = writer.fromNative(DocumentType.DECLARATION_RECEIPT, rejected, BROKER);

        assertThat(translation.violations()).isEmpty();
        assertGolden("cusres-declaration-rejected.edi", translation.payload());
        assertThat(text(translation.payload())).contains("BGM+23+CUS-7205-20261121-000001+9+RE'", "ERP+1'", "ERC+E::ZZZ'",
                "FTX+AAO+++Rejected?: item 1 commodity code 0810600000 does not match the:certificate of origin CO2026TH0001234");
        assertThat(readsBackCleanly(translation.payload())).isTrue();
    }

    @Test
    void anAcceptedManifestIsAnAcceptedCusresReferringToTheManifestAndBill() {
        Translation translation = writer.fromNative(DocumentType.MANIFEST_RECEIPT, MANIFEST_ACCEPTED, BROKER);

        assertThat(translation.violations()).isEmpty();
        assertGolden("cusres-manifest-accepted.edi", translation.payload());
        assertThat(text(translation.payload())).contains("BGM+23+CUS-7205-MFT-20261120-000017+9+AP'", "DTM+137:20261120084512:204'",
                "RFF+ACW:PABV-MT1101-20261120-0001'", "RFF+ACD:SW20261120AAAAAAAAAAAB'", "RFF+BM:PILQZH2611001'");
        assertThat(readsBackCleanly(translation.payload())).isTrue();
    }

    @Test
    void anUnloadingBanIsARejection() {
        byte[] forbidden = new String(MANIFEST_ACCEPTED, StandardCharsets.UTF_8).replace("<ResponseCode>01</ResponseCode>", "<ResponseCode>13</ResponseCode>")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(text(writer.fromNative(DocumentType.MANIFEST_RECEIPT, forbidden).payload())).contains("+9+RE'", "ERC+13::ZZZ'");
    }

    @Test
    void everyReceiptStatusHasAResponseType() {
        Set<String> responses = Set.of("AB", "AP", "CA", "RE");
        assertThat(Arrays.stream(DeclarationStatusCode.values()).map(CusresWriter::responseType)).allMatch(responses::contains);
        assertThat(Arrays.stream(ResponseCode.values()).map(CusresWriter::responseType)).allMatch(responses::contains);
        assertThat(CusresWriter.responseType(DeclarationStatusCode.L)).isEqualTo("AB");
        assertThat(CusresWriter.responseType(DeclarationStatusCode.Y)).isEqualTo("RE");
        assertThat(CusresWriter.responseType(ResponseCode.MANUAL_REVIEW)).isEqualTo("AB");
    }

    @Test
    void onlyReceiptsAreWrittenAsCusres() {
        assertThat(writer.translates(DocumentType.DECLARATION_RECEIPT)).isTrue();
        assertThat(writer.translates(DocumentType.MANIFEST_RECEIPT)).isTrue();
        assertThat(writer.translates(DocumentType.MANIFEST)).isFalse();
        assertThat(writer.fromNative(DocumentType.MANIFEST, MANIFEST_ACCEPTED).violations()).extracting(v -> v.code())
                .containsExactly(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED);
    }

    @Test
    void customsOwnReceiptsAreWrittenWithTheUnifiedNumberAndTheirChannel() {
        Translation released = writer.fromNative(DocumentType.DECLARATION_RECEIPT,
                bytes(SAMPLES.resolve("declaration-receipt/valid/dec-result-released.xml")));
        byte[] qp = bytes(SAMPLES.resolve("declaration-receipt/valid/dec-data-declared.xml"));
        Translation chinese = writer.fromNative(DocumentType.DECLARATION_RECEIPT, qp);
        Translation declared = writer.fromNative(DocumentType.DECLARATION_RECEIPT, new String(qp, java.nio.charset.Charset.forName("GB2312"))
                .replace("直接申报成功", " declared directly").replace("GB2312", "UTF-8").getBytes(StandardCharsets.UTF_8));

        assertThat(released.violations()).isEmpty();
        // a notice time without zone is China's
        assertThat(text(released.payload())).contains("BGM+23+I20260000000012345-P+9+AP'", "DTM+137:20261121100500?+08:304'",
                "LOC+22+7205::ZZZ'", "GIS+P::ZZZ'", "RFF+ACD:I20260000000012345'", "RFF+ABT:720520261000123456'");
        assertThat(readsBackCleanly(released.payload())).isTrue();
        // UNOC (ISO 8859-1) cannot carry customs' Chinese note: refused with the field, never garbled
        assertThat(chinese.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/DEC_DATA/DEC_RESULT/NOTE");
            assertThat(v.message()).contains("UNOC");
        });
        assertThat(declared.violations()).isEmpty();
        assertThat(text(declared.payload())).contains("BGM+23+I20260000000012345-7+9+AB'", "DTM+137:20261121091408?+08:304'",
                "GIS+7::ZZZ'").doesNotContain("RFF+ABT");
        assertThat(readsBackCleanly(declared.payload())).isTrue();
    }

    @Test
    void theImportResponseHasNoNoticeTimeAndIsNotWrittenAsCusres() {
        Translation translation = writer.fromNative(DocumentType.DECLARATION_RECEIPT,
                bytes(SAMPLES.resolve("declaration-receipt/valid/import-response-accepted.xml")));

        assertThat(translation.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/DecImportResponse");
            assertThat(v.message()).contains("DTM+137");
        });
    }

    /** The written CUSRES passes the gateway's own D.96B CUSRES schema and control counts. */
    private static boolean readsBackCleanly(byte[] cusres) {
        EdifactMessageReader.Result result = EdifactMessageReader.read(cusres, Set.of("CUSRES"), 1, (s, p) -> { });
        assertThat(result.problems().all()).isEmpty();
        return result.messages() == 1;
    }
}
