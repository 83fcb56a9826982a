package org.casw.routes.document;

import java.util.Arrays;
import java.util.Optional;

/** Customs status codes carried by declaration receipts, with their meaning for people. */
public enum DeclarationStatus {
    L("received by customs"),
    P("released"),
    R("closed"),
    E("rejected by customs"),
    Z("returned for correction"),
    Y("failed at customs"),
    SpL("summary declaration accepted"),
    SpJ("summary declaration reviewed"),
    SpK("goods may be taken out");

    private final String meaning;

    DeclarationStatus(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** Customs refused the declaration (rejected or failed): it will not be cleared as lodged. */
    public static boolean isRefusal(String code) {
        return E.name().equals(code) || Y.name().equals(code);
    }

    public static Optional<DeclarationStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
