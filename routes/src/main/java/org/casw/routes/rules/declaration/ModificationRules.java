package org.casw.routes.rules.declaration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.casw.routes.document.DeclarationStatus;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;

/** An application to modify or cancel a declaration says what it changes, and only a modification changes fields. */
public class ModificationRules implements DocumentRules<Object> {

    public static final String MODIFICATION_CHANGES_REQUIRED = "MODIFICATION_CHANGES_REQUIRED";
    public static final String MODIFICATION_CHANGES_ON_CANCEL = "MODIFICATION_CHANGES_ON_CANCEL";
    public static final String MODIFICATION_NO_CHANGE = "MODIFICATION_NO_CHANGE";
    public static final String MODIFICATION_DECLARANT_REQUIRED = "MODIFICATION_DECLARANT_REQUIRED";

    /** Both forms of the application, China's DecModMessage and the gateway's DecModification. */
    @Override
    public Class<Object> documentClass() {
        return Object.class;
    }

    @Override
    public void check(Object document, RuleViolations out) {
        ModificationApplication application = ModificationApplication.of(document);
        if (application.declarant() == null) {
            out.add(MODIFICATION_DECLARANT_REQUIRED, application.declarantPath(), "The declarant's Unified Social Credit Code "
                    + "is required: it says whose declaration is changed.");
        } else if (!CheckDigits.isValidUscc(application.declarant())) {
            out.add(DeclarationRules.USCC_CHECK_CHARACTER, application.declarantPath(), "Unified Social Credit Code "
                    + application.declarant() + " fails its GB 32100 check character.");
        }
        List<ModificationApplication.Change> changes = application.changes();
        if (!application.cancel() && changes.isEmpty()) {
            out.add(MODIFICATION_CHANGES_REQUIRED, application.kindPath(), "A modification must list at least one change.");
        }
        if (application.cancel() && !changes.isEmpty()) {
            out.add(MODIFICATION_CHANGES_ON_CANCEL, application.changesPath(), "A cancellation cancels the whole declaration; "
                    + "it lists no field changes.");
        }
        for (ModificationApplication.Change change : changes) {
            if (Objects.equals(change.oldValue(), change.newValue())) {
                out.add(MODIFICATION_NO_CHANGE, change.path(), "Field " + change.field() + " keeps its value " + change.oldValue() + ".");
            }
        }
    }

    /** Cross-document: the declaration must be one the applicant lodged, and a released one cannot be cancelled. */
    public static class Target implements DocumentRules<Object>, CrossDocumentRules {

        public static final String MODIFICATION_TARGET_UNKNOWN = "MODIFICATION_TARGET_UNKNOWN";
        public static final String CANCELLATION_AFTER_RELEASE = "CANCELLATION_AFTER_RELEASE";

        private final DeclarationHistory history;

        public Target(DeclarationHistory history) {
            this.history = history;
        }

        @Override
        public Class<Object> documentClass() {
            return Object.class;
        }

        @Override
        public void check(Object document, RuleViolations out) {
            ModificationApplication application = ModificationApplication.of(document);
            if (application.declarant() == null) {
                return; // MODIFICATION_DECLARANT_REQUIRED
            }
            Optional<DeclarationHistory.LodgedDeclaration> lodged = history.lodged(application.entryId(), application.declarant());
            if (lodged.isEmpty()) {
                out.add(MODIFICATION_TARGET_UNKNOWN, application.entryIdPath(), "No declaration with entry id " + application.entryId()
                        + " was lodged through the gateway by " + application.declarant() + ".");
            } else if (application.cancel() && DeclarationStatus.isRelease(lodged.get().customsStatus())) {
                out.add(CANCELLATION_AFTER_RELEASE, application.kindPath(), "Declaration " + application.entryId() + " is already "
                        + DeclarationStatus.meaningOf(lodged.get().customsStatus()) + "; it cannot be cancelled, only modified.");
            }
        }
    }
}
