package org.casw.routes.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.casw.routes.aeo.AeoLanes;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.schemas.declaration.DecMessage;

/**
 * A declaration's customs lane: FAST when one of its enterprises holds a recognised AEO status in force on the
 * declaration date. It becomes a business key (tracking), a routing fact ({@code lane}) and part of the answer.
 */
final class AssignLane extends IntakeStep {

    /** Declaration dates are China's, as the declaration rules read them. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final PartnerDirectory partners;
    private final AeoLanes lanes;
    private final MessageLedger ledger;
    private final Clock clock;

    AssignLane(PartnerDirectory partners, AeoLanes lanes, MessageLedger ledger, Clock clock) {
        this.partners = partners;
        this.lanes = lanes;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        Optional<PartnerProfile> declarant = partners.find(intake.submission.sender());
        AeoLanes.Decision decision = lanes.laneOf((DecMessage) intake.document, LocalDate.now(clock.withZone(CHINA)),
                code -> declarant.map(p -> p.actsFor(code)).orElse(false));
        intake.lane = decision.lane().name();
        intake.keys.add(BusinessKeys.Kind.LANE, intake.lane);
        if (decision.concernsAeo()) {
            // most declarations concern no AEO: their history keeps its usual steps, the LANE key says NORMAL
            ledger.note(intake.trackingId, "lane " + intake.lane + ": " + decision.reason());
        }
    }
}
