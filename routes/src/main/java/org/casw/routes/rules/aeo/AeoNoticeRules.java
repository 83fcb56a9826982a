package org.casw.routes.rules.aeo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.casw.routes.aeo.AeoNotices;
import org.casw.routes.aeo.AeoStatus;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.aeo.AeoStatusNotice;

/**
 * What an AEO status notice must get right by itself: a real issuing country, an issue date that has come, consistent
 * validity, each enterprise once.
 */
public class AeoNoticeRules implements DocumentRules<AeoStatusNotice> {

    /** The issuing country is no ISO 3166 country. */
    public static final String AEO_COUNTRY_UNKNOWN = "AEO_COUNTRY_UNKNOWN";
    /** An enterprise is reported VALID although its validity already ended. */
    public static final String AEO_VALIDITY_EXPIRED = "AEO_VALIDITY_EXPIRED";
    /** An enterprise's validity ends before it starts. */
    public static final String AEO_VALIDITY_RANGE = "AEO_VALIDITY_RANGE";
    /** The notice lists the same enterprise twice. */
    public static final String AEO_ENTERPRISE_DUPLICATE = "AEO_ENTERPRISE_DUPLICATE";
    /** The notice is dated after today (China time): a notice cannot report what its customs has not yet decided. */
    public static final String AEO_ISSUE_DATE_IN_FUTURE = "AEO_ISSUE_DATE_IN_FUTURE";
    /** A Chinese enterprise's identifier is no unified social credit code (18 characters, check digit). */
    public static final String AEO_USCC_INVALID = "AEO_USCC_INVALID";

    private static final String ROOT = "/AeoStatusNotice/";
    /** As for certificates of origin: dates compared in China time. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CodeLists codes;
    private final Clock clock;

    public AeoNoticeRules(CodeLists codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    @Override
    public Class<AeoStatusNotice> documentClass() {
        return AeoStatusNotice.class;
    }

    @Override
    public void check(AeoStatusNotice notice, RuleViolations out) {
        String country = notice.getIssuingCountry();
        if (!codes.isCountryAlpha2(country)) {
            out.add(AEO_COUNTRY_UNKNOWN, ROOT + "IssuingCountry", "'" + country + "' is not an ISO 3166 alpha-2 country code.");
        }
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        LocalDate issued = AeoNotices.date(notice.getIssueDate());
        // no day of grace (unlike certificates of origin, issued as far east as New Zealand): the AEO programmes here
        // (CN, SG, MY, TH) keep China time or are behind it, so a notice honestly dated today is never China's tomorrow
        if (issued != null && issued.isAfter(today)) {
            out.add(AEO_ISSUE_DATE_IN_FUTURE, ROOT + "IssueDate", "Issue date " + issued + " is in the future (today is " + today
                    + " in China); a notice may not be dated ahead.");
        }
        List<AeoStatus> statuses = AeoNotices.statusesOf(notice);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < statuses.size(); i++) {
            AeoStatus s = statuses.get(i);
            String at = ROOT + (i == 0 ? "Enterprise" : "Enterprise[" + (i + 1) + "]") + "/";
            if (!seen.add(s.enterpriseId())) {
                out.add(AEO_ENTERPRISE_DUPLICATE, at + "Identifier", "Enterprise " + s.enterpriseId() + " is listed more than once.");
            }
            if ("CN".equals(country) && !CheckDigits.isValidUscc(s.enterpriseId())) {
                out.add(AEO_USCC_INVALID, at + "Identifier", "'" + s.enterpriseId()
                        + "' is not a unified social credit code (18 characters with a valid check digit).");
            }
            if (s.validUntil().isBefore(s.validFrom())) {
                out.add(AEO_VALIDITY_RANGE, at + "ValidUntil", "Enterprise " + s.enterpriseId() + ": validity ends " + s.validUntil()
                        + ", before it starts " + s.validFrom() + ".");
            } else if (AeoStatus.VALID.equals(s.status()) && s.validUntil().isBefore(today)) {
                out.add(AEO_VALIDITY_EXPIRED, at + "ValidUntil", "Enterprise " + s.enterpriseId() + " is reported VALID, but its"
                        + " authorisation " + s.authorisationNo() + " expired on " + s.validUntil() + ".");
            }
        }
    }
}
