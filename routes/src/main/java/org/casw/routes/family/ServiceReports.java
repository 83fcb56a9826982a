package org.casw.routes.family;

import java.util.Map;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;

/**
 * The gateway's own reports on what it received (a CONTRL for an EDIFACT interchange). No party sends one, and no
 * agreement routes one by content: each goes to the party whose interchange it answers.
 */
final class ServiceReports implements DocumentFamily {

    @Override
    public DocumentType.Family family() {
        return DocumentType.Family.SERVICE_REPORTS;
    }

    /** The report answers an interchange, whose messages carry the business keys. */
    @Override
    public BusinessKeys keysOf(DocumentType type, Object document) {
        return new BusinessKeys();
    }

    @Override
    public Map<DocumentType, Set<String>> offeredFacts() {
        return Map.of();
    }
}
