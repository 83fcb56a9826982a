package org.casw.routes.aeo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.casw.routes.document.DecMessages;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecMessage;

/**
 * Picks a declaration's lane: FAST when one of its enterprises holds a recognised AEO status in force on the
 * declaration date (the domestic trading company or owner by unified social credit code, the overseas party
 * by its AEO code), NORMAL otherwise. Only enterprises the declarant acts for count: naming someone else's AEO
 * in a declaration must not buy its fast lane.
 */
public final class AeoLanes {

    /** Why a declaration none of whose enterprises the gateway holds an AEO status for is NORMAL. */
    public static final String NO_STATUS = "no AEO status held for its enterprises";

    /** The lane and why, for the message's history. */
    public record Decision(Lane lane, String reason) {

        /** True when an AEO status decided it (FAST, or held but not giving the fast lane): worth a line in the history. */
        public boolean concernsAeo() {
            return lane == Lane.FAST || !NO_STATUS.equals(reason);
        }
    }

    private final AeoRegistry registry;
    private final AeoRecognition recognition;

    public AeoLanes(AeoRegistry registry, AeoRecognition recognition) {
        this.registry = registry;
        this.recognition = recognition;
    }

    /**
     * The declaration's lane on its declaration date.
     *
     * @param today   the date when the declaration names none (DDate)
     * @param actsFor whether the declarant may act for an enterprise, by its code as the declaration writes it
     */
    public Decision laneOf(DecMessage declaration, LocalDate today, Predicate<String> actsFor) {
        DecHead head = declaration.getDecHead();
        LocalDate on = declarationDate(declaration, today);
        // issuing country, enterprise id in its notices, the code as the declaration writes it
        List<String[]> candidates = new ArrayList<>();
        String tradeCo = DecMessages.tradeCoScc(declaration);
        candidates.add(new String[] {"CN", tradeCo, tradeCo});
        candidates.add(new String[] {"CN", head.getOwnerCodeScc(), head.getOwnerCodeScc()});
        String overseas = DecMessages.overseasPartyCode(declaration);
        if (overseas != null && overseas.length() > 2) {
            candidates.add(new String[] {overseas.substring(0, 2), overseas.substring(2), overseas});
        }
        List<String> notInForce = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (String[] candidate : candidates) {
            // the trading company is often the owner too: its status is looked up once
            if (candidate[1] == null || candidate[1].isBlank() || !asked.add(candidate[0] + " " + candidate[1])) {
                continue;
            }
            Optional<AeoStatus> held = registry.find(candidate[0], candidate[1]);
            if (held.isEmpty()) {
                continue;
            }
            AeoStatus s = held.get();
            String who = s.issuingCountry() + " " + s.programme() + " " + s.enterpriseId() + " (" + s.authorisationNo() + ")";
            if (!actsFor.test(candidate[2])) {
                notInForce.add(who + " is not an enterprise the declarant acts for");
            } else if (!recognition.recognises(s.issuingCountry(), s.programme())) {
                notInForce.add(who + " is not a recognised programme");
            } else if (!s.inForceOn(on)) {
                notInForce.add(who + " is " + s.status() + ", valid " + s.validFrom() + " to " + s.validUntil() + ", not in force on "
                        + on);
            } else {
                return new Decision(Lane.FAST, "AEO " + who + " in force on " + on);
            }
        }
        return new Decision(Lane.NORMAL, notInForce.isEmpty() ? NO_STATUS : String.join("; ", notInForce));
    }

    private static LocalDate declarationDate(DecMessage declaration, LocalDate today) {
        String day = DecMessages.declarationDay(declaration);
        try {
            return day == null ? today : LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return today; // the declaration rules refuse it anyway
        }
    }
}
