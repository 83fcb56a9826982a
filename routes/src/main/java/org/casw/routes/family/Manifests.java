package org.casw.routes.family;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.manifest.ArrivalReportRules;
import org.casw.routes.rules.manifest.ManifestKeys;
import org.casw.routes.rules.manifest.ManifestRules;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;

/** Cargo manifests (sea and rail, import, export and arrival reports) and customs' receipts for them. */
final class Manifests implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.MANIFESTS;
    }

    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return type == DocumentType.MANIFEST ? ManifestKeys.keysOf((Manifest) document) : ManifestKeys.keysOf((ManifestReceipt) document);
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        return Map.of(DocumentType.MANIFEST, Set.of("message-type", "direction", "mode"), DocumentType.MANIFEST_RECEIPT, Set.of());
    }

    @Override
    public void registerRules(BusinessRules.Registration rules) {
        rules.add(DocumentType.MANIFEST, new ManifestRules(CodeLists.shared(), rules.clock()));
        if (rules.records() != null) {
            rules.add(DocumentType.MANIFEST, new ArrivalReportRules(rules.records().manifests()));
        }
    }

    @Override
    public RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        RoutingFacts.Builder facts = RoutingFacts.builder();
        if (type == DocumentType.MANIFEST) {
            String messageType = ((Manifest) document).getHead().getMessageType().value();
            facts.fact("message-type", messageType)
                    .fact("direction", messageType.startsWith("MT1") || messageType.startsWith("MT3") ? "IMPORT" : "EXPORT")
                    .fact("mode", messageType.endsWith("401") ? "RAIL" : "SEA");
        }
        return facts.build();
    }

    @Override
    public DocumentReader.ReceiptFacts receiptFacts(DocumentType type, Object document) {
        if (type != DocumentType.MANIFEST_RECEIPT) {
            return DocumentFamily.super.receiptFacts(type, document);
        }
        ManifestReceipt r = (ManifestReceipt) document;
        String meaning = r.getResponseCode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        // China's own responses name the bill, not the tracking id: the manifest is the one delivered that lists it
        return r.getTrackingID() != null ? new DocumentReader.ReceiptFacts(r.getTrackingID(), "/ManifestReceipt/TrackingID",
                r.getResponseCode().value(), meaning, false, r.getResponseText(), new BusinessKeys())
                : new DocumentReader.ReceiptFacts(null, "/ManifestReceipt/TransportContractDocumentID",
                        r.getTransportContractDocumentID() == null ? List.of()
                                : List.of(new BusinessKeys.Key(BusinessKeys.Kind.BILL_NO, r.getTransportContractDocumentID())),
                        r.getResponseCode().value(), meaning, false, r.getResponseText(), new BusinessKeys());
    }

    @Override
    public DocumentType answeredBy(DocumentType receipt) {
        return receipt == DocumentType.MANIFEST_RECEIPT ? DocumentType.MANIFEST : DocumentFamily.super.answeredBy(receipt);
    }
}
