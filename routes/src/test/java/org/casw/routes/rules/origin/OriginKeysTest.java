package org.casw.routes.rules.origin;

import java.nio.file.Path;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.BusinessKeys.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates and utilization notices yield the keys a trade party searches by. */
class OriginKeysTest {

    private static final Path VALID = OriginSamples.CERTIFICATES.resolve("valid");

    @Test
    void certificateKeysAreItsNumberAndThePartiesIds() {
        BusinessKeys keys = OriginKeys.keysOf(OriginSamples.certificate(VALID.resolve("form-e-durian-th-cn.xml")));

        assertThat(keys.all()).containsExactly(
                new BusinessKeys.Key(Kind.CERTIFICATE_NO, "E26-TH-0001187"),
                new BusinessKeys.Key(Kind.EXPORTER, "0225561004321"),
                new BusinessKeys.Key(Kind.IMPORTER, "91450700MA5L3QR71R"));
        assertThat(keys.declaredSender()).isNull();
    }

    @Test
    void backToBackCertificateAlsoCarriesTheOriginalNumber() {
        BusinessKeys keys = OriginKeys.keysOf(OriginSamples.certificate(VALID.resolve("back-to-back-rubber-sg-cn.xml")));

        assertThat(keys.first(Kind.CERTIFICATE_NO)).isEqualTo("E26-SG-B2B-000418");
        assertThat(keys.first(Kind.ORIGINAL_CERTIFICATE_NO)).isEqualTo("E26-TH-0000934");
    }

    @Test
    void partyWithoutIdAddsNoKey() {
        var certificate = OriginSamples.certificate(VALID.resolve("form-e-durian-th-cn.xml"));
        certificate.getExporter().setID(null);

        assertThat(OriginKeys.keysOf(certificate).first(Kind.EXPORTER)).isNull();
    }

    @Test
    void utilizationKeysAreTheCertificateAndTheEntryId() {
        BusinessKeys keys = OriginKeys.keysOf(OriginSamples.utilization(
                OriginSamples.UTILIZATIONS.resolve("valid").resolve("durian-used-qinzhou.xml")));

        assertThat(keys.all()).containsExactly(
                new BusinessKeys.Key(Kind.CERTIFICATE_NO, "E26-TH-0001187"),
                new BusinessKeys.Key(Kind.ENTRY_ID, "720520260000123456"));
    }
}
