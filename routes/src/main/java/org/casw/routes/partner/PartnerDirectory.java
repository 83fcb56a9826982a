package org.casw.routes.partner;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.casw.routes.document.DocumentType;
import org.casw.routes.routing.RoutingFacts;

/** The partner agreements in force: who the parties are and who receives which document. */
public interface PartnerDirectory {

    Optional<PartnerProfile> find(String partyId);

    Collection<PartnerProfile> all();

    /**
     * The receivers of a document by the agreements' {@code receives} rules, in agreement order; empty
     * if no rule matches.
     */
    List<String> receiversFor(DocumentType type, RoutingFacts facts);
}
