package org.casw.routes.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.Violation;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A certificate number is registered once, by whoever sent it; back-to-back certificates draw on their original. */
class CertificateRegistrationTest {

    private static final Path CERTIFICATES = Samples.path("certificate-of-origin", "valid");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final CertificateRegistration registration = new CertificateRegistration(registry);

    @Test
    void theRegistryRecordsWhoRegisteredEachNumber() {
        CertificateRegistration.Outcome outcome = registration.register("SW-1", "MY-NSW", formD());

        assertThat(outcome.refused()).isFalse();
        assertThat(registry.registrantOf("KL-D26-0038861")).contains(new CertificateRegistry.Registrant("MY-NSW", "SW-1"));
    }

    @Test
    void aNumberAnotherPartyRegisteredIsRefusedNamingTheFirstRegistration() {
        registration.register("SW-1", "MY-NSW", formD());

        CertificateRegistration.Outcome outcome = registration.register("SW-2", "SG-NSW", formD());

        assertThat(outcome.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("CERTIFICATE_ALREADY_REGISTERED", "/CertificateOfOrigin/CertificateNo"));
        assertThat(outcome.violations().get(0).message()).contains("KL-D26-0038861", "SW-1", "another party");
        assertThat(registry.registrantOf("KL-D26-0038861")).contains(new CertificateRegistry.Registrant("MY-NSW", "SW-1"));
    }

    @Test
    void theSamePartysNumberWithOtherContentIsRefused() {
        registration.register("SW-1", "MY-NSW", formD());

        CertificateRegistration.Outcome outcome = registration.register("SW-2", "MY-NSW",
                read(text("form-d-palm-oil-my-sg.xml").replace("<Quantity>", "<Quantity>1")));

        assertThat(outcome.violations()).extracting(Violation::code).containsExactly("CERTIFICATE_ALREADY_REGISTERED");
        assertThat(outcome.violations().get(0).message()).contains("different content", "SW-1");
    }

    @Test
    void theSamePartysIdenticalCertificateChangesNothing() {
        registration.register("SW-1", "MY-NSW", formD());

        CertificateRegistration.Outcome again = registration.register("SW-2", "MY-NSW", formD());
        CertificateRegistration.Outcome resumed = registration.register("SW-1", "MY-NSW", formD());

        assertThat(again.refused()).isFalse();
        assertThat(again.note()).contains("already registered", "SW-1");
        assertThat(resumed.refused()).isFalse();
        assertThat(registry.registrantOf("KL-D26-0038861")).contains(new CertificateRegistry.Registrant("MY-NSW", "SW-1"));
    }

    @Test
    void aBackToBackCertificateDrawsItsQuantityFromItsOriginal() {
        registration.register("SW-1", "TH-NSW", original("200"));

        CertificateRegistration.Outcome outcome = registration.register("SW-2", "SG-NSW", backToBack());

        assertThat(outcome.refused()).as(outcome.violations().toString()).isFalse();
        assertThat(outcome.note()).contains("drew 151.2 of item 1 from original E26-TH-0000934");
        assertThat(registry.find("E26-TH-0000934").orElseThrow().item(1).orElseThrow().claimed()).isEqualByComparingTo("151.2");
        assertThat(registry.find("E26-SG-B2B-000418")).isPresent();
    }

    @Test
    void aBackToBackCertificateBeyondItsOriginalsBalanceIsRefused() {
        registration.register("SW-1", "TH-NSW", original("200"));
        registration.register("SW-2", "SG-NSW", backToBack());

        CertificateRegistration.Outcome second = registration.register("SW-3", "SG-NSW",
                read(text("back-to-back-rubber-sg-cn.xml").replace("E26-SG-B2B-000418", "E26-SG-B2B-000419")));

        assertThat(second.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("ORIGINAL_QUANTITY_EXCEEDED", "/CertificateOfOrigin/Item/Quantity"));
        assertThat(second.violations().get(0).message()).contains("151.2", "only 48.8", "E26-TH-0000934");
        assertThat(registry.find("E26-SG-B2B-000419")).isEmpty();
        assertThat(registry.find("E26-TH-0000934").orElseThrow().item(1).orElseThrow().claimed()).isEqualByComparingTo("151.2");
    }

    @Test
    void aBackToBackCertificateWhoseOriginalIsNotRegisteredIsRefused() {
        CertificateRegistration.Outcome outcome = registration.register("SW-2", "SG-NSW", backToBack());

        assertThat(outcome.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("ORIGINAL_CERTIFICATE_UNKNOWN", "/CertificateOfOrigin/OriginalCertificate/CertificateNo"));
        assertThat(outcome.violations().get(0).message()).contains("E26-TH-0000934");
        assertThat(registry.find("E26-SG-B2B-000418")).isEmpty();
    }

    @Test
    void aBackToBackCertificateNamingItsOriginalWronglyIsRefused() {
        registration.register("SW-1", "TH-NSW", original("200"));

        CertificateRegistration.Outcome outcome = registration.register("SW-2", "SG-NSW", read(text("back-to-back-rubber-sg-cn.xml")
                .replace("<IssueDate>2026-10-02</IssueDate>", "<IssueDate>2026-10-03</IssueDate>")));

        assertThat(outcome.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("ORIGINAL_CERTIFICATE_MISMATCH", "/CertificateOfOrigin/OriginalCertificate/IssueDate"));
    }

    @Test
    void aBackToBackItemTheOriginalDoesNotCertifyIsRefused() {
        registration.register("SW-1", "TH-NSW", original("200"));

        CertificateRegistration.Outcome outcome = registration.register("SW-2", "SG-NSW", read(text("back-to-back-rubber-sg-cn.xml")
                .replace("<HsCode>400122</HsCode>", "<HsCode>400121</HsCode>")));

        assertThat(outcome.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("ORIGINAL_ITEM_NOT_FOUND", "/CertificateOfOrigin/Item/HsCode"));
    }

    /** Form D MY to SG, as published. */
    private static CertificateOfOrigin formD() {
        return read(text("form-d-palm-oil-my-sg.xml"));
    }

    private static CertificateOfOrigin backToBack() {
        return read(text("back-to-back-rubber-sg-cn.xml"));
    }

    /** The Thai original (TH to SG, issued 2026-10-02) the back-to-back sample names, certifying {@code tonnes} of rubber. */
    private static CertificateOfOrigin original(String tonnes) {
        return read(text("back-to-back-rubber-sg-cn.xml")
                .replace("<CertificateNo>E26-SG-B2B-000418</CertificateNo>", "<CertificateNo>E26-TH-0000934</CertificateNo>")
                .replace("<ExportingCountry>SG</ExportingCountry>", "<ExportingCountry>TH</ExportingCountry>")
                .replace("<ImportingCountry>CN</ImportingCountry>", "<ImportingCountry>SG</ImportingCountry>")
                .replace("<IssueDate>2026-11-05</IssueDate>", "<IssueDate>2026-10-02</IssueDate>")
                .replace("<Quantity>151.2</Quantity>", "<Quantity>" + tonnes + "</Quantity>")
                .replaceAll("(?s)<OriginalCertificate>.*</OriginalCertificate>", "")
                .replace("<BackToBack>true</BackToBack>", ""));
    }

    private static String text(String sample) {
        try {
            return Files.readString(CERTIFICATES.resolve(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateOfOrigin read(String xml) {
        return (CertificateOfOrigin) new DocumentReader().read(DocumentType.CERTIFICATE_OF_ORIGIN, xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The registry's contract without a database. */
    private static final class InMemoryRegistry implements CertificateRegistry {

        private final Map<String, KnownCertificate> certificates = new HashMap<>();
        private final Map<String, Registrant> registrants = new HashMap<>();

        @Override
        public Optional<KnownCertificate> find(String certificateNo) {
            return Optional.ofNullable(certificates.get(certificateNo));
        }

        @Override
        public Optional<Registrant> registrantOf(String certificateNo) {
            return Optional.ofNullable(registrants.get(certificateNo));
        }

        @Override
        public Registered register(String trackingId, String registrant, KnownCertificate certificate, List<Claim> drawdown) {
            if (certificates.containsKey(certificate.certificateNo())) {
                return Registered.NUMBER_TAKEN;
            }
            if (!claim(trackingId, drawdown)) {
                return Registered.BALANCE_EXCEEDED;
            }
            certificates.put(certificate.certificateNo(), certificate);
            registrants.put(certificate.certificateNo(), new Registrant(registrant, trackingId));
            return Registered.REGISTERED;
        }

        @Override
        public void withdraw(String trackingId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean claim(String trackingId, List<Claim> wanted) {
            for (Claim claim : wanted) {
                Item item = certificates.get(claim.certificateNo()).item(claim.itemNo()).orElseThrow();
                if (item.remaining().compareTo(claim.quantity()) < 0) {
                    return false;
                }
            }
            for (Claim claim : wanted) {
                KnownCertificate c = certificates.get(claim.certificateNo());
                List<Item> items = c.items().stream().map(i -> i.itemNo() == claim.itemNo()
                        ? new Item(i.itemNo(), i.hsCode(), i.quantity(), i.unit(), i.claimed().add(claim.quantity())) : i).toList();
                certificates.put(c.certificateNo(), new KnownCertificate(c.certificateNo(), c.agreement(), c.exportingCountry(),
                        c.importingCountry(), c.issueDate(), c.validUntil(), items, c.original()));
            }
            return true;
        }

        @Override
        public void release(String trackingId) {
            throw new UnsupportedOperationException();
        }
    }
}
