package org.casw.routes.aeo;

import java.time.LocalDate;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.document.BusinessKeys;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.casw.schemas.aeo.Enterprise;

/** Reads an AEO status notice: the statuses it reports and its business keys. */
public final class AeoNotices {

    private AeoNotices() {
    }

    public static List<AeoStatus> statusesOf(AeoStatusNotice notice) {
        return notice.getEnterprise().stream().map(e -> new AeoStatus(notice.getIssuingCountry(), notice.getProgramme(), e.getIdentifier(),
                e.getName(), e.getAuthorisationNo(), e.getStatus().value(), date(e.getValidFrom()), date(e.getValidUntil()),
                notice.getNoticeId(), date(notice.getIssueDate()))).toList();
    }

    /** Each enterprise as {@code <country>:<id>}, so tracking finds every notice about one enterprise. */
    public static BusinessKeys keysOf(AeoStatusNotice notice) {
        BusinessKeys keys = new BusinessKeys();
        for (Enterprise e : notice.getEnterprise()) {
            keys.add(BusinessKeys.Kind.AEO_ENTERPRISE, notice.getIssuingCountry() + ":" + e.getIdentifier());
        }
        return keys;
    }

    /** A schema date (no time zone) as a calendar date, or null. */
    public static LocalDate date(XMLGregorianCalendar value) {
        return value == null ? null : LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
    }
}
