package org.casw.sandbox;

import java.time.LocalDate;
import java.util.List;

/**
 * What a sandbox window is asked to report in its AEO status notice to China: its programme and enterprises.
 * Missing values take the sandbox's defaults (its demo exporter in force, a second enterprise suspended).
 */
public record AeoNoticeRequest(String programme, List<Enterprise> enterprises) {

    /** One enterprise's status; {@code status} VALID, SUSPENDED or REVOKED. */
    public record Enterprise(String id, String name, String authorisationNo, String status, LocalDate validFrom, LocalDate validUntil) {
    }
}
