package org.casw.routes.rules.declaration;

import java.util.ArrayList;
import java.util.List;
import org.casw.schemas.declaration.DecModItem;
import org.casw.schemas.declaration.DecModMessage;
import org.casw.schemas.declaration.DecModification;
import org.casw.schemas.declaration.DeclarationChange;
import org.casw.schemas.declaration.ModificationKind;

/**
 * An application to modify or cancel a lodged declaration, whichever form it came in: China's own 修撤单
 * (DecModMessage: DecModType 1 modify, 2 cancel; the changes as Items of H2000 field codes) or the gateway's
 * DecModification. Paths point into the document as sent.
 */
public record ModificationApplication(boolean cancel, String entryId, String entryIdPath, String declarant,
        String declarantPath, String kindPath, String changesPath, List<Change> changes) {

    /** One field the application changes; {@code path} is where its new value sits. */
    public record Change(String field, String oldValue, String newValue, String path) {
    }

    public static ModificationApplication of(Object document) {
        if (document instanceof DecModMessage m) {
            List<Change> changes = new ArrayList<>();
            List<DecModItem> items = m.getItems() == null ? List.of() : m.getItems().getItem();
            for (int i = 0; i < items.size(); i++) {
                DecModItem item = items.get(i);
                String line = item.getList() == null ? "" : " of line " + item.getList().getGNo();
                changes.add(new Change(item.getFieldCode() + line, item.getOldValue(), item.getNewValue(),
                        "/DecModMessage/Items/" + DeclarationRules.indexed("Item", i) + "/NewValue"));
            }
            return new ModificationApplication("2".equals(m.getDecModType()), m.getEntryId(), "/DecModMessage/EntryId",
                    m.getAgentCreditCode(), "/DecModMessage/AgentCreditCode", "/DecModMessage/DecModType", "/DecModMessage/Items",
                    changes);
        }
        DecModification d = (DecModification) document;
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < d.getChange().size(); i++) {
            DeclarationChange change = d.getChange().get(i);
            changes.add(new Change(change.getField(), change.getOldValue(), change.getNewValue(),
                    "/DecModification/" + DeclarationRules.indexed("Change", i) + "/NewValue"));
        }
        return new ModificationApplication(d.getKind() == ModificationKind.CANCEL, d.getEntryId(), "/DecModification/EntryId",
                d.getAgentCodeScc(), "/DecModification/AgentCodeScc", "/DecModification/Kind", "/DecModification/Change", changes);
    }
}
