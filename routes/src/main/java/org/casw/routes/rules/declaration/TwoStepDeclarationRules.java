package org.casw.routes.rules.declaration;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;

/**
 * The two-step declaration: a complete declaration must reference a summary declaration customs
 * accepted from the same declarant within 14 days, and agree with it on parties, bill and commodity codes.
 */
public class TwoStepDeclarationRules implements DocumentRules<DecMessage>, CrossDocumentRules {

    public static final String TWO_STEP_SUMMARY_UNKNOWN = "TWO_STEP_SUMMARY_UNKNOWN";
    public static final String TWO_STEP_DEADLINE = "TWO_STEP_DEADLINE";
    public static final String TWO_STEP_MISMATCH = "TWO_STEP_MISMATCH";

    /** Complete declarations are due within 14 days of the summary's acceptance. */
    static final Duration DEADLINE = Duration.ofDays(14);
    private static final String HEAD = "/DecMessage/DecHead/";
    /** Where a complete declaration names its summary: 关联报关单号, the related entry id. */
    public static final String RELATED_ENTRY = "/DecMessage/DecFreeTxt/RelId";

    private final DeclarationHistory history;
    private final DocumentReader reader;
    private final Clock clock;

    public TwoStepDeclarationRules(DeclarationHistory history, DocumentReader reader, Clock clock) {
        this.history = history;
        this.reader = reader;
        this.clock = clock;
    }

    /** Whether a declaration type code marks a complete (second-step) declaration. */
    public static boolean isComplete(String type) {
        return type != null && type.length() >= 3 && type.charAt(2) == '6';
    }

    /** Whether a declaration type code marks a summary (first-step) declaration. */
    public static boolean isSummary(String type) {
        return type != null && type.length() >= 3 && type.charAt(2) == '5';
    }

    @Override
    public Class<DecMessage> documentClass() {
        return DecMessage.class;
    }

    @Override
    public void check(DecMessage declaration, RuleViolations out) {
        DecHead head = declaration.getDecHead();
        // a complete declaration without DecFreeTxt/RelId is DeclarationRules' TWO_STEP_SUMMARY_REQUIRED
        String summaryEntryId = DecMessages.relatedEntryId(declaration);
        if (!isComplete(head.getType()) || summaryEntryId == null) {
            return;
        }
        Optional<DeclarationHistory.AcceptedSummary> found = history.acceptedSummary(summaryEntryId, head.getAgentCodeScc());
        if (found.isEmpty()) {
            out.add(TWO_STEP_SUMMARY_UNKNOWN, RELATED_ENTRY, "No summary declaration with entry id " + summaryEntryId
                    + " was accepted by customs for declarant " + head.getAgentCodeScc() + ".");
            return;
        }
        DeclarationHistory.AcceptedSummary summary = found.get();
        if (summary.acceptedAt().plus(DEADLINE).isBefore(clock.instant())) {
            out.add(TWO_STEP_DEADLINE, RELATED_ENTRY, "Summary declaration " + summaryEntryId + " was accepted on "
                    + summary.acceptedAt() + "; the complete declaration was due within 14 days.");
        }
        DecMessage summaryDeclaration = (DecMessage) reader.read(DocumentType.DECLARATION, summary.payload());
        DecHead first = summaryDeclaration.getDecHead();
        agree("TradeCoScc", DecMessages.tradeCoScc(summaryDeclaration), DecMessages.tradeCoScc(declaration), out);
        agree("OwnerCodeScc", first.getOwnerCodeScc(), head.getOwnerCodeScc(), out);
        agree("BillNo", first.getBillNo(), head.getBillNo(), out);
        Set<String> declaredBefore = commodityCodes(summaryDeclaration);
        Set<String> declaredNow = commodityCodes(declaration);
        if (!declaredBefore.equals(declaredNow)) {
            out.add(TWO_STEP_MISMATCH, "/DecMessage/DecLists", "Commodity codes " + declaredNow + " differ from the summary's "
                    + declaredBefore + ".");
        }
    }

    private static void agree(String field, String summary, String complete, RuleViolations out) {
        if (!Objects.equals(summary, complete)) {
            out.add(TWO_STEP_MISMATCH, HEAD + field, field + " " + complete + " differs from the summary declaration's " + summary + ".");
        }
    }

    private static Set<String> commodityCodes(DecMessage declaration) {
        Set<String> codes = new TreeSet<>();
        for (DecList item : declaration.getDecLists().getDecList()) {
            codes.add(item.getCodeTS());
        }
        return codes;
    }
}
