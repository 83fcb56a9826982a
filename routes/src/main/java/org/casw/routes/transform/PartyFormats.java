package org.casw.routes.transform;

import java.util.Optional;
import org.casw.routes.document.DocumentType;

/** The formats each party's agreement says it speaks: which translator reads what it sends, which writes what it gets. */
public interface PartyFormats {

    /** No party speaks anything but native XML. */
    PartyFormats NATIVE_ONLY = new PartyFormats() {
        @Override
        public Optional<InboundTranslator> inboundFor(String sender, byte[] payload) {
            return Optional.empty();
        }

        @Override
        public Optional<OutboundTranslator> outboundFor(String receiver, DocumentType type) {
            return Optional.empty();
        }
    };

    /** The translator for a payload the sender submitted in one of its agreed formats, if it is in one. */
    Optional<InboundTranslator> inboundFor(String sender, byte[] payload);

    /** The translator writing this document type in the format the receiver accepts, if not native XML. */
    Optional<OutboundTranslator> outboundFor(String receiver, DocumentType type);
}
