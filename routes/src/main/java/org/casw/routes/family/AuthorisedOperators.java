package org.casw.routes.family;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.aeo.AeoNotices;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.aeo.AeoNoticeRules;
import org.casw.routes.validation.ViolationCodes;
import org.casw.schemas.aeo.AeoStatusNotice;

/** AEO status notices a customs administration exchanges for its enterprises under mutual recognition. */
final class AuthorisedOperators implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.AUTHORISED_OPERATORS;
    }

    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return AeoNotices.keysOf((AeoStatusNotice) document);
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        return Map.of(DocumentType.AEO_STATUS, Set.of("issuing-country"));
    }

    @Override
    public void registerRules(BusinessRules.Registration rules) {
        rules.add(DocumentType.AEO_STATUS, new AeoNoticeRules(CodeLists.shared(), rules.clock()));
    }

    @Override
    public RoutingFacts routingFacts(DocumentType type, Object document, CertificateRegistry registry) {
        return RoutingFacts.builder().fact("issuing-country", ((AeoStatusNotice) document).getIssuingCountry()).build();
    }

    /** A window speaks for its own country's AEO programme only: the notice's issuing country must be its agreement's. */
    @Override
    public Optional<DeclaredSender> declaredSender(DocumentType type, Object document, BusinessKeys keys) {
        String issuing = ((AeoStatusNotice) document).getIssuingCountry();
        return Optional.of(new DeclaredSender.Authority(issuing, "/AeoStatusNotice/IssuingCountry", ViolationCodes.AEO_ISSUER_MISMATCH,
                "report AEO statuses issued by " + issuing, false));
    }
}
