package org.casw.gateway.pki;

import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/** Health "certificates": EXPIRING (still serving) while any certificate expires within the warning period. */
@Component("certificates")
public class CertificateExpiryHealth implements HealthIndicator {

    /** Not DOWN: the gateway still works, but an operator must act soon. */
    public static final Status EXPIRING = new Status("EXPIRING", "certificates expire within the warning period");

    private final CertificateInventory inventory;

    public CertificateExpiryHealth(CertificateInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public Health health() {
        List<CertificateInventory.Entry> expiring = inventory.expiringWithin(inventory.warningDays());
        Health.Builder health = expiring.isEmpty() ? Health.up() : Health.status(EXPIRING);
        return health.withDetail("warningDays", inventory.warningDays())
                .withDetail("certificates", inventory.all().size())
                .withDetail("expiring", expiring.stream().map(e -> e.owner() + " " + e.use() + " in " + e.daysLeft() + " days").toList())
                .build();
    }
}
