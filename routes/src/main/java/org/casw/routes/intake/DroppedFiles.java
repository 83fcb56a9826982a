package org.casw.routes.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.casw.routes.partner.DropDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;

/**
 * Turns a file a party dropped into a submission, reading it only if it is a regular file directly inside the
 * party's drop directory and no larger than the limit. Anything else (a symbolic link to a key file, a hard
 * link, a path resolving elsewhere) is refused unread with {@link ViolationCodes#FILE_NOT_REGULAR}.
 */
class DroppedFiles implements Processor {

    /** Exchange property carrying the dropped file's name, which names its receipt. */
    static final String FILE_NAME = "swFileName";

    private final PartnerProfile partner;
    private final DropDirectory inbox;
    private final long maxPayloadBytes;

    DroppedFiles(PartnerProfile partner, DropDirectory inbox, long maxPayloadBytes) {
        this.partner = partner;
        this.inbox = inbox;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        exchange.setProperty(FILE_NAME, name);
        // the body (Camel's handle on the file) is replaced unread
        exchange.getMessage().setBody(submission(name, file));
    }

    private Submission submission(String name, Path file) throws IOException {
        Optional<String> refusal = inbox.whyNotRegular(file);
        if (refusal.isPresent()) {
            return Submission.refused(partner.id(), "FILE", Violation.of(ViolationCodes.FILE_NOT_REGULAR, null,
                    "The file " + name + " was not read: " + refusal.get()
                            + ". Drop regular files only, written in the drop directory itself."),
                    null);
        }
        long size = Files.size(file);
        if (size > maxPayloadBytes) {
            return Submission.tooLarge(partner.id(), "FILE", size, null);
        }
        // an oversized file is not read into memory: only its size is recorded
        return inbox.read(file, maxPayloadBytes)
                .map(payload -> new Submission(partner.id(), "FILE", payload, null))
                .orElseGet(() -> Submission.tooLarge(partner.id(), "FILE", size, null));
    }
}
