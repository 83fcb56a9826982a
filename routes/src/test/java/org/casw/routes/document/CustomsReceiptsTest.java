package org.casw.routes.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.casw.routes.validation.DocumentValidator;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** China customs' own declaration receipts: recognised, identified, and read for what they answer and say. */
class CustomsReceiptsTest {

    private static final Path RECEIPTS = Samples.path("declaration-receipt");

    private final DocumentValidator documents = new DocumentValidator(null, SampleEra.CLOCK);
    private final DocumentReader reader = new DocumentReader();

    @Test
    void theImportResponseAnswersTheDeclarantsClientSeqNoAndGivesTheUnifiedNumber() throws IOException {
        byte[] payload = sample("valid/import-response-accepted.xml");
        Inspection inspection = documents.inspect(payload);

        DocumentReader.ReceiptFacts facts = reader.receiptFacts(DocumentType.DECLARATION_RECEIPT,
                reader.read(DocumentType.DECLARATION_RECEIPT, payload));

        assertThat(inspection.type()).contains(DocumentType.DECLARATION_RECEIPT);
        assertThat(inspection.messageId()).isEqualTo("QZDEMO-20261121-0001:I20260000000012345:0");
        assertThat(facts.refersTo()).isNull();
        assertThat(facts.refersToKeys()).extracting(BusinessKeys.Key::kind, BusinessKeys.Key::value)
                .containsExactly(tuple(BusinessKeys.Kind.CLIENT_SEQ_NO, "QZDEMO-20261121-0001"));
        assertThat(facts.code()).isEqualTo("0");
        assertThat(facts.refusal()).isFalse();
        assertThat(facts.meaning()).isEqualTo("imported by the single window as I20260000000012345");
        assertThat(facts.extraKeys().all()).containsExactly(new BusinessKeys.Key(BusinessKeys.Kind.SEQ_NO, "I20260000000012345"));
    }

    @Test
    void aDecResultAnswersTheUnifiedNumberThenTheEntryIdAndGivesTheEntryId() throws IOException {
        byte[] payload = sample("valid/dec-result-released.xml");

        DocumentReader.ReceiptFacts facts = reader.receiptFacts(DocumentType.DECLARATION_RECEIPT,
                reader.read(DocumentType.DECLARATION_RECEIPT, payload));

        assertThat(documents.inspect(payload).messageId()).isEqualTo("I20260000000012345:P:2026-11-21T10:05:00");
        assertThat(facts.refersToKeys()).extracting(BusinessKeys.Key::kind).containsExactly(BusinessKeys.Kind.SEQ_NO,
                BusinessKeys.Kind.ENTRY_ID);
        assertThat(facts.refersToPath()).isEqualTo("/DEC_RESULT/CUS_CIQ_NO");
        assertThat(facts.code()).isEqualTo("P");
        assertThat(facts.meaning()).isEqualTo("released");
        assertThat(facts.note()).isEqualTo("Goods released");
        assertThat(facts.extraKeys().all()).contains(new BusinessKeys.Key(BusinessKeys.Kind.ENTRY_ID, "720520261000123456"));
    }

    @Test
    void theQpFormIsReadFromGb2312WithItsEmptyFieldsAbsent() throws IOException {
        byte[] payload = sample("valid/dec-data-declared.xml");

        Object receipt = reader.read(DocumentType.DECLARATION_RECEIPT, payload);
        DocumentReader.ReceiptFacts facts = reader.receiptFacts(DocumentType.DECLARATION_RECEIPT, receipt);

        assertThat(documents.validate(payload).violations()).isEmpty();
        assertThat(documents.inspect(payload).messageId()).isEqualTo("I20260000000012345:7:20261121T09140800");
        assertThat(facts.refersToKeys()).extracting(BusinessKeys.Key::kind).containsExactly(BusinessKeys.Kind.SEQ_NO);
        assertThat(facts.refersToPath()).isEqualTo("/DEC_DATA/DEC_RESULT/SEQ_NO");
        assertThat(facts.note()).isEqualTo("I20260000000012345直接申报成功");
        assertThat(facts.meaning()).isEqualTo("declared to customs");
        assertThat(reader.keysOf(DocumentType.DECLARATION_RECEIPT, receipt).all()).extracting(BusinessKeys.Key::kind)
                .containsExactly(BusinessKeys.Kind.SEQ_NO);
    }

    @Test
    void refusalsAreTheRefusingChannelsAndAFailedImport() throws IOException {
        String released = new String(sample("valid/dec-result-released.xml"), java.nio.charset.StandardCharsets.UTF_8);
        String imported = new String(sample("valid/import-response-accepted.xml"), java.nio.charset.StandardCharsets.UTF_8);

        for (String channel : List.of("E", "Y", "D")) {
            assertThat(facts(released.replace("<CHANNEL>P</CHANNEL>", "<CHANNEL>" + channel + "</CHANNEL>")).refusal()).as(channel)
                    .isTrue();
        }
        for (String channel : List.of("7", "L", "J", "K", "P", "R", "Z")) {
            assertThat(facts(released.replace("<CHANNEL>P</CHANNEL>", "<CHANNEL>" + channel + "</CHANNEL>")).refusal()).as(channel)
                    .isFalse();
        }
        DocumentReader.ReceiptFacts failed = facts(imported.replace("<ns2:ResponseCode>0<", "<ns2:ResponseCode>1<")
                .replace("Import succeeded", "Declarant card not found"));
        assertThat(failed.refusal()).isTrue();
        assertThat(failed.note()).isEqualTo("Declarant card not found");
    }

    @Test
    void aReceiptWithoutItsChannelIsRefusedByTheSchemaWithTheField() throws IOException {
        var violations = documents.validate(sample("invalid/dec-result-channel-missing.xml")).violations();

        assertThat(violations).extracting(v -> v.path()).contains("/DEC_RESULT", "/DEC_RESULT/NOTICE_DATE");
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("CHANNEL"));
    }

    @Test
    void chinaReceiptTimesAreReadInEveryFormAsChinaTime() {
        assertThat(ChinaReceiptTimes.parse("2024-04-17T09:15:03")).isEqualTo(OffsetDateTime.parse("2024-04-17T09:15:03+08:00"));
        assertThat(ChinaReceiptTimes.parse("20180208T09140800")).isEqualTo(OffsetDateTime.parse("2018-02-08T09:14:08+08:00"));
        assertThat(ChinaReceiptTimes.parse("20261121100500123")).isEqualTo(OffsetDateTime.parse("2026-11-21T10:05:00+08:00"));
        assertThat(ChinaReceiptTimes.parse("2026-11-21T10:05:00+07:00")).isEqualTo(OffsetDateTime.parse("2026-11-21T10:05:00+07:00"));
        assertThat(ChinaReceiptTimes.parse("yesterday")).isNull();
        assertThat(ChinaReceiptTimes.parse("")).isNull();
    }

    private DocumentReader.ReceiptFacts facts(String receipt) {
        return reader.receiptFacts(DocumentType.DECLARATION_RECEIPT,
                reader.read(DocumentType.DECLARATION_RECEIPT, receipt.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static byte[] sample(String name) throws IOException {
        return Files.readAllBytes(RECEIPTS.resolve(name));
    }
}
