package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.ledger.MessageLedger;

/** A receipt from the receiver moves the message it answers to ACKNOWLEDGED with the receiver's own code. */
final class ApplyReceipt extends IntakeStep {

    private final MessageLedger ledger;

    ApplyReceipt(MessageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        DocumentReader.ReceiptFacts receipt = intake.receiptFacts;
        String note = receipt.note() == null || receipt.note().isBlank() ? "" : ": " + receipt.note();
        ledger.acknowledged(intake.referencedTrackingId, receipt.code(),
                intake.submission.sender() + " " + receipt.code() + " " + receipt.meaning() + note, receipt.extraKeys());
    }
}
