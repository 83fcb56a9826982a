package org.casw.routes.family;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;

/**
 * What the gateway knows of one family of documents, in one place: the business keys of each of its types, the routing
 * facts agreements may ask of them, what its receipts say, whom a document claims to speak for, and what a refused
 * document gives back. The intake's stages ask the family instead of switching on the document type.
 */
public interface DocumentFamily {

    /** The family's types (the {@link DocumentType.Family} they name). */
    DocumentType.Family family();

    /** The keys a trade party searches by, and the sender identity the document claims (see {@link BusinessKeys}). */
    BusinessKeys keysOf(DocumentType type, Object document);

    /** The routing facts each type offers agreements ({@code when: {direction: [IMPORT]}}); a type absent offers none. */
    Map<DocumentType, Set<String>> offeredFacts();

    /** The facts of a validated document; the registry tells which country issued a used certificate. */
    default RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        return RoutingFacts.of(Map.of());
    }

    /** What a receipt of the family says about the message it answers. */
    default DocumentReader.ReceiptFacts receiptFacts(DocumentType type, Object document) {
        throw new IllegalArgumentException(type + " is not a receipt");
    }

    /** The type a receipt of the family answers. */
    default DocumentType answeredBy(DocumentType receipt) {
        throw new IllegalArgumentException(receipt + " is not a receipt");
    }

    /** Whom a validated document claims to speak for, checked against the party that sent it; empty: it claims no one. */
    default Optional<DeclaredSender> declaredSender(DocumentType type, Object document, BusinessKeys keys) {
        return keys.declaredSender() == null ? Optional.empty()
                : Optional.of(new DeclaredSender.Party(keys.declaredSender(), keys.declaredSenderPath()));
    }

    /** Registers the business rules of the family's types, in the order they run (cross-document ones with records). */
    default void registerRules(BusinessRules.Registration rules) {
    }

    /**
     * Gives back what a document registered before it was refused (a declaration's claims on certificates of origin, a
     * certificate's registration), so that a refusal leaves nothing behind.
     *
     * @param read whether the document was read (a certificate is registered only once read)
     */
    default void giveBack(DocumentType type, String trackingId, boolean read, CertificateRegistry registry) {
    }
}
