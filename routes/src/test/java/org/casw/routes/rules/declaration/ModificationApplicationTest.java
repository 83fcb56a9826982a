package org.casw.routes.rules.declaration;

import java.nio.charset.StandardCharsets;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.XmlInspector;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** China's 修撤单 read as an application: what it changes, whose declaration, and how it is identified before it is numbered. */
class ModificationApplicationTest {

    private final DocumentReader reader = new DocumentReader();

    @Test
    void aModificationListsItsFieldsByTheirH2000CodesAndLines() {
        byte[] payload = sample("decmod-modify-quantity.xml");

        ModificationApplication application = ModificationApplication.of(reader.read(DocumentType.DECLARATION_MODIFICATION, payload));

        assertThat(application.cancel()).isFalse();
        assertThat(application.entryId()).isEqualTo("720520261000123456");
        assertThat(application.declarant()).isEqualTo("91450700MA5L3QR71R");
        assertThat(application.changes()).extracting(ModificationApplication.Change::field, ModificationApplication.Change::oldValue,
                ModificationApplication.Change::newValue, ModificationApplication.Change::path).containsExactly(
                tuple("G_QTY of line 1", "18000", "17950", "/DecModMessage/Items/Item/NewValue"),
                tuple("DECL_TOTAL of line 1", "75600", "75390", "/DecModMessage/Items/Item[2]/NewValue"));
        assertThat(new XmlInspector().inspect(payload).messageId()).isEqualTo("720520261000123456:1:20261122093000");
        assertThat(reader.keysOf(DocumentType.DECLARATION_MODIFICATION, reader.read(DocumentType.DECLARATION_MODIFICATION, payload))
                .all()).contains(new BusinessKeys.Key(BusinessKeys.Kind.ENTRY_ID, "720520261000123456"),
                new BusinessKeys.Key(BusinessKeys.Kind.DECLARANT, "91450700MA5L3QR71R"));
    }

    @Test
    void aCancellationListsNothingAndItsEmptyFieldsAreAbsent() {
        ModificationApplication application = ModificationApplication.of(
                reader.read(DocumentType.DECLARATION_MODIFICATION, sample("decmod-cancel.xml")));

        assertThat(application.cancel()).isTrue();
        assertThat(application.changes()).isEmpty();
        assertThat(application.kindPath()).isEqualTo("/DecModMessage/DecModType");
    }

    @Test
    void theGatewaysOwnApplicationReadsTheSameWay() {
        ModificationApplication application = ModificationApplication.of(
                reader.read(DocumentType.DECLARATION_MODIFICATION, sample("modify-quantity.xml")));

        assertThat(application.cancel()).isFalse();
        assertThat(application.declarantPath()).isEqualTo("/DecModification/AgentCodeScc");
        assertThat(application.changes()).hasSize(2);
    }

    private static byte[] sample(String name) {
        return Samples.sample("declaration-modification", "valid", name).getBytes(StandardCharsets.UTF_8);
    }
}
