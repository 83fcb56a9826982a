package org.casw.routes.aeo;

import java.time.LocalDate;

/**
 * One enterprise's AEO status as its country's customs administration last reported it.
 *
 * @param issuingCountry  ISO alpha-2 country whose programme granted the status
 * @param enterpriseId    the enterprise's id in that country (China: unified social credit code)
 * @param status          VALID, SUSPENDED or REVOKED
 * @param noticeId        the notice that reported it
 * @param noticeDate      that notice's issue date: an older notice never replaces a newer one's status
 */
public record AeoStatus(String issuingCountry, String programme, String enterpriseId, String name, String authorisationNo,
        String status, LocalDate validFrom, LocalDate validUntil, String noticeId, LocalDate noticeDate) {

    /** The status that gives AEO treatment. */
    public static final String VALID = "VALID";

    /** VALID and within its validity on {@code date}. */
    public boolean inForceOn(LocalDate date) {
        return VALID.equals(status) && !date.isBefore(validFrom) && !date.isAfter(validUntil);
    }
}
