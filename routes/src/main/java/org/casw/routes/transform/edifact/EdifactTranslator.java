package org.casw.routes.transform.edifact;

import java.util.List;
import java.util.Optional;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;

/**
 * The one UN/EDIFACT entry point a gateway needs: recognises any interchange (UNA or UNB first) and
 * hands it, by the first UNH message type, to {@link CuscarTranslator} or {@link CodecoCoarriTranslator}.
 * Any other message type or directory is refused with {@code EDIFACT_MESSAGE_UNSUPPORTED} instead of
 * being passed on as "not recognised", so the sender learns why. The specific translators stay usable
 * on their own and refuse foreign message types the same way.
 */
public class EdifactTranslator implements InboundTranslator {

    private final CuscarTranslator cuscar;
    private final CodecoCoarriTranslator events;

    public EdifactTranslator() {
        this(EdifactMessageReader.DEFAULT_MAX_BYTES);
    }

    public EdifactTranslator(int maxBytes) {
        this.cuscar = new CuscarTranslator(maxBytes);
        this.events = new CodecoCoarriTranslator(maxBytes);
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean recognises(byte[] payload) {
        return EdifactInterchange.sniff(payload).isPresent();
    }

    @Override
    public Translation toNative(byte[] payload) {
        return toNative(payload, null);
    }

    /**
     * Refuses an interchange whose first message is in a directory the sender's agreement does not list
     * ({@code edifact.directories}) before reading it; CODECO and COARRI check every message.
     */
    @Override
    public Translation toNative(byte[] payload, PartnerProfile sender) {
        Optional<EdifactInterchange> interchange = EdifactInterchange.sniff(payload);
        if (interchange.isEmpty()) {
            return Translation.refused(null, List.of(new Violation(EdifactViolationCodes.EDIFACT_SYNTAX, "UNB",
                    "Not a UN/EDIFACT interchange: it must start with a UNA or UNB segment.", 1, 1)));
        }
        String type = interchange.get().messageType();
        Optional<EdifactDirectory> directory = interchange.get().directory();
        List<String> agreed = sender == null ? null : sender.edifact().directories();
        if (type != null && directory.isPresent() && agreed != null && !agreed.contains(directory.get().name())) {
            return Translation.refused(documentType(type), List.of(new Violation(EdifactViolationCodes.EDIFACT_DIRECTORY_NOT_AGREED,
                    type + "/UNH[1]/S009", type + " of directory " + directory.get().unh() + " (UNH S009) is not agreed with "
                            + sender.id() + "; its agreement's edifact.directories allows " + agreed + ".", null, null)));
        }
        if ("CUSCAR".equals(type)) {
            return cuscar.toNative(payload);
        }
        if ("CODECO".equals(type) || "COARRI".equals(type)) {
            return events.toNative(payload, sender);
        }
        return Translation.refused(null, List.of(Violation.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED,
                (type == null ? "UNH" : type + "/UNH[1]") + "/S009/0065", type == null
                        ? "No message header (UNH) found near the start of the interchange."
                        : "Message type '" + type
                                + "' is not translated; the gateway reads CUSCAR of directory D.96B, CODECO and COARRI of directories "
                                + EdifactDirectory.reading("CODECO") + ".")));
    }

    /** The native document a message type becomes, so that a refusal is recorded under it. */
    private static DocumentType documentType(String messageType) {
        return switch (messageType) {
            case "CUSCAR" -> DocumentType.MANIFEST;
            case "CODECO", "COARRI" -> DocumentType.CONTAINER_EVENT;
            default -> null;
        };
    }
}
