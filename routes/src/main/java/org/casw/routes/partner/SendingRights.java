package org.casw.routes.partner;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.casw.routes.document.DocumentType;

/**
 * Which document types each kind of party may submit. Each role has defaults (for an agreement without
 * {@code sends}) and a ceiling an agreement may not pass, because some documents carry an authority's word:
 * receipts, certificates of origin, their utilization notices and AEO status notices come only from a customs
 * administration or the partner single window (or partner gateway) that speaks for one, and the intake then checks
 * that the document's country is the sender's own. A port or rail operator that also declares as a customs broker
 * lists DECLARATION in its agreement. No role lists INTERCHANGE_REPORT, not even in its ceiling: only the gateway issues
 * those, about the EDIFACT interchanges it received.
 */
public final class SendingRights {

    private static final Map<PartyRole, Set<DocumentType>> BY_ROLE = new EnumMap<>(PartyRole.class);
    private static final Map<PartyRole, Set<DocumentType>> CEILING = new EnumMap<>(PartyRole.class);

    static {
        Set<DocumentType> authority = EnumSet.of(DocumentType.DECLARATION_RECEIPT, DocumentType.CERTIFICATE_OF_ORIGIN,
                DocumentType.CERTIFICATE_UTILIZATION, DocumentType.AEO_STATUS);
        BY_ROLE.put(PartyRole.ENTERPRISE, EnumSet.of(DocumentType.DECLARATION, DocumentType.DECLARATION_MODIFICATION,
                DocumentType.AGGREGATE_DECLARATION, DocumentType.MANIFEST));
        Set<DocumentType> customs = EnumSet.copyOf(authority);
        customs.add(DocumentType.MANIFEST_RECEIPT);
        BY_ROLE.put(PartyRole.CUSTOMS, customs);
        BY_ROLE.put(PartyRole.PORT, EnumSet.of(DocumentType.MANIFEST, DocumentType.CONTAINER_EVENT));
        BY_ROLE.put(PartyRole.RAIL, EnumSet.of(DocumentType.MANIFEST, DocumentType.CONTAINER_EVENT));
        // a partner window answers for its customs (ACDD customs responses) and issues its country's certificates and notices
        BY_ROLE.put(PartyRole.PARTNER_SINGLE_WINDOW, EnumSet.copyOf(authority));
        // a partner's AS4 gateway relays what its window would send
        BY_ROLE.put(PartyRole.GATEWAY, EnumSet.copyOf(authority));
        CEILING.putAll(BY_ROLE);
        Set<DocumentType> carrierDeclaring = EnumSet.of(DocumentType.MANIFEST, DocumentType.CONTAINER_EVENT, DocumentType.DECLARATION,
                DocumentType.DECLARATION_MODIFICATION);
        CEILING.put(PartyRole.PORT, carrierDeclaring);
        CEILING.put(PartyRole.RAIL, carrierDeclaring);
    }

    private SendingRights() {
    }

    /** What a role's parties send when their agreement lists nothing. */
    public static Set<DocumentType> ofRole(PartyRole role) {
        return role == null ? Set.of() : Set.copyOf(BY_ROLE.get(role));
    }

    /** Everything a role's agreement may list. */
    public static Set<DocumentType> ceilingOf(PartyRole role) {
        return role == null ? Set.of() : Set.copyOf(CEILING.get(role));
    }
}
