package org.casw.gateway.pki;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.casw.certs.DemoParty;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.gateway.signature.PartnerSignatures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every certificate the gateway signs with or trusts, with how long each has left. Operators suffer
 * most from certificates that quietly expire, so the inventory feeds the API, a health indicator and
 * a metric.
 */
@Component
public class CertificateInventory {

    /** One certificate and its place in the gateway. */
    public record Entry(String owner, String use, String subject, String serialHex, Instant notAfter, long daysLeft) {

        public boolean expiresWithin(int days) {
            return daysLeft <= days;
        }
    }

    private final ObjectProvider<DevPki> devPki;
    private final PartnerSignatures signatures;
    private final Clock clock;
    private final int warningDays;

    public CertificateInventory(ObjectProvider<DevPki> devPki, PartnerSignatures signatures, MeterRegistry meters,
            @Value("${gateway.certificates.expiry-warning-days:30}") int warningDays) {
        this.devPki = devPki;
        this.signatures = signatures;
        this.clock = Clock.systemUTC();
        this.warningDays = warningDays;
        Gauge.builder("gateway.certificates.expiring", this, inventory -> inventory.expiringWithin(inventory.warningDays).size())
                .description("Certificates expiring within the warning period (gateway.certificates.expiry-warning-days)")
                .register(meters);
        Gauge.builder("gateway.certificates.days.left.min", this, CertificateInventory::fewestDaysLeft)
                .description("Days until the first certificate expires").register(meters);
    }

    public int warningDays() {
        return warningDays;
    }

    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        // what is configured: the gateway's signing keys and every partner's trust anchors
        signatures.identities().forEach((profile, identity) ->
                entries.add(entry("gateway", "signing key in use (" + profile.id() + ")", identity.certificate())));
        signatures.nextIdentities().forEach((profile, identity) ->
                entries.add(entry("gateway", "next signing key (" + profile.id() + ")", identity.certificate())));
        signatures.trustAnchors().forEach((party, roots) ->
                roots.forEach(root -> entries.add(entry(party, "trust anchor for its signatures", root))));
        DevPki pki = devPki.getIfAvailable();
        if (pki != null) { // the whole development PKI, used or not
            for (KeyFamily family : KeyFamily.values()) {
                entries.add(entry("development root CA", "trust anchor (" + family.suffix() + ")", pki.rootCertificate(family)));
                for (DemoParty party : DemoParty.values()) {
                    entries.add(entry(party.partyId(), "signing key (" + family.suffix() + ")", pki.certificate(party.partyId(), family)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::notAfter));
        return entries;
    }

    public List<Entry> expiringWithin(int days) {
        return all().stream().filter(e -> e.expiresWithin(days)).toList();
    }

    private double fewestDaysLeft() {
        return all().stream().mapToLong(Entry::daysLeft).min().orElse(Long.MAX_VALUE);
    }

    private Entry entry(String owner, String use, X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        return new Entry(owner, use, certificate.getSubjectX500Principal().getName(),
                HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray()), notAfter,
                Duration.between(clock.instant(), notAfter).toDays());
    }
}
