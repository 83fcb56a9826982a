package org.casw.routes.family;

import java.util.Map;
import java.util.Set;
import org.casw.routes.aggregate.AggregateDeclarationRules;
import org.casw.routes.aggregate.AggregateKeys;
import org.casw.routes.aggregate.ConsignmentDeclarations;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.CustomsReceipts;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.TradeRecords;
import org.casw.routes.rules.declaration.DeclarationRules;
import org.casw.routes.rules.declaration.ManifestAgreementRules;
import org.casw.routes.rules.declaration.ModificationApplication;
import org.casw.routes.rules.declaration.ModificationRules;
import org.casw.routes.rules.declaration.PreferentialClaimRules;
import org.casw.routes.rules.declaration.TwoStepDeclarationRules;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.EcoRelation;
import org.casw.schemas.declaration.LicenseDocu;

/**
 * Customs declarations and what answers or amends them: the declaration, its receipts (the gateway's and customs' own),
 * applications to modify or cancel it, and bonded-zone aggregate declarations with their aggregated receipts.
 */
final class Declarations implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.DECLARATIONS;
    }

    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return switch (type) {
            case DECLARATION -> declarationKeys((DecMessage) document);
            case DECLARATION_RECEIPT -> CustomsReceipts.keysOf(document);
            case DECLARATION_MODIFICATION -> {
                ModificationApplication application = ModificationApplication.of(document);
                yield new BusinessKeys().add(BusinessKeys.Kind.ENTRY_ID, application.entryId())
                        .add(BusinessKeys.Kind.DECLARANT, application.declarant())
                        .declaredSender(application.declarant(), application.declarantPath());
            }
            case AGGREGATE_DECLARATION -> AggregateKeys.keysOf((AggregateDeclaration) document);
            case AGGREGATE_RECEIPT -> AggregateKeys.keysOf((AggregateReceipt) document);
            default -> throw new IllegalArgumentException(type + " is no declaration");
        };
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        // lane: FAST for a declaration of a recognised AEO enterprise, else NORMAL (see AeoLanes)
        return Map.of(DocumentType.DECLARATION, Set.of("direction", "customs-office", "declaration-kind", "destination-country", "lane"),
                // modifications carry nothing routing needs; receipts go back to the original sender
                DocumentType.DECLARATION_MODIFICATION, Set.of(),
                DocumentType.DECLARATION_RECEIPT, Set.of(),
                DocumentType.AGGREGATE_DECLARATION, Set.of(),
                DocumentType.AGGREGATE_RECEIPT, Set.of());
    }

    @Override
    public void registerRules(BusinessRules.Registration rules) {
        rules.add(DocumentType.DECLARATION, new DeclarationRules(rules.clock()));
        rules.add(DocumentType.DECLARATION_MODIFICATION, new ModificationRules());
        TradeRecords records = rules.records();
        if (records != null) {
            rules.add(DocumentType.DECLARATION, new TwoStepDeclarationRules(records.declarations(), rules.reader(), rules.clock()));
            rules.add(DocumentType.DECLARATION, new PreferentialClaimRules(records.certificates(), rules.clock()));
            rules.add(DocumentType.DECLARATION, new ManifestAgreementRules(records.manifests(), rules.reader()));
            rules.add(DocumentType.DECLARATION_MODIFICATION, new ModificationRules.Target(records.declarations()));
        }
        // each consignment's declaration is held to every declaration rule above, offline or in the gateway
        rules.add(DocumentType.AGGREGATE_DECLARATION, new AggregateDeclarationRules(new ConsignmentDeclarations(),
                declaration -> rules.check(DocumentType.DECLARATION, declaration)));
    }

    @Override
    public RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        RoutingFacts.Builder facts = RoutingFacts.builder();
        if (type != DocumentType.DECLARATION) {
            return facts.build();
        }
        DecMessage declaration = (DecMessage) document;
        DecHead head = declaration.getDecHead();
        facts.fact("direction", head.getIEFlag() == null ? null : "I".equals(head.getIEFlag().value()) ? "IMPORT" : "EXPORT");
        facts.fact("customs-office", head.getCustomMaster());
        String kind = head.getType();
        facts.fact("declaration-kind", kind == null || kind.length() < 3 ? "ORDINARY"
                : kind.charAt(2) == '5' ? "SUMMARY" : kind.charAt(2) == '6' ? "COMPLETE" : "ORDINARY");
        // where the goods go (first item, ISO alpha-2): export declarations reach that country's window
        if (declaration.getDecLists() != null && !declaration.getDecLists().getDecList().isEmpty()) {
            String alpha3 = declaration.getDecLists().getDecList().get(0).getDestinationCountry();
            facts.fact("destination-country", alpha3 == null ? null : CodeLists.shared().alpha2Of(alpha3).orElse(alpha3));
        }
        return facts.build();
    }

    @Override
    public DocumentReader.ReceiptFacts receiptFacts(DocumentType type, Object document) {
        if (type != DocumentType.DECLARATION_RECEIPT) {
            return DocumentFamily.super.receiptFacts(type, document);
        }
        return CustomsReceipts.factsOf(document);
    }

    @Override
    public DocumentType answeredBy(DocumentType receipt) {
        return receipt == DocumentType.DECLARATION_RECEIPT ? DocumentType.DECLARATION : DocumentFamily.super.answeredBy(receipt);
    }

    /** A refused declaration claims nothing: its quantities go back to the certificates' balances. */
    @Override
    public void giveBack(DocumentType type, String trackingId, boolean read, CertificateRegistry registry) {
        if (type == DocumentType.DECLARATION) {
            registry.release(trackingId);
        }
    }

    private static BusinessKeys declarationKeys(DecMessage declaration) {
        DecHead head = declaration.getDecHead();
        BusinessKeys keys = new BusinessKeys().add(BusinessKeys.Kind.ENTRY_ID, head.getEntryId())
                .add(BusinessKeys.Kind.BILL_NO, head.getBillNo())
                .add(BusinessKeys.Kind.CONTRACT_NO, head.getContrNo())
                .add(BusinessKeys.Kind.CLIENT_SEQ_NO, DecMessages.signIfAny(declaration).map(s -> s.getClientSeqNo()).orElse(null))
                .add(BusinessKeys.Kind.DECLARANT, head.getAgentCodeScc())
                .add(BusinessKeys.Kind.TRADE_CO, DecMessages.tradeCoScc(declaration))
                .declaredSender(head.getAgentCodeScc(), "/DecMessage/DecHead/AgentCodeScc");
        for (Container c : DecMessages.containers(declaration)) {
            keys.add(BusinessKeys.Kind.CONTAINER_NO, c.getContainerId());
        }
        for (EcoRelation eco : DecMessages.ecoRelations(declaration)) {
            keys.add(BusinessKeys.Kind.CERTIFICATE_NO, eco.getEcoCertNo());
        }
        for (LicenseDocu licence : DecMessages.licences(declaration)) {
            keys.add(BusinessKeys.Kind.CERTIFICATE_NO, licence.getCertCode());
        }
        return keys;
    }
}
