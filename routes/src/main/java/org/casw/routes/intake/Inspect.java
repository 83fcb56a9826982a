package org.casw.routes.intake;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.casw.routes.document.Inspection;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * Well-formed? Which root element? The sender's message id? Nothing is trusted yet. A payload in a format the sender's
 * agreement names (UN/EDIFACT, a partner window's exchange format) is first translated to native XML; what cannot be
 * translated is refused with the translator's findings, once the arrival is stored.
 */
final class Inspect extends IntakeStep {

    private final PartyFormats formats;
    private final PartnerDirectory partners;
    private final DocumentValidator validator;

    Inspect(PartyFormats formats, PartnerDirectory partners, DocumentValidator validator) {
        this.formats = formats;
        this.partners = partners;
        this.validator = validator;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        Submission s = intake.submission;
        if (s.refusal() != null) {
            intake.inspection = Inspection.malformed(s.refusal());
        } else if (s.refusedSize() > 0) {
            intake.inspection = Inspection.malformed(Violation.of(ViolationCodes.PAYLOAD_TOO_LARGE, null, "The payload has "
                    + s.refusedSize() + " bytes, more than this channel accepts."));
        } else {
            Optional<InboundTranslator> translator = formats.inboundFor(s.sender(), s.payload());
            if (translator.isPresent()) {
                Translation translation = translator.get().toNative(s.payload(), partners.find(s.sender()).orElse(null));
                intake.translatedFrom = translator.get().format();
                if (!translation.ok()) {
                    intake.inspection = new Inspection(null, Optional.ofNullable(translation.type()), null, translation.violations());
                    intake.messageId = null;
                    return;
                }
                intake.payload = translation.payload();
            }
            intake.inspection = validator.inspect(intake.payload);
        }
        intake.messageId = intake.inspection.messageId();
    }
}
