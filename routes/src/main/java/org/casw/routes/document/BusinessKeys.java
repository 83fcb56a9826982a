package org.casw.routes.document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys a trade party searches by (entry id, bill of lading, container, certificate numbers),
 * plus the identity the document claims for its sender.
 */
public final class BusinessKeys {

    /** Key kinds, stable names used in the API's {@code businessKeys} object and search. */
    public enum Kind {
        ENTRY_ID, BILL_NO, MASTER_BILL_NO, HOUSE_BILL_NO, CONTAINER_NO, CERTIFICATE_NO, ORIGINAL_CERTIFICATE_NO,
        CONTRACT_NO, CLIENT_SEQ_NO, DECLARANT, TRADE_CO, EXPORTER, IMPORTER, REFERS_TO, MESSAGE_TYPE,
        VESSEL_IMO, VOYAGE_NO, TRAIN_NO, LOCATION,
        /** An enterprise of an AEO status notice: {@code <country>:<id>}. */
        AEO_ENTERPRISE,
        /** A declaration's customs lane: FAST for a recognised AEO enterprise, else NORMAL. */
        LANE,
        /** The single window's unified number of a declaration (统一编号: DecHead/SeqNo, SEQ_NO, CUS_CIQ_NO). */
        SEQ_NO
    }

    /** One key value. */
    public record Key(Kind kind, String value) {
    }

    // a set: manifests carry thousands of container numbers, and duplicates are dropped
    private final Set<Key> keys = new LinkedHashSet<>();
    private String declaredSender;
    private String declaredSenderPath;

    public BusinessKeys add(Kind kind, String value) {
        if (value != null && !value.isBlank()) {
            keys.add(new Key(kind, value.trim()));
        }
        return this;
    }

    /** The sender identity the document itself claims (e.g. the declarant's USCC) and where it sits. */
    public BusinessKeys declaredSender(String identity, String path) {
        this.declaredSender = identity;
        this.declaredSenderPath = path;
        return this;
    }

    public List<Key> all() {
        return List.copyOf(keys);
    }

    public String first(Kind kind) {
        return keys.stream().filter(k -> k.kind() == kind).map(Key::value).findFirst().orElse(null);
    }

    public String declaredSender() {
        return declaredSender;
    }

    public String declaredSenderPath() {
        return declaredSenderPath;
    }
}
