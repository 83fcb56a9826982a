package org.casw.gateway.pki;

import java.time.Duration;
import java.util.List;
import org.casw.gateway.cluster.ClusterDuty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Says in the log, once a day and once per cluster (not once per node), which certificates expire within the
 * warning period or have expired. Health and metrics answer on every node; this is the line an operator's log
 * alerting catches.
 */
@Component
public class CertificateExpiryWatch implements ClusterDuty {

    private static final Logger log = LoggerFactory.getLogger(CertificateExpiryWatch.class);

    private final CertificateInventory inventory;

    public CertificateExpiryWatch(CertificateInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public String name() {
        return "certificate-expiry-watch";
    }

    @Override
    public Duration interval() {
        return Duration.ofDays(1);
    }

    @Override
    public void perform() {
        report();
    }

    /** The certificates it warned about. */
    List<CertificateInventory.Entry> report() {
        List<CertificateInventory.Entry> expiring = inventory.expiringWithin(inventory.warningDays());
        for (CertificateInventory.Entry entry : expiring) {
            if (entry.daysLeft() < 0) {
                log.error("Certificate EXPIRED {} days ago: {}, {} ({}, serial {})", -entry.daysLeft(), entry.owner(), entry.use(),
                        entry.subject(), entry.serialHex());
            } else {
                log.warn("Certificate expires in {} days: {}, {} ({}, serial {})", entry.daysLeft(), entry.owner(), entry.use(),
                        entry.subject(), entry.serialHex());
            }
        }
        return expiring;
    }
}
