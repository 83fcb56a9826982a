package org.casw.routes.partner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.DocumentType;

/**
 * A party's agreement with the gateway as the routes need it: who it is, how it submits and how
 * documents reach it.
 *
 * @param id             party id, e.g. {@code CN-CUSTOMS}
 * @param name           display name
 * @param role           what kind of party it is
 * @param identifiers    codes the party may declare itself as inside documents (e.g. its USCC)
 * @param channel        how documents are delivered to it
 * @param deliveryUrl    for {@link DeliveryChannel#HTTP}
 * @param inboundAddress JMS address it submits on (e.g. {@code sw.in.port}), or null
 * @param replyAddress   JMS address that receives its answers and deliveries, or null
 * @param suspended      delivery to the party is paused; messages wait in its queue
 * @param country        ISO 3166 alpha-2 country it acts for, or null
 * @param sends          formats besides native XML it submits in (translated on arrival)
 * @param accepts        per document type, the format it wants delivered instead of native XML
 * @param deliveryDirectory for {@link DeliveryChannel#FILE}: where its documents are written
 * @param inboundDirectory  a drop directory it submits files in, or null
 * @param documentsSent  the document types it may submit: its agreement's {@code sends}, else its role's ({@link SendingRights})
 * @param declaresFor    codes of the enterprises it declares for as a broker or agent, besides its own identifiers
 * @param limits            its rate and in-flight limits at intake (null: none)
 * @param edifact           how its UN/EDIFACT interchanges are addressed and answered (null: the defaults)
 */
public record PartnerProfile(String id, String name, PartyRole role, List<String> identifiers,
        DeliveryChannel channel, String deliveryUrl, String inboundAddress, String replyAddress, boolean suspended,
        String country, List<String> sends, Map<DocumentType, String> accepts, String deliveryDirectory, String inboundDirectory,
        Set<DocumentType> documentsSent,
        List<String> declaresFor,
        PartyLimits limits, EdifactAgreement edifact) {

    public PartnerProfile {
        identifiers = List.copyOf(identifiers);
        sends = sends == null ? List.of() : List.copyOf(sends);
        accepts = accepts == null ? Map.of() : Map.copyOf(accepts);
        documentsSent = documentsSent == null ? SendingRights.ofRole(role) : Set.copyOf(documentsSent);
        declaresFor = declaresFor == null ? List.of() : List.copyOf(declaresFor);
        limits = limits == null ? PartyLimits.NONE : limits;
        edifact = edifact == null ? EdifactAgreement.defaults(id) : edifact;
    }

    /** A party sending its role's document types, declaring for itself only, without limits. */
    public PartnerProfile(String id, String name, PartyRole role, List<String> identifiers, DeliveryChannel channel, String deliveryUrl,
            String inboundAddress, String replyAddress, boolean suspended, String country, List<String> sends,
            Map<DocumentType, String> accepts, String deliveryDirectory, String inboundDirectory) {
        this(id, name, role, identifiers, channel, deliveryUrl, inboundAddress, replyAddress, suspended, country, sends, accepts,
                deliveryDirectory, inboundDirectory, null, null, null, null);
    }

    /** Whether its agreement (or, without a {@code sends} list, its role) lets it submit this type. */
    public boolean maySend(DocumentType type) {
        return documentsSent.contains(type);
    }

    /** Whether it may act for this enterprise in a declaration: itself, or one its agreement says it declares for. */
    public boolean actsFor(String enterpriseCode) {
        return enterpriseCode != null && (identifiers.contains(enterpriseCode) || declaresFor.contains(enterpriseCode));
    }

    /** The format this party wants a document type delivered in, when not native XML. */
    public Optional<String> acceptedFormat(DocumentType type) {
        return Optional.ofNullable(accepts.get(type));
    }

    /** The durable queue holding documents on their way to this party. */
    public String deliveryQueue() {
        return "sw.out." + id;
    }

    public boolean mayDeclareAs(String identity) {
        return identity != null && identifiers.contains(identity);
    }
}
