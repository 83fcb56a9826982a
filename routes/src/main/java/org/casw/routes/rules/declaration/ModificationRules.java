package org.casw.routes.rules.declaration;

import java.util.List;
import java.util.Optional;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.declaration.DecModification;
import org.casw.schemas.declaration.DeclarationChange;
import org.casw.schemas.declaration.ModificationKind;

/** An application to modify or cancel a declaration says what it changes, and only a modification changes fields. */
public class ModificationRules implements DocumentRules<DecModification> {

    public static final String MODIFICATION_CHANGES_REQUIRED = "MODIFICATION_CHANGES_REQUIRED";
    public static final String MODIFICATION_CHANGES_ON_CANCEL = "MODIFICATION_CHANGES_ON_CANCEL";
    public static final String MODIFICATION_NO_CHANGE = "MODIFICATION_NO_CHANGE";

    private static final String ROOT = "/DecModification/";

    @Override
    public Class<DecModification> documentClass() {
        return DecModification.class;
    }

    @Override
    public void check(DecModification application, RuleViolations out) {
        if (!CheckDigits.isValidUscc(application.getAgentCodeScc())) {
            out.add(DeclarationRules.USCC_CHECK_CHARACTER, ROOT + "AgentCodeScc", "Unified Social Credit Code "
                    + application.getAgentCodeScc() + " fails its GB 32100 check character.");
        }
        List<DeclarationChange> changes = application.getChange();
        if (application.getKind() == ModificationKind.MODIFY && changes.isEmpty()) {
            out.add(MODIFICATION_CHANGES_REQUIRED, ROOT + "Kind", "A MODIFY application must list at least one Change.");
        }
        if (application.getKind() == ModificationKind.CANCEL && !changes.isEmpty()) {
            out.add(MODIFICATION_CHANGES_ON_CANCEL, ROOT + "Change", "A CANCEL application cancels the whole declaration; "
                    + "it lists no field changes.");
        }
        for (int i = 0; i < changes.size(); i++) {
            DeclarationChange change = changes.get(i);
            if (change.getOldValue().equals(change.getNewValue())) {
                out.add(MODIFICATION_NO_CHANGE, ROOT + DeclarationRules.indexed("Change", i) + "/NewValue", "Field "
                        + change.getField() + " keeps its value " + change.getOldValue() + ".");
            }
        }
    }

    /** Cross-document: the declaration must be one the applicant lodged, and a released one cannot be cancelled. */
    public static class Target implements DocumentRules<DecModification>, CrossDocumentRules {

        public static final String MODIFICATION_TARGET_UNKNOWN = "MODIFICATION_TARGET_UNKNOWN";
        public static final String CANCELLATION_AFTER_RELEASE = "CANCELLATION_AFTER_RELEASE";

        private final DeclarationHistory history;

        public Target(DeclarationHistory history) {
            this.history = history;
        }

        @Override
        public Class<DecModification> documentClass() {
            return DecModification.class;
        }

        @Override
        public void check(DecModification application, RuleViolations out) {
            Optional<DeclarationHistory.LodgedDeclaration> lodged = history.lodged(application.getEntryId(), application.getAgentCodeScc());
            if (lodged.isEmpty()) {
                out.add(MODIFICATION_TARGET_UNKNOWN, ROOT + "EntryId", "No declaration with entry id " + application.getEntryId()
                        + " was lodged through the gateway by " + application.getAgentCodeScc() + ".");
            } else if (application.getKind() == ModificationKind.CANCEL && List.of("P", "R").contains(lodged.get().customsStatus())) {
                out.add(CANCELLATION_AFTER_RELEASE, ROOT + "Kind", "Declaration " + application.getEntryId() + " is already "
                        + ("P".equals(lodged.get().customsStatus()) ? "released" : "closed") + "; it cannot be cancelled, only modified.");
            }
        }
    }
}
