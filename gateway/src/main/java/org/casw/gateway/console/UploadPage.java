package org.casw.gateway.console;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A trade party submits a document from the browser: "check" runs the gateway's own checks (well-formedness, type,
 * schema, business rules, whether the party may send that type) and stores nothing; "submit" goes through the same
 * intake as the API, channel CONSOLE, and answers with the tracking id or every violation.
 */
@Controller
@ConsolePage
class UploadPage {

    private static final Logger log = LoggerFactory.getLogger(UploadPage.class);

    /** What the page says after a check or a submission, in the person's language. */
    public record Outcome(boolean good, String text, String trackingId, List<Violation> violations) {
    }

    private final ProducerTemplate intake;
    private final DocumentValidator validator;
    private final PartnerDirectory partners;
    private final long maxPayloadBytes;
    private final MessageSource messages;

    UploadPage(ProducerTemplate intake, DocumentValidator validator, PartnerDirectory partners, GatewayProperties properties,
            MessageSource messages) {
        this.messages = messages;
        this.intake = intake;
        this.validator = validator;
        this.partners = partners;
        this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
    }

    @GetMapping("/console/party/upload")
    String form() {
        return "console/upload";
    }

    @PostMapping("/console/party/upload")
    String upload(@RequestParam(required = false) MultipartFile document, @RequestParam(defaultValue = "check") String action,
            Authentication party, Locale locale, Model model) throws IOException {
        model.addAttribute("outcome", outcome(document, "submit".equals(action), party.getName(), new Texts(messages, locale)));
        model.addAttribute("fileName", document == null ? null : document.getOriginalFilename());
        return "console/upload";
    }

    /** The page's texts in one language. */
    private record Texts(MessageSource messages, Locale locale) {
        String say(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }
    }

    private Outcome outcome(MultipartFile document, boolean submit, String party, Texts texts) throws IOException {
        if (document == null || document.isEmpty()) {
            return new Outcome(false, texts.say("upload.empty"), null, List.of());
        }
        if (document.getSize() > maxPayloadBytes) {
            return new Outcome(false, texts.say("upload.tooLarge", maxPayloadBytes), null, List.of());
        }
        byte[] payload = document.getBytes();
        return submit ? submit(payload, party, texts) : check(payload, party, texts);
    }

    private Outcome check(byte[] payload, String party, Texts texts) {
        DocumentValidator.Report report = validator.validate(payload);
        List<Violation> violations = report.violations();
        if (violations.isEmpty() && report.type() != null && partners.find(party).map(p -> !p.maySend(report.type())).orElse(true)) {
            violations = List.of(Violation.of("DOCUMENT_TYPE_NOT_ALLOWED", null,
                    party + " may not send " + report.type() + " (its agreement and role; see the security model)."));
        }
        return violations.isEmpty()
                ? new Outcome(true, texts.say("upload.valid", texts.say("type." + report.type())), null, List.of())
                : new Outcome(false, texts.say("upload.invalid", violations.size()), null, violations);
    }

    private Outcome submit(byte[] payload, String party, Texts texts) {
        IntakeResult result;
        try {
            result = intake.requestBody(IntakeRoute.INTAKE, new Submission(party, "CONSOLE", payload, null), IntakeResult.class);
        } catch (CamelExecutionException | RejectedExecutionException e) {
            log.warn("Console submission from {} not accepted: {}", party, e.getMessage());
            return new Outcome(false, texts.say("upload.unavailable"), null, List.of());
        }
        String status = result.status() == null ? "" : texts.say("status." + result.status());
        return switch (result.outcome()) {
            case ACCEPTED -> new Outcome(true, texts.say("upload.accepted", result.trackingId(), status), result.trackingId(), List.of());
            case DUPLICATE -> new Outcome(true, texts.say("upload.resent", result.trackingId(), status), result.trackingId(), List.of());
            default -> new Outcome(false, texts.say("upload.refused", result.violations().isEmpty() ? result.outcome().name()
                    : result.violations().get(0).code()), result.trackingId(), result.violations());
        };
    }
}
