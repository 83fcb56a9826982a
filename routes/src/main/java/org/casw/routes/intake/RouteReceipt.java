package org.casw.routes.intake;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.family.DocumentFamilies;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.declaration.DecImportResponse;

/**
 * A receipt goes back to the sender of the message it answers, which must have been delivered to the receipt's sender:
 * named by tracking id, or (customs' own receipts) by the business keys it was delivered with. None: refused.
 */
final class RouteReceipt extends IntakeStep {

    private final DocumentValidator validator;
    private final MessageLedger ledger;

    RouteReceipt(DocumentValidator validator, MessageLedger ledger) {
        this.validator = validator;
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        String sender = intake.submission.sender();
        DocumentReader.ReceiptFacts receipt = validator.receiptFacts(intake.type, intake.document);
        String refersTo = receipt.refersTo() != null ? receipt.refersTo()
                // customs' own receipts name the declaration as customs knows it, not by tracking id
                : ledger.deliveredWith(sender, DocumentFamilies.of(intake.type).answeredBy(intake.type).name(), receipt.refersToKeys())
                        .orElse(null);
        Optional<MessageView> original = Optional.ofNullable(refersTo).flatMap(ledger::find).filter(m -> sender.equals(m.receiver()));
        if (original.isEmpty()) {
            String named = receipt.refersTo() != null ? receipt.refersTo() : receipt.refersToKeys().stream()
                    .map(k -> k.kind() + " " + k.value()).collect(Collectors.joining(" or "));
            throw DocumentRefused.of(IntakeResult.Outcome.INVALID, Violation.of(ViolationCodes.REFERENCE_NOT_FOUND,
                    receipt.refersToPath(), "No message " + named + " was delivered to " + sender + "."),
                    "receipt refers to no message of its sender");
        }
        intake.referencedTrackingId = refersTo;
        intake.receiptFacts = receipt;
        // the single window's import response is no customs status: an aggregate's answer waits for one
        intake.importResponse = intake.document instanceof DecImportResponse;
        intake.receiver = original.get().sender();
        intake.receivers = List.of(intake.receiver);
        if (receipt.refersTo() == null && intake.type == DocumentType.MANIFEST_RECEIPT && intake.translatedFrom != null) {
            // customs' response named the bill; the receipt passed on names the manifest, as the gateway's do
            intake.payload = CnManifestReader.answering(intake.payload, refersTo, original.get().messageId());
            ledger.translated(intake.trackingId, intake.payload, "answers manifest " + refersTo);
        }
    }
}
