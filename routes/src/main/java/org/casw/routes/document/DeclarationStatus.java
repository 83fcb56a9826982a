package org.casw.routes.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * Customs status codes of declaration receipts (DEC_RESULT/CHANNEL, DecReceipt/Channel), with their meaning for people.
 * The table is the single window's, as receipts and the software that reads them show it (docs/china-single-window.md);
 * the two-step codes (Sp*) are those declaration software uses.
 */
public enum DeclarationStatus {
    IMPORTED("0", "imported by the single window"),
    DECLARED("7", "declared to customs"),
    L("L", "received by customs"),
    J("J", "reviewed: customs accepted the declaration"),
    G("G", "reviewed by customs"),
    W("W", "paperless clearance reviewed"),
    C("C", "inspection ordered"),
    S("S", "under inspection"),
    T("T", "duties and taxes payable"),
    B("B", "released under guarantee"),
    K("K", "released under guarantee (paperless)"),
    I("I", "released (paperless)"),
    F("F", "released against documents"),
    X("X", "admitted to the port"),
    P("P", "released"),
    R("R", "closed"),
    M("M", "under review again"),
    H("H", "suspended: to be declared by hand"),
    A("A", "handled by hand before release"),
    N("N", "documents to be sent again"),
    Z("Z", "returned for correction"),
    E("E", "rejected by customs"),
    Y("Y", "failed at customs"),
    D("D", "deleted by customs"),
    SpL("SpL", "summary declaration accepted"),
    SpJ("SpJ", "summary declaration reviewed"),
    SpK("SpK", "goods may be taken out"),
    SpE("SpE", "summary declaration rejected");

    private final String code;
    private final String meaning;

    DeclarationStatus(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Customs refused the declaration (rejected, failed, deleted): it will not be cleared as lodged. */
    public static boolean isRefusal(String code) {
        return of(code).map(s -> s == E || s == Y || s == D || s == SpE).orElse(false);
    }

    /** Customs released the goods, with or without guarantee. */
    public static boolean isRelease(String code) {
        return of(code).map(s -> s == P || s == R || s == B || s == K || s == I || s == F).orElse(false);
    }

    /** A status customs gave (not none, not the single window's import response). */
    public static boolean isCustomsStatus(String code) {
        return code != null && !IMPORTED.code.equals(code);
    }

    public static Optional<DeclarationStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The meaning of a code, or "status" and the code when the table does not know it. */
    public static String meaningOf(String code) {
        return of(code).map(DeclarationStatus::meaning).orElse("status " + code);
    }
}
