package org.casw.routes.signature;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * A signer a partner agreement pins: the certificate's subject, its subject key identifier, or both. A
 * signature from another certificate under the same trust anchor is then not the partner's.
 *
 * @param subject       the certificate subject (compared as a distinguished name, not as text), or null
 * @param keyIdentifier the subject key identifier in lower-case hex, or null
 */
public record SignerPin(X500Principal subject, String keyIdentifier) {

    public SignerPin {
        if (subject == null && (keyIdentifier == null || keyIdentifier.isBlank())) {
            throw new IllegalArgumentException("a pinned signer needs a subject, a key-identifier or both");
        }
        if (keyIdentifier != null) {
            keyIdentifier = keyIdentifier.replace(":", "").strip().toLowerCase(Locale.ROOT);
            if (!keyIdentifier.matches("([0-9a-f]{2})+")) {
                throw new IllegalArgumentException("key-identifier '" + keyIdentifier + "' is not hexadecimal");
            }
        }
    }

    /**
     * A pin from agreement text: {@code subject} as an RFC 2253 name such as
     * {@code CN=Singapore National Single Window,OU=SG-NSW,O=CASW Development PKI,C=SG}.
     */
    public static SignerPin of(String subject, String keyIdentifier) {
        X500Principal name;
        try {
            name = subject == null || subject.isBlank() ? null : new X500Principal(subject);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subject '" + subject + "' is not a distinguished name: " + e.getMessage());
        }
        return new SignerPin(name, keyIdentifier == null || keyIdentifier.isBlank() ? null : keyIdentifier);
    }

    /** Whether the certificate is this signer: every given field must match. */
    public boolean matches(X509Certificate certificate) {
        if (subject != null && !subject.equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        return keyIdentifier == null || keyIdentifier.equals(keyIdentifierOf(certificate));
    }

    /** The certificate's subject key identifier in lower-case hex, or null when it has none. */
    public static String keyIdentifierOf(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        byte[] inner = ASN1OctetString.getInstance(extension).getOctets();
        return HexFormat.of().formatHex(SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier());
    }

    @Override
    public String toString() {
        return (subject == null ? "" : "subject '" + subject.getName(X500Principal.RFC2253) + "'")
                + (subject != null && keyIdentifier != null ? " with " : "")
                + (keyIdentifier == null ? "" : "key identifier " + keyIdentifier);
    }
}
