package org.casw.routes.transform.asean.eco;

import java.util.Optional;
import org.casw.routes.registry.CertificateRegistry;

/** Where a certificate of origin was issued: the single window a utilization notice goes back to. */
@FunctionalInterface
public interface IssuingCountries {

    /** The exporting (issuing) country of a certificate, ISO 3166 alpha-2, if the gateway knows the certificate. */
    Optional<String> of(String certificateNo);

    /** Asks the gateway's certificate registry. */
    static IssuingCountries from(CertificateRegistry registry) {
        return certificateNo -> registry.find(certificateNo).map(CertificateRegistry.KnownCertificate::exportingCountry);
    }
}
