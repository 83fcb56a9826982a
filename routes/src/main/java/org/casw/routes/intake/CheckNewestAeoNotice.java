package org.casw.routes.intake;

import java.util.List;
import org.apache.camel.Exchange;
import org.casw.routes.aeo.AeoNotices;
import org.casw.routes.aeo.SupersededNotices;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aeo.AeoStatusNotice;

/**
 * Only the newest notice counts per enterprise: one older than the notice held for any of its enterprises is refused
 * before it is routed. (Registration keeps the newest too, should two notices race past this check.) The statuses it
 * reports are read now: the document is let go before its versions are written.
 */
final class CheckNewestAeoNotice extends IntakeStep {

    private final SupersededNotices supersededNotices;

    CheckNewestAeoNotice(SupersededNotices supersededNotices) {
        this.supersededNotices = supersededNotices;
    }

    @Override
    void apply(Intake intake, Exchange exchange) {
        AeoStatusNotice notice = (AeoStatusNotice) intake.document;
        List<Violation> superseded = supersededNotices.check(notice);
        if (!superseded.isEmpty()) {
            throw new DocumentRefused(IntakeResult.Outcome.INVALID, superseded, "AEO notice superseded by a newer one");
        }
        intake.aeoStatuses = AeoNotices.statusesOf(notice);
    }
}
