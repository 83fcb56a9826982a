package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.casw.routes.document.SecureXml;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Verifies a document's enveloped XML signature against a partner's policy: shape, algorithms, crypto, trust. */
public final class XmlSignatureVerifier {

    private static final String DS = XmlSigner.DS;
    private static final String XADES = XmlSigner.XADES;
    private static final int MIN_RSA_BITS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(XmlSignatureVerifier.class);

    /** Every canonicalization URI; which one a profile admits is checked separately from the shape. */
    private static final Set<String> CANONICALIZATIONS = Set.of(
            Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N11_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS);

    /** CertDigest algorithms XAdES signers use; SHA-1 is left out as it is everywhere outside E-Port. */
    private static final Map<String, String> CERT_DIGESTS = Map.of(
            XmlSigner.SHA256, "SHA-256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384",
            "http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512");

    private final Provider bouncyCastle;

    public XmlSignatureVerifier() {
        this.bouncyCastle = EportAlgorithms.register();
    }

    /**
     * Checks {@code xml}; never throws for anything a sender can put into the document. A signature that is
     * present is always checked, whether or not the policy requires one. Thread-safe.
     */
    public VerificationResult verify(byte[] xml, VerificationPolicy policy) {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(policy, "policy");
        Rule rule = new Rule();
        try {
            return verify(xml, policy, rule);
        } catch (RuntimeException | StackOverflowError e) {
            // A refusal, never an exception: an exception would leave the message RECEIVED and its sender retrying
            // forever. Only the rule and the exception's type are logged; its message may quote the document.
            LOG.warn("signature verification failed unexpectedly at rule '{}': {} (refused as {})", rule.name,
                    e.getClass().getName(), SignatureCodes.SIGNATURE_INVALID);
            return new VerificationResult(true, List.of(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                    "the signature cannot be checked (rule '" + rule.name + "' failed on this input); refused")),
                    null, null, null, null, null);
        }
    }

    /** The check in progress, named for the log and the refusal when something unforeseen breaks. */
    private static final class Rule {
        private String name = "parse";
    }

    private VerificationResult verify(byte[] xml, VerificationPolicy policy, Rule rule) {
        Document document;
        try {
            document = XmlSigner.parse(xml);
        } catch (SAXException e) {
            String code = SecureXml.isDoctypeRefusal(e) ? ViolationCodes.XML_DOCTYPE_FORBIDDEN
                    : ViolationCodes.XML_MALFORMED;
            return VerificationResult.unsigned(List.of(Violation.of(code, null, e.getMessage())));
        }
        Element root = document.getDocumentElement();
        NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
        if (signatures.getLength() == 0) {
            return VerificationResult.unsigned(!policy.signatureRequired() ? List.of()
                    : List.of(Violation.of(SignatureCodes.SIGNATURE_REQUIRED, "/" + root.getLocalName() + "/Signature",
                            "the partner agreement requires a signed document; it carries no ds:Signature")));
        }
        if (signatures.getLength() > 1) {
            return refused(SignatureCodes.SIGNATURE_WRAPPING, path((Element) signatures.item(1)), "the document carries "
                    + signatures.getLength() + " ds:Signature elements; exactly one enveloped signature is accepted");
        }
        rule.name = "signature shape";
        return new Check((Element) signatures.item(0), policy, rule).run();
    }

    /** One verification: the signature element, what has been learned about it, and what is wrong. */
    private final class Check {
        private final Element signature;
        private final VerificationPolicy policy;
        private final String path;
        private final List<Violation> violations = new ArrayList<>();
        private SigningProfile profile;
        private String algorithm;
        private X509Certificate signer;
        /** The certificates of KeyInfo in document order, signer first: what the trust check is given. */
        private List<X509Certificate> sentChain = List.of();
        private Instant signingTime;
        private Element signedProperties;
        private boolean pinned;
        private final Rule rule;

        Check(Element signature, VerificationPolicy policy, Rule rule) {
            this.signature = signature;
            this.policy = policy;
            this.rule = rule;
            this.path = path(signature);
        }

        VerificationResult run() {
            if (signature.getParentNode() != signature.getOwnerDocument().getDocumentElement()) {
                violation(SignatureCodes.SIGNATURE_WRAPPING, "the signature is not a child of the document element, "
                        + "so it is not an enveloped signature of this document");
                return result();
            }
            Element signedInfo = firstChild(signature, DS, "SignedInfo");
            Element signatureMethod = signedInfo == null ? null : firstChild(signedInfo, DS, "SignatureMethod");
            Element c14nMethod = signedInfo == null ? null : firstChild(signedInfo, DS, "CanonicalizationMethod");
            if (signatureMethod == null || c14nMethod == null) {
                violation(SignatureCodes.SIGNATURE_INVALID, "the signature has no SignedInfo with "
                        + "CanonicalizationMethod and SignatureMethod");
                return result();
            }
            algorithm = signatureMethod.getAttributeNS(null, "Algorithm");
            profile = SigningProfile.bySignatureMethod(algorithm);
            List<Element> references = children(signedInfo, DS, "Reference");
            checkShape(references);
            rule.name = "allowed algorithms";
            checkAlgorithms(c14nMethod.getAttributeNS(null, "Algorithm"), references);
            rule.name = "signer certificate";
            readSigner();
            if (!violations.isEmpty() || signer == null) {
                // No cryptography on a signature of the wrong shape or algorithm: nothing it proves would count.
                return result();
            }
            rule.name = "signature value and digests";
            if (!checkCryptography()) {
                return result();
            }
            rule.name = "XAdES signed properties";
            if (signedProperties != null && !checkSignedProperties()) {
                return result();
            }
            rule.name = "certificate trust";
            Instant at = trustTime(signingTime, policy.clock().instant());
            violations.addAll(policy.trust().check(sentChain, at));
            rule.name = "pinned signer";
            Violation notPinned = policy.pinViolation(signer, path);
            if (notPinned != null) {
                violations.add(notPinned);
            }
            pinned = policy.pinsSigners() && notPinned == null;
            return result();
        }

        /** One Reference to the whole document, enveloped + C14N; for XAdES one more to its SignedProperties. */
        private void checkShape(List<Element> references) {
            int wholeDocument = 0;
            int properties = 0;
            for (Element reference : references) {
                String uri = reference.hasAttributeNS(null, "URI") ? reference.getAttributeNS(null, "URI") : null;
                List<String> transforms = transforms(reference);
                if ("".equals(uri)) {
                    wholeDocument++;
                    // Enveloped alone is accepted: E-Port samples carry only that, leaving the implicit C14N 1.0.
                    boolean shaped = !transforms.isEmpty() && transforms.get(0).equals(XmlSigner.ENVELOPED)
                            && transforms.size() <= 2
                            && (transforms.size() == 1 || CANONICALIZATIONS.contains(transforms.get(1)));
                    if (!shaped) {
                        violation(SignatureCodes.SIGNATURE_WRAPPING, "the document reference must have the "
                                + "enveloped-signature transform and at most one canonicalization, not " + transforms);
                    }
                } else if (XmlSigner.XADES_SIGNED_PROPERTIES_TYPE.equals(reference.getAttributeNS(null, "Type"))
                        && uri != null && uri.startsWith("#") && profile != SigningProfile.CN_EPORT_SM2) {
                    properties++;
                    checkPropertiesReference(uri.substring(1), transforms);
                } else {
                    violation(SignatureCodes.SIGNATURE_WRAPPING, "Reference URI=" + (uri == null ? "(none)" : "'" + uri
                            + "'") + " is not allowed: a signature must cover the whole document (URI=\"\")"
                            + (profile == SigningProfile.CN_EPORT_SM2 ? "" : " and at most its XAdES SignedProperties"));
                }
            }
            if (wholeDocument != 1) {
                violation(SignatureCodes.SIGNATURE_WRAPPING, "the signature has " + wholeDocument
                        + " references to the whole document (URI=\"\"); exactly one is required");
            }
            if (properties > 1) {
                violation(SignatureCodes.SIGNATURE_WRAPPING, "the signature references " + properties
                        + " SignedProperties; XAdES allows one");
            }
        }

        /** The Id must name exactly one element, and that must be this signature's own SignedProperties. */
        private void checkPropertiesReference(String id, List<String> transforms) {
            if (transforms.size() > 1 || (transforms.size() == 1 && !CANONICALIZATIONS.contains(transforms.get(0)))) {
                violation(SignatureCodes.SIGNATURE_WRAPPING,
                        "the SignedProperties reference may carry one canonicalization only, not " + transforms);
            }
            List<Element> named = new ArrayList<>();
            collectById(signature.getOwnerDocument().getDocumentElement(), id, named);
            Element target = named.size() == 1 ? named.get(0) : null;
            Node qualifying = target == null ? null : target.getParentNode();
            Node object = qualifying == null ? null : qualifying.getParentNode();
            boolean inThisSignature = target != null && is(target, XADES, "SignedProperties")
                    && is(qualifying, XADES, "QualifyingProperties") && is(object, DS, "Object")
                    && object.getParentNode() == signature
                    && ("#" + signature.getAttributeNS(null, "Id"))
                            .equals(((Element) qualifying).getAttributeNS(null, "Target"));
            if (!inThisSignature) {
                violation(SignatureCodes.SIGNATURE_WRAPPING, "Reference URI='#" + id + "' must name exactly one "
                        + "element, the xades:SignedProperties of this signature (found " + named.size() + ")");
                return;
            }
            if (!id.equals(target.getAttributeNS(null, "Id"))) {
                // XAdES names the attribute Id; an ID or id spelling is no identifier Santuario could resolve
                violation(SignatureCodes.SIGNATURE_INVALID, "the xades:SignedProperties named by Reference URI='#" + id
                        + "' must carry it in its 'Id' attribute (XAdES), not in another spelling");
                return;
            }
            // Santuario resolves same-document references through ID attributes; only this one is an ID.
            target.setIdAttributeNS(null, "Id", true);
            signedProperties = target;
        }

        /** The algorithms must be exactly those of one profile the partner allows. */
        private void checkAlgorithms(String c14n, List<Element> references) {
            if (profile == null) {
                violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "signature method '" + algorithm
                        + "' belongs to no signing profile");
                return;
            }
            if (!policy.allowedProfiles().contains(profile)) {
                violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "profile " + profile.id() + " (" + algorithm
                        + ") is not allowed for this partner; allowed: " + policy.allowedProfiles().stream()
                                .map(SigningProfile::id).collect(Collectors.joining(", ")));
                return;
            }
            if (!profile.canonicalization().equals(c14n)) {
                violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "canonicalization '" + c14n + "' is not that of "
                        + profile.id() + " (" + profile.canonicalization() + ")");
            }
            for (Element reference : references) {
                Element digestMethod = firstChild(reference, DS, "DigestMethod");
                String digest = digestMethod == null ? "" : digestMethod.getAttributeNS(null, "Algorithm");
                if (!profile.digestMethods().contains(digest)) {
                    violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "digest '" + digest + "' is not allowed in "
                            + profile.id() + (digest.equals(SigningProfile.Uris.DIGEST_SHA1)
                                    ? "; SHA-1 is accepted only in cn-eport-sm2" : ""));
                }
                for (String transform : transforms(reference)) {
                    if (CANONICALIZATIONS.contains(transform) && !transform.equals(profile.canonicalization())) {
                        violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "canonicalization transform '" + transform
                                + "' is not that of " + profile.id());
                    }
                }
            }
        }

        /** The first X509Certificate of KeyInfo is the signer; any others are its chain as sent. */
        private void readSigner() {
            Element keyInfo = firstChild(signature, DS, "KeyInfo");
            List<Element> encoded = new ArrayList<>();
            if (keyInfo != null) {
                for (Element data : children(keyInfo, DS, "X509Data")) {
                    encoded.addAll(children(data, DS, "X509Certificate"));
                }
            }
            if (encoded.isEmpty()) {
                violation(SignatureCodes.UNTRUSTED_SIGNER, "KeyInfo carries no X509Certificate, so the signer "
                        + "cannot be identified");
                return;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509", bouncyCastle);
                sentChain = new ArrayList<>(encoded.size());
                for (Element element : encoded) {
                    byte[] der = Base64.getMimeDecoder().decode(element.getTextContent());
                    sentChain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
                signer = sentChain.get(0);
                // Reading the key here surfaces a certificate whose key bytes were altered.
                PublicKey key = signer.getPublicKey();
                if (profile != null && !keyFits(key)) {
                    violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "a " + key.getAlgorithm()
                            + " key of this kind cannot sign in " + profile.id());
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // Bouncy Castle reports a malformed key (e.g. an altered RSA modulus) as IllegalStateException.
                signer = null;
                violation(SignatureCodes.SIGNATURE_INVALID, "the embedded signer certificate cannot be read "
                        + "(altered?): " + e.getMessage());
            }
        }

        private boolean keyFits(PublicKey key) {
            return switch (profile) {
                case CN_EPORT_SM2 -> EportAlgorithms.isSm2Key(key);
                case XMLDSIG_ECDSA_SHA256 -> EportAlgorithms.isP256Key(key);
                case XMLDSIG_RSA_SHA256 -> key instanceof RSAKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
                case CMS_DETACHED -> false;
            };
        }

        /** Santuario with secure validation; on failure, says whether content or the signature value broke. */
        private boolean checkCryptography() {
            try {
                Provider provider = profile == SigningProfile.XMLDSIG_RSA_SHA256 ? null : bouncyCastle;
                XMLSignature xmlSignature = new XMLSignature(signature, "", true, provider);
                if (xmlSignature.checkSignatureValue(signer.getPublicKey())) {
                    return true;
                }
                violation(SignatureCodes.SIGNATURE_INVALID, failedPart(xmlSignature.getSignedInfo()));
            } catch (XMLSecurityException | RuntimeException e) {
                violation(SignatureCodes.SIGNATURE_INVALID, "the signature cannot be verified: " + e.getMessage());
            }
            return false;
        }

        /** Santuario checks the SignatureValue first and stops there; the references are re-checked to tell. */
        private String failedPart(SignedInfo signedInfo) {
            try {
                List<String> broken = new ArrayList<>();
                for (int i = 0; i < signedInfo.getLength(); i++) {
                    if (!signedInfo.item(i).verify()) {
                        broken.add("'" + signedInfo.item(i).getURI() + "'");
                    }
                }
                if (!broken.isEmpty()) {
                    return "the digest of Reference URI=" + String.join(", ", broken)
                            + " does not match: the signed content was altered";
                }
            } catch (XMLSecurityException e) {
                return "a reference cannot be digested: " + e.getMessage();
            }
            return "the SignatureValue does not verify with the key of the embedded certificate";
        }

        /** XAdES: a readable SigningTime, and a SigningCertificate digest naming the KeyInfo certificate. */
        private boolean checkSignedProperties() {
            Element properties = firstChild(signedProperties, XADES, "SignedSignatureProperties");
            Element time = properties == null ? null : firstChild(properties, XADES, "SigningTime");
            if (time != null) {
                try {
                    signingTime = OffsetDateTime.parse(time.getTextContent().strip()).toInstant();
                } catch (DateTimeParseException e) {
                    violation(SignatureCodes.SIGNATURE_INVALID, "XAdES SigningTime '" + time.getTextContent()
                            + "' is not an xs:dateTime with offset");
                    return false;
                }
            }
            Element signingCertificate = properties == null ? null : firstChild(properties, XADES, "SigningCertificate");
            if (signingCertificate == null && properties != null) {
                signingCertificate = firstChild(properties, XADES, "SigningCertificateV2");
            }
            if (signingCertificate == null) {
                violation(SignatureCodes.SIGNATURE_INVALID, "XAdES SignedProperties lack the SigningCertificate");
                return false;
            }
            for (Element cert : children(signingCertificate, XADES, "Cert")) {
                Element certDigest = firstChild(cert, XADES, "CertDigest");
                Element method = certDigest == null ? null : firstChild(certDigest, DS, "DigestMethod");
                Element value = certDigest == null ? null : firstChild(certDigest, DS, "DigestValue");
                if (method == null || value == null) {
                    continue;
                }
                String jca = CERT_DIGESTS.get(method.getAttributeNS(null, "Algorithm"));
                if (jca == null) {
                    violation(SignatureCodes.ALGORITHM_NOT_ALLOWED, "XAdES CertDigest algorithm '"
                            + method.getAttributeNS(null, "Algorithm") + "' is not allowed");
                    return false;
                }
                if (XmlSigner.certificateDigest(signer, jca).equals(value.getTextContent().strip())) {
                    return true;
                }
            }
            violation(SignatureCodes.SIGNATURE_INVALID,
                    "XAdES SigningCertificate does not name the certificate in KeyInfo");
            return false;
        }

        private void violation(String code, String message) {
            violations.add(Violation.of(code, path, message));
        }

        private VerificationResult result() {
            return new VerificationResult(true, violations, profile, algorithm,
                    signer == null ? null : signer.getSubjectX500Principal().getName(),
                    signer == null ? null : signer.getSerialNumber().toString(16), signingTime,
                    pinned && violations.isEmpty());
        }
    }

    private static VerificationResult refused(String code, String path, String message) {
        return new VerificationResult(true, List.of(Violation.of(code, path, message)), null, null, null, null, null);
    }

    private static List<String> transforms(Element reference) {
        Element transforms = firstChild(reference, DS, "Transforms");
        if (transforms == null) {
            return List.of();
        }
        List<String> algorithms = new ArrayList<>();
        for (Element transform : children(transforms, DS, "Transform")) {
            algorithms.add(transform.getAttributeNS(null, "Algorithm"));
        }
        return algorithms;
    }

    /** Every element carrying an Id, ID or id attribute equal to {@code id}: an Id must be unique to be trusted. */
    private static void collectById(Element element, String id, List<Element> found) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
            if (name.equalsIgnoreCase("id") && id.equals(attribute.getValue())) {
                found.add(element);
                break;
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectById(e, id, found);
            }
        }
    }

    private static boolean is(Node node, String namespace, String localName) {
        return node instanceof Element e && namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    private static Element firstChild(Element parent, String namespace, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, localName)) {
                return (Element) child;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, localName)) {
                found.add((Element) child);
            }
        }
        return found;
    }

    /** Local names from the root down, e.g. {@code /DecMessage/Signature}. */
    private static String path(Element element) {
        StringBuilder path = new StringBuilder();
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            path.insert(0, "/" + e.getLocalName());
        }
        return path.toString();
    }

    /** How far before receipt a claimed XAdES signing time is believed (documents in transit, retries). */
    static final Duration SIGNING_TIME_TRUSTED_WINDOW = Duration.ofHours(24);

    /**
     * The moment certificates are judged at. The signing time is chosen by the signer, so it counts only
     * within a day before receipt; otherwise an expired certificate could pass by backdating it.
     */
    static Instant trustTime(Instant claimedSigningTime, Instant receivedAt) {
        if (claimedSigningTime == null || claimedSigningTime.isAfter(receivedAt)
                || claimedSigningTime.isBefore(receivedAt.minus(SIGNING_TIME_TRUSTED_WINDOW))) {
            return receivedAt;
        }
        return claimedSigningTime;
    }
}
