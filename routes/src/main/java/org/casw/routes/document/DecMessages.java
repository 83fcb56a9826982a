package org.casw.routes.document;

import java.util.List;
import java.util.Optional;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecContainers;
import org.casw.schemas.declaration.DecFreeTxt;
import org.casw.schemas.declaration.DecLicenseDocus;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.DecSign;
import org.casw.schemas.declaration.EcoRelation;
import org.casw.schemas.declaration.LicenseDocu;

/**
 * The blocks of a DecMessage by name. Declaration software writes the blocks after DecLists in different orders,
 * so the model keeps them as one list in the order received; these read the one a rule needs.
 */
public final class DecMessages {

    private DecMessages() {
    }

    public static List<DecList> items(DecMessage declaration) {
        return declaration.getDecLists().getDecList();
    }

    /** The sign block; the rules refuse a declaration without one, so later steps may rely on it. */
    public static DecSign sign(DecMessage declaration) {
        return first(declaration, DecSign.class).orElseThrow(
                () -> new IllegalArgumentException("The declaration has no DecSign block"));
    }

    public static Optional<DecSign> signIfAny(DecMessage declaration) {
        return first(declaration, DecSign.class);
    }

    public static List<Container> containers(DecMessage declaration) {
        return first(declaration, DecContainers.class).map(DecContainers::getContainer).orElse(List.of());
    }

    public static List<LicenseDocu> licences(DecMessage declaration) {
        return first(declaration, DecLicenseDocus.class).map(DecLicenseDocus::getLicenseDocu).orElse(List.of());
    }

    public static List<EcoRelation> ecoRelations(DecMessage declaration) {
        return all(declaration, EcoRelation.class);
    }

    public static Optional<DecFreeTxt> freeText(DecMessage declaration) {
        return first(declaration, DecFreeTxt.class);
    }

    /** DecFreeTxt/RelId: for a complete declaration of the two-step declaration, its summary's entry id. */
    public static String relatedEntryId(DecMessage declaration) {
        return freeText(declaration).map(DecFreeTxt::getRelId).orElse(null);
    }

    /** DecFreeTxt/VoyNo: the voyage or train number. */
    public static String voyageNo(DecMessage declaration) {
        return freeText(declaration).map(DecFreeTxt::getVoyNo).orElse(null);
    }

    /** The head's TradeCoScc, or the TradeCodeScc that messages of early 2018 wrote instead. */
    public static String tradeCoScc(DecMessage declaration) {
        var head = declaration.getDecHead();
        return head.getTradeCoScc() != null ? head.getTradeCoScc() : head.getTradeCodeScc();
    }

    /** The overseas party's code: the consignor of an import, the consignee of an export. */
    public static String overseasPartyCode(DecMessage declaration) {
        var head = declaration.getDecHead();
        return "E".equals(head.getIEFlag().value()) ? head.getOverseasConsigneeCode() : head.getOverseasConsignorCode();
    }

    /** The overseas party's name: the consignor of an import, the consignee of an export. */
    public static String overseasPartyName(DecMessage declaration) {
        var head = declaration.getDecHead();
        return "E".equals(head.getIEFlag().value()) ? head.getOverseasConsigneeEname() : head.getOverseasConsignorEname();
    }

    /** DecHead/DDate, the day of declaration (yyyyMMdd), from its 8 or 14 digits; null when absent. */
    public static String declarationDay(DecMessage declaration) {
        String date = declaration.getDecHead().getDDate();
        return date == null || date.length() < 8 ? null : date.substring(0, 8);
    }

    public static <T> Optional<T> first(DecMessage declaration, Class<T> block) {
        return declaration.getBlocks().stream().filter(block::isInstance).map(block::cast).findFirst();
    }

    public static <T> List<T> all(DecMessage declaration, Class<T> block) {
        return declaration.getBlocks().stream().filter(block::isInstance).map(block::cast).toList();
    }
}
