package org.casw.gateway.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.document.SecureXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The W3C XML signatures a stored payload carries, read for people: who signed (the certificates in its KeyInfo, the
 * signer first), with which algorithm and digest. Read from the payload as stored, with the same hardened parser as
 * the intake; it says what the document claims, the history says whether the gateway verified it.
 */
final class SignatureDetails {

    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    /** Bouncy Castle reads SM2 certificates as well as RSA and EC ones; not installed globally (docs/stack.md). */
    private static final Provider BC = new BouncyCastleProvider();

    /** One certificate of a signature's chain. */
    public record Certificate(String subject, String issuer, String serial, Instant notBefore, Instant notAfter) {
    }

    /** One signature: its algorithms and its chain, signer first. */
    public record Signature(String algorithm, String digest, List<Certificate> chain) {
    }

    private SignatureDetails() {
    }

    static List<Signature> of(byte[] payload) {
        Reader reader = new Reader();
        try {
            XMLReader xml = SecureXml.newReader();
            xml.setContentHandler(reader);
            xml.parse(new InputSource(new ByteArrayInputStream(payload)));
        } catch (SAXException | IOException e) {
            // not XML (EDIFACT) or not well-formed: nothing to show; its history says why it was refused
            return reader.signatures;
        }
        return reader.signatures;
    }

    private static final class Reader extends DefaultHandler {
        final List<Signature> signatures = new ArrayList<>();
        private String algorithm;
        private String digest;
        private List<Certificate> chain;
        private StringBuilder text;

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            if (!DSIG.equals(uri)) {
                return;
            }
            switch (local) {
                case "Signature" -> {
                    algorithm = null;
                    digest = null;
                    chain = new ArrayList<>();
                }
                case "SignatureMethod" -> algorithm = attributes.getValue("Algorithm");
                case "DigestMethod" -> digest = digest == null ? attributes.getValue("Algorithm") : digest;
                case "X509Certificate" -> text = new StringBuilder();
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if (!DSIG.equals(uri)) {
                return;
            }
            if ("X509Certificate".equals(local) && text != null && chain != null) {
                certificate(text.toString()).ifPresent(chain::add);
                text = null;
            } else if ("Signature".equals(local) && chain != null) {
                signatures.add(new Signature(algorithm, digest, List.copyOf(chain)));
                chain = null;
            }
        }

        private static Optional<Certificate> certificate(String base64) {
            try {
                X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
                return Optional.of(new Certificate(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                        c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant()));
            } catch (CertificateException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
