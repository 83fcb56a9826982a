package org.casw.routes.aeo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aeo.AeoStatusNotice;

/**
 * Only the newest notice counts per enterprise: a notice issued before the one held for any of its enterprises is
 * refused, whole, before it is routed, so neither the registry nor the partners see an older status come back. Notices
 * of the same issue date count in order of arrival (the later one replaces the earlier).
 */
public final class SupersededNotices {

    /** A newer notice is held for an enterprise of this one. */
    public static final String AEO_NOTICE_SUPERSEDED = "AEO_NOTICE_SUPERSEDED";

    private final AeoRegistry registry;

    public SupersededNotices(AeoRegistry registry) {
        this.registry = registry;
    }

    /** One violation per enterprise for which a newer notice is held; empty when this notice is the newest. */
    public List<Violation> check(AeoStatusNotice notice) {
        List<Violation> violations = new ArrayList<>();
        for (AeoStatus status : AeoNotices.statusesOf(notice)) {
            LocalDate issued = status.noticeDate();
            Optional<AeoStatus> held = registry.find(status.issuingCountry(), status.enterpriseId());
            if (issued != null && held.isPresent() && held.get().noticeDate().isAfter(issued)) {
                violations.add(Violation.of(AEO_NOTICE_SUPERSEDED, "/AeoStatusNotice/IssueDate", "Notice " + notice.getNoticeId()
                        + " of " + issued + " is older than notice " + held.get().noticeId() + " of " + held.get().noticeDate()
                        + " already held for enterprise " + status.enterpriseId() + "; only the newest notice counts."));
            }
        }
        return violations;
    }
}
