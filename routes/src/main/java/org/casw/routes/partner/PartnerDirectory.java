package org.casw.routes.partner;

import java.util.Collection;
import java.util.Optional;
import org.casw.routes.document.DocumentType;

/** The partner agreements in force: who the parties are and who receives which document. */
public interface PartnerDirectory {

    Optional<PartnerProfile> find(String partyId);

    Collection<PartnerProfile> all();

    /** The receiver of a document type by routing rule, if any rule routes it. */
    Optional<String> receiverFor(DocumentType type);
}
