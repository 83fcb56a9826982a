package org.casw.routes.transform.asean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.validation.Violation;

/**
 * Maps China customs codes to the international code lists ASEAN partners use, for one translation,
 * collecting a {@code CODE_NOT_MAPPABLE} violation for every code without a counterpart (a translation
 * never drops or guesses a code). Code lists come from {@link CodeLists}; not thread-safe, make one per
 * translation.
 */
public final class InternationalCodes {

    /**
     * China customs mode of transport (运输方式) to UN/ECE Recommendation 19. Only real border modes
     * map: 2 waterway (sea to ASEAN partners), 3 rail, 4 road, 5 air, 6 post. The China codes for
     * movements into or between special customs zones (0, 1, 7, 8, 9, H, W, X, Y, Z) name no transport mode.
     */
    private static final Map<String, String> TRANSPORT_MODES = Map.of("2", "1", "3", "2", "4", "3", "5", "4", "6", "5");

    /** UN/EDIFACT 1001 transport document per Rec 19 mode: bill of lading, rail and road consignment notes, air waybill. */
    private static final Map<String, String> TRANSPORT_DOCUMENTS = Map.of("1", "705", "2", "720", "3", "730", "4", "740");

    /** China customs terms of delivery (成交方式) to Incoterms 2020; 4 (C&amp;I), 5 (market price) and 6 have none. */
    private static final Map<String, String> INCOTERMS = Map.of("1", "CIF", "2", "CFR", "3", "FOB", "7", "EXW");

    private final CodeLists codes = CodeLists.shared();
    private final List<Violation> violations = new ArrayList<>();

    /** ISO 3166 alpha-3 (China customs country code) to alpha-2. */
    public String country(String alpha3, String path) {
        if (alpha3 == null) {
            return null;
        }
        return codes.alpha2Of(alpha3).orElseGet(() -> refuse(path, "Country " + alpha3 + " has no ISO 3166-1 alpha-2 code."));
    }

    /** China customs unit (e.g. 035) to UN/ECE Recommendation 20 (KGM). */
    public String unit(String chinaUnit, String path) {
        if (chinaUnit == null) {
            return null;
        }
        return codes.rec20OfChinaUnit(chinaUnit).orElseGet(() -> refuse(path, "China customs unit " + chinaUnit
                + " has no UN/ECE Recommendation 20 equivalent in codelists/cn-units.csv."));
    }

    /** An ISO 4217 currency code, passed through once checked. */
    public String currency(String code, String path) {
        if (code == null) {
            return null;
        }
        return codes.isCurrency(code) ? code : refuse(path, "Currency " + code + " is not an ISO 4217 code.");
    }

    public String transportMode(String chinaMode, String path) {
        if (chinaMode == null) {
            return null;
        }
        String mode = TRANSPORT_MODES.get(chinaMode);
        return mode != null ? mode : refuse(path, "China mode of transport " + chinaMode
                + " names no border transport mode (UN/ECE Recommendation 19); only 2-6 do.");
    }

    /** The transport document type for a Rec 19 mode, or null where there is none (post). */
    public static String transportDocument(String rec19Mode) {
        return rec19Mode == null ? null : TRANSPORT_DOCUMENTS.get(rec19Mode);
    }

    public String incoterms(String chinaTerms, String path) {
        if (chinaTerms == null) {
            return null;
        }
        String terms = INCOTERMS.get(chinaTerms);
        return terms != null ? terms : refuse(path, "China terms of delivery " + chinaTerms + " have no Incoterms 2020 code.");
    }

    /** A UN/LOCODE, passed through once checked (China port codes that are not UN/LOCODEs do not map). */
    public String location(String code, String path) {
        if (code == null) {
            return null;
        }
        return codes.location(code).isPresent() ? code : refuse(path, "Location " + code + " is not a UN/LOCODE.");
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    private String refuse(String path, String message) {
        violations.add(Violation.of(AseanTranslationCodes.CODE_NOT_MAPPABLE, path, message));
        return null;
    }
}
