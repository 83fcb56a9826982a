package org.casw.gateway;

import java.nio.charset.StandardCharsets;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;

/**
 * Certificates of origin as their issuers send them: from the customs or single window of the exporting country,
 * signed with that party's development key (SM2 E-Port style for China customs, ECDSA for the partner windows).
 */
public final class IssuingAuthorities {

    /** What to send and with which API key. */
    public record Issued(String party, String apiKey, String xml) {
    }

    private IssuingAuthorities() {
    }

    /** The certificate signed by the demo authority of its ExportingCountry. */
    public static Issued issue(DevPki pki, String certificateXml) {
        String country = certificateXml.replaceAll("(?s).*<ExportingCountry>([A-Z]{2})</ExportingCountry>.*", "$1");
        return switch (country) {
            case "CN" -> signed(pki, certificateXml, "CN-CUSTOMS", "sandbox-customs-key", KeyFamily.SM2, SigningProfile.CN_EPORT_SM2);
            case "SG" -> signed(pki, certificateXml, "SG-NSW", "demo-sg-nsw-key", KeyFamily.EC_P256, SigningProfile.XMLDSIG_ECDSA_SHA256);
            case "MY" -> signed(pki, certificateXml, "MY-NSW", "demo-my-nsw-key", KeyFamily.EC_P256, SigningProfile.XMLDSIG_ECDSA_SHA256);
            case "TH" -> signed(pki, certificateXml, "TH-NSW", "demo-th-nsw-key", KeyFamily.EC_P256, SigningProfile.XMLDSIG_ECDSA_SHA256);
            default -> throw new IllegalArgumentException("no demo issuing authority for " + country);
        };
    }

    private static Issued signed(DevPki pki, String xml, String party, String apiKey, KeyFamily family, SigningProfile profile) {
        IssuedIdentity identity = pki.identity(party, family);
        byte[] signed = new XmlSigner().sign(xml.getBytes(StandardCharsets.UTF_8), profile,
                new SigningIdentity(identity.privateKey(), identity.chain()), SigningOptions.defaults());
        return new Issued(party, apiKey, new String(signed, StandardCharsets.UTF_8));
    }
}
