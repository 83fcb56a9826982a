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
import org.casw.gateway.as4.As4Agreement;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
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

    /** What the gateway's AS4 certificate is used for: it signs messages and receipts, and partners encrypt for it. */
    public static final String AS4_IDENTITY_USE = "as4-signing/encryption";
    /** What a partner's AS4 certificate is used for: its signatures are checked, and what the gateway sends it is encrypted for it. */
    public static final String PARTNER_AS4_USE = "partner as4";

    /**
     * One certificate and its place in the gateway.
     *
     * @param owner        "gateway", or the party whose certificate it is
     * @param keyAlgorithm the public key's algorithm, e.g. RSA, EC, Ed25519
     */
    public record Entry(String owner, String use, String subject, String issuer, String serialHex, Instant notAfter, long daysLeft,
            String keyAlgorithm) {

        public boolean expiresWithin(int days) {
            return daysLeft <= days;
        }
    }

    private final ObjectProvider<DevPki> devPki;
    private final PartnerSignatures signatures;
    /** The AS4 identity and the partners' AS4 certificates (owner, use, certificate): fixed once the agreements are read. */
    private final List<Configured> as4;
    private final Clock clock;
    private final int warningDays;

    public CertificateInventory(ObjectProvider<DevPki> devPki, PartnerSignatures signatures, ConfiguredPartners partners,
            GatewayProperties properties, MeterRegistry meters, @Value("${gateway.certificates.expiry-warning-days:30}") int warningDays) {
        this.devPki = devPki;
        this.signatures = signatures;
        this.as4 = as4Certificates(partners, properties, devPki);
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
        as4.forEach(configured -> entries.add(entry(configured.owner(), configured.use(), configured.certificate())));
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
        return new Entry(owner, use, certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray()), notAfter,
                Duration.between(clock.instant(), notAfter).toDays(), certificate.getPublicKey().getAlgorithm());
    }

    /** A configured certificate before its days are counted. */
    private record Configured(String owner, String use, X509Certificate certificate) {
    }

    /**
     * While some agreement uses AS4: the gateway's AS4 certificate (read from {@code gateway.as4.identity}, the key store
     * the AS4 channel loads) and each partner's {@code as4.certificate}. Without AS4 agreements the AS4 key is not used.
     */
    private static List<Configured> as4Certificates(ConfiguredPartners partners, GatewayProperties properties,
            ObjectProvider<DevPki> devPki) {
        if (partners.as4Agreements().isEmpty()) {
            return List.of();
        }
        devPki.getIfAvailable(); // on the default run the AS4 key store is generated with the development PKI
        List<Configured> configured = new ArrayList<>();
        configured.add(new Configured("gateway", AS4_IDENTITY_USE, As4Identity.read(properties.as4().identity()).certificate()));
        for (As4Agreement agreement : partners.as4Agreements()) {
            configured.add(new Configured(agreement.partner(), PARTNER_AS4_USE, agreement.certificate()));
        }
        return List.copyOf(configured);
    }
}
