package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.x500.X500Principal;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.XMLUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Signs XML documents with an enveloped signature of a {@link SigningProfile}; one instance serves all threads. */
public final class XmlSigner {

    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    static final String XADES_SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";
    static final String ENVELOPED = Transforms.TRANSFORM_ENVELOPED_SIGNATURE;
    static final String SHA256 = SigningProfile.Uris.DIGEST_SHA256;

    private static final int MIN_RSA_BITS = 2048;
    /** ASCII-compatible encodings whose multi-byte characters never contain the bytes of '<' or '/'. */
    private static final Set<String> SPLICE_SAFE = Set.of("UTF-8", "US-ASCII", "ISO-8859-1", "GBK", "GB18030",
            "GB2312", "windows-1252");

    /** The JDK's own parser, by name-free factory method, so the security features below are known to exist. */
    private static final DocumentBuilderFactory PARSERS = newParserFactory();
    private static final TransformerFactory SERIALIZERS = TransformerFactory.newDefaultInstance();
    /** Builders and transformers are not thread-safe but are costly to make; one per thread is reused. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(XmlSigner::newBuilder);
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(XmlSigner::newSerializer);

    /**
     * Above this size the whole-document digest is computed streaming and the signature is built on a stub
     * document (see {@link #signStreaming}): a DOM costs about ten times the document, so a 20 MB manifest would
     * need ~200 MB of heap. Below it the DOM path stays, as it always was.
     */
    static final int STREAMING_THRESHOLD = 1 << 20;

    private final Clock clock;
    private final Provider bouncyCastle;
    private final int streamingThreshold;

    /** Signs with the system clock for XAdES signing times. */
    public XmlSigner() {
        this(Clock.systemUTC());
    }

    /** The clock supplies the XAdES SigningTime when the options leave it open. */
    public XmlSigner(Clock clock) {
        this(clock, STREAMING_THRESHOLD);
    }

    /** Tests force either path: {@code streamingThreshold} 0 streams every document. */
    XmlSigner(Clock clock, int streamingThreshold) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bouncyCastle = EportAlgorithms.register();
        this.streamingThreshold = streamingThreshold;
    }

    /**
     * Returns {@code xml} with a ds:Signature appended as the last child of its root element. The input
     * bytes are kept as they are and the signature is inserted before the root's end tag, in the
     * document's encoding.
     *
     * @throws IllegalArgumentException if the document is not well-formed, has a DOCTYPE, is already signed,
     *                                  or the profile, key and options do not fit together
     */
    public byte[] sign(byte[] xml, SigningProfile profile, SigningIdentity identity, SigningOptions options) {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(options, "options");
        if (!profile.xmlSignature()) {
            throw new IllegalArgumentException(profile.id() + " is not an XML signature profile; it is signed as CMS");
        }
        if (options.xadesBes() && profile == SigningProfile.CN_EPORT_SM2) {
            throw new IllegalArgumentException("XAdES-BES is offered for the W3C profiles only, not " + profile.id());
        }
        requireKeyFits(profile, identity.key());
        if (xml.length > streamingThreshold) {
            byte[] signed = signStreaming(xml, profile, identity, options);
            if (signed != null) {
                return signed;
            }
            // the end tag cannot be spliced safely: the DOM path below writes the whole document
        }

        Document document;
        try {
            document = parse(xml);
        } catch (SAXException e) {
            throw new IllegalArgumentException("cannot sign a document that is not well-formed XML without DOCTYPE: "
                    + e.getMessage(), e);
        }
        if (document.getElementsByTagNameNS(DS, "Signature").getLength() > 0) {
            // A second signature would be refused as wrapping by every verifier of this gateway.
            throw new IllegalArgumentException("document already carries a ds:Signature");
        }
        String digest = digestUri(profile, options);
        Element signatureElement;
        try {
            signatureElement = signWholeDocument(document, document.getDocumentElement(), profile, identity, options, digest, true)
                    .getElement();
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign with " + profile.id() + ": " + e.getMessage(), e);
        }
        dropCarriageReturns(signatureElement, "SignatureValue");
        dropCarriageReturns(signatureElement, "X509Certificate");
        return splice(xml, document, signatureElement);
    }

    /**
     * The enveloped whole-document signature as the last child of {@code root}: reference {@code URI=""} with the
     * enveloped-signature and C14N transforms, XAdES-BES when asked, the certificate as KeyInfo; signed, or with
     * {@code sign} false only its references digested (the caller signs SignedInfo once it has set a digest itself).
     */
    private XMLSignature signWholeDocument(Document document, Element root, SigningProfile profile, SigningIdentity identity,
            SigningOptions options, String digest, boolean sign) throws XMLSecurityException {
        // RSA stays with the JDK (as fast as BC); EC math goes to Bouncy Castle per call, see docs/stack.md.
        Provider provider = profile == SigningProfile.XMLDSIG_RSA_SHA256 ? null : bouncyCastle;
        XMLSignature signature = new XMLSignature(document, "", profile.signatureMethod(), profile.canonicalization(), provider);
        root.appendChild(signature.getElement());
        Transforms transforms = new Transforms(document);
        transforms.addTransform(ENVELOPED);
        transforms.addTransform(profile.canonicalization());
        signature.addDocument("", transforms, digest);
        if (options.xadesBes()) {
            Instant signingTime = options.signingTime() != null ? options.signingTime()
                    : clock.instant().truncatedTo(ChronoUnit.MILLIS);
            addSignedProperties(document, signature, profile, identity.certificate(), signingTime);
        }
        signature.addKeyInfo(identity.certificate());
        if (sign) {
            signature.sign(identity.key());
        } else {
            signature.getSignedInfo().generateDigestValues(); // what sign() does before it signs
        }
        return signature;
    }

    private static String digestUri(SigningProfile profile, SigningOptions options) {
        return profile == SigningProfile.CN_EPORT_SM2 ? options.eportDigest().uri() : SHA256;
    }

    /**
     * The same signature as the DOM path, without a DOM of the document: the whole-document reference's digest
     * is computed in one streaming pass ({@link StreamedDocumentDigest}); the signature is built by Santuario as
     * usual on a stub document holding only an empty copy of the root element (its namespace declarations and
     * attributes are all the signature's canonical SignedInfo and SignedProperties inherit), then that reference's
     * DigestValue is set to the streamed one and SignedInfo is signed again. Returns null when the signature
     * cannot be spliced into the input bytes, for the DOM path to write the whole document.
     */
    private byte[] signStreaming(byte[] xml, SigningProfile profile, SigningIdentity identity, SigningOptions options) {
        Document stub = BUILDER.get().newDocument();
        String digest = digestUri(profile, options);
        StreamedDocumentDigest.Result read;
        try {
            read = StreamedDocumentDigest.of(xml, profile.canonicalization(), digest, stub);
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot digest with " + digest + ": " + e.getMessage(), e);
        }
        if (read.signed()) {
            throw new IllegalArgumentException("document already carries a ds:Signature");
        }
        int insertAt = SPLICE_SAFE.contains(read.charset().name())
                ? rootEndTag(xml, read.root().qualifiedName().getBytes(read.charset())) : -1;
        if (insertAt < 0) {
            return null;
        }
        Element root = stub.createElementNS(read.root().namespaceUri(), read.root().qualifiedName());
        for (String[] ns : read.root().namespaces()) {
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, ns[0].isEmpty() ? "xmlns" : "xmlns:" + ns[0], ns[1]);
        }
        for (String[] attribute : read.root().attributes()) {
            root.setAttributeNS(attribute[0], attribute[1], attribute[2]);
        }
        stub.appendChild(root);
        Element signatureElement;
        try {
            // computes every reference's digest (the whole-document one over the stub, replaced next), unsigned
            XMLSignature signature = signWholeDocument(stub, root, profile, identity, options, digest, false);
            SignedInfo signedInfo = signature.getSignedInfo();
            Element digestValue = (Element) signedInfo.item(0).getElement().getElementsByTagNameNS(DS, "DigestValue").item(0);
            digestValue.setTextContent(XMLUtils.encodeToString(read.digest()));
            // sign SignedInfo, now with the document's digest, exactly as XMLSignature.sign does
            SignatureAlgorithm algorithm = signedInfo.getSignatureAlgorithm();
            algorithm.initSign(identity.key());
            ByteArrayOutputStream canonical = new ByteArrayOutputStream(1024);
            Canonicalizer canonicalizer = Canonicalizer.getInstance(signedInfo.getCanonicalizationMethodURI());
            if (signedInfo.getInclusiveNamespaces() == null) {
                canonicalizer.canonicalizeSubtree(signedInfo.getElement(), canonical); // inclusive C14N takes no prefix list
            } else {
                canonicalizer.canonicalizeSubtree(signedInfo.getElement(), signedInfo.getInclusiveNamespaces(), canonical);
            }
            algorithm.update(canonical.toByteArray());
            Element signatureValue = (Element) signature.getElement().getElementsByTagNameNS(DS, "SignatureValue").item(0);
            String base64 = XMLUtils.encodeToString(algorithm.sign());
            // as XMLSignature.setSignatureValueElement writes it
            signatureValue.setTextContent(base64.length() > 76 && !XMLUtils.ignoreLineBreaks() ? "\n" + base64 + "\n" : base64);
            signatureElement = signature.getElement();
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign with " + profile.id() + ": " + e.getMessage(), e);
        }
        dropCarriageReturns(signatureElement, "SignatureValue");
        dropCarriageReturns(signatureElement, "X509Certificate");
        byte[] signatureBytes = serialize(signatureElement, read.charset());
        byte[] signed = new byte[xml.length + signatureBytes.length];
        System.arraycopy(xml, 0, signed, 0, insertAt);
        System.arraycopy(signatureBytes, 0, signed, insertAt, signatureBytes.length);
        System.arraycopy(xml, insertAt, signed, insertAt + signatureBytes.length, xml.length - insertAt);
        return signed;
    }

    /**
     * Santuario wraps base64 with CRLF, which serializes as "&#13;" and trips some peers. Only unsigned
     * values are touched (SignatureValue, KeyInfo); base64 decoders ignore the line breaks either way.
     */
    private static void dropCarriageReturns(Element signature, String localName) {
        NodeList elements = signature.getElementsByTagNameNS(DS, localName);
        for (int i = 0; i < elements.getLength(); i++) {
            Node element = elements.item(i);
            element.setTextContent(element.getTextContent().replace("\r", ""));
        }
    }

    /**
     * The input bytes with the serialized signature inserted before the root's end tag: prolog, comments,
     * character references and quoting stay byte for byte as the sender wrote them. Falls back to writing
     * the whole DOM when the end tag cannot be located safely (encodings that are not ASCII-compatible,
     * an empty root element, unusual trailing content).
     */
    private static byte[] splice(byte[] original, Document document, Element signature) {
        Charset charset = charsetOf(document);
        int insertAt = SPLICE_SAFE.contains(charset.name())
                ? rootEndTag(original, document.getDocumentElement().getTagName().getBytes(charset)) : -1;
        if (insertAt < 0) {
            return serialize(document);
        }
        byte[] signatureBytes = serialize(signature, charset);
        byte[] signed = new byte[original.length + signatureBytes.length];
        System.arraycopy(original, 0, signed, 0, insertAt);
        System.arraycopy(signatureBytes, 0, signed, insertAt, signatureBytes.length);
        System.arraycopy(original, insertAt, signed, insertAt + signatureBytes.length, original.length - insertAt);
        return signed;
    }

    /**
     * Offset of {@code </rootName>} in the input, found from the end past whitespace, comments and PIs;
     * -1 if the bytes there are anything else. In these encodings '<' and '/' never occur inside a
     * multi-byte character, so a match is a real tag.
     */
    static int rootEndTag(byte[] xml, byte[] rootName) {
        int end = xml.length;
        while (true) {
            while (end > 0 && isXmlSpace(xml[end - 1])) {
                end--;
            }
            if (endsWith(xml, end, "-->")) {
                // "--" cannot occur inside a comment, so the last "<!--" opens this one.
                end = lastIndexOf(xml, "<!--", end - 3);
            } else if (endsWith(xml, end, "?>")) {
                end = lastIndexOf(xml, "<?", end - 2);
            } else {
                break;
            }
            if (end < 0) {
                return -1;
            }
        }
        if (end == 0 || xml[end - 1] != '>') {
            return -1;
        }
        int tag = lastIndexOf(xml, "</", end - 1);
        if (tag < 0 || tag + 2 + rootName.length > end - 1) {
            return -1;
        }
        for (int i = 0; i < rootName.length; i++) {
            if (xml[tag + 2 + i] != rootName[i]) {
                return -1;
            }
        }
        for (int i = tag + 2 + rootName.length; i < end - 1; i++) {
            if (!isXmlSpace(xml[i])) {
                return -1;
            }
        }
        return tag;
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean endsWith(byte[] xml, int end, String ascii) {
        if (end < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (xml[end - ascii.length() + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int lastIndexOf(byte[] xml, String ascii, int before) {
        for (int start = before - ascii.length(); start >= 0; start--) {
            if (endsWith(xml, start + ascii.length(), ascii)) {
                return start;
            }
        }
        return -1;
    }

    /**
     * XAdES-BES: QualifyingProperties in a ds:Object, its SignedProperties (signing time, signer certificate
     * digest and issuer/serial) covered by a second Reference, so a verifier can tell which certificate the
     * signer meant even if KeyInfo is swapped.
     */
    private static void addSignedProperties(Document document, XMLSignature signature, SigningProfile profile,
            X509Certificate certificate, Instant signingTime) throws XMLSecurityException {
        String signatureId = "Signature-" + UUID.randomUUID();
        String propertiesId = signatureId + "-SignedProperties";
        signature.setId(signatureId);

        Element qualifying = document.createElementNS(XADES, "xades:QualifyingProperties");
        qualifying.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xades", XADES);
        qualifying.setAttributeNS(null, "Target", "#" + signatureId);
        Element signed = append(qualifying, XADES, "xades:SignedProperties");
        signed.setAttributeNS(null, "Id", propertiesId);
        signed.setIdAttributeNS(null, "Id", true);
        Element signatureProperties = append(signed, XADES, "xades:SignedSignatureProperties");
        append(signatureProperties, XADES, "xades:SigningTime").setTextContent(signingTime.toString());
        Element cert = append(append(signatureProperties, XADES, "xades:SigningCertificate"), XADES, "xades:Cert");
        Element certDigest = append(cert, XADES, "xades:CertDigest");
        append(certDigest, DS, "ds:DigestMethod").setAttributeNS(null, "Algorithm", SHA256);
        append(certDigest, DS, "ds:DigestValue").setTextContent(certificateDigest(certificate, "SHA-256"));
        Element issuerSerial = append(cert, XADES, "xades:IssuerSerial");
        append(issuerSerial, DS, "ds:X509IssuerName")
                .setTextContent(certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
        append(issuerSerial, DS, "ds:X509SerialNumber").setTextContent(certificate.getSerialNumber().toString());

        ObjectContainer object = new ObjectContainer(document);
        object.appendChild(qualifying);
        signature.appendObject(object);

        Transforms transforms = new Transforms(document);
        transforms.addTransform(profile.canonicalization());
        signature.addDocument("#" + propertiesId, transforms, SHA256, null, XADES_SIGNED_PROPERTIES_TYPE);
    }

    private static Element append(Element parent, String namespace, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(child);
        return child;
    }

    /** Base64 digest of the DER certificate, as XAdES CertDigest carries it. */
    static String certificateDigest(X509Certificate certificate, String jcaDigest) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance(jcaDigest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest the signer certificate with " + jcaDigest, e);
        }
    }

    /** Refuses a key the profile cannot use before any work is done, with a message naming both. */
    private static void requireKeyFits(SigningProfile profile, PrivateKey key) {
        boolean fits = switch (profile) {
            case CN_EPORT_SM2 -> EportAlgorithms.isSm2Key(key);
            case XMLDSIG_ECDSA_SHA256 -> EportAlgorithms.isP256Key(key);
            case XMLDSIG_RSA_SHA256 -> key instanceof RSAKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
            case CMS_DETACHED -> false;
        };
        if (!fits) {
            throw new IllegalArgumentException(profile.id() + " needs " + switch (profile) {
                case CN_EPORT_SM2 -> "an SM2 (sm2p256v1) key";
                case XMLDSIG_ECDSA_SHA256 -> "an EC P-256 key";
                default -> "an RSA key of at least " + MIN_RSA_BITS + " bits";
            } + ", not a " + key.getAlgorithm() + " key");
        }
    }

    /** Parses namespace-aware, refusing DOCTYPEs (XXE, entity bombs) and any external fetch. */
    static Document parse(byte[] xml) throws SAXException {
        DocumentBuilder builder = BUILDER.get();
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new SAXException("cannot read XML: " + e.getMessage(), e);
        } finally {
            builder.reset();
            builder.setErrorHandler(FAIL_ON_ERROR);
        }
    }

    /** Writes the DOM as it is: no indentation, so signed text nodes keep their exact content. */
    static byte[] serialize(Document document) {
        // Otherwise the JDK writes standalone="no", a change nobody asked for.
        document.setXmlStandalone(true);
        return serialize(document, charsetOf(document));
    }

    /** Writes a node (a whole document, or one element without XML declaration) in the given encoding. */
    private static byte[] serialize(Node node, Charset charset) {
        Transformer serializer = SERIALIZER.get();
        serializer.setOutputProperty(OutputKeys.ENCODING, charset.name());
        if (!(node instanceof Document)) {
            serializer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            serializer.transform(new DOMSource(node), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize the signed document", e);
        } finally {
            serializer.reset();
        }
        return out.toByteArray();
    }

    /** The encoding the parser actually read (BOM or declaration), so inserted bytes match the input's. */
    private static Charset charsetOf(Document document) {
        for (String name : new String[] {document.getInputEncoding(), document.getXmlEncoding()}) {
            if (name != null) {
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    // try the next; an encoding Java cannot name again is written as UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Without a handler the JDK parser prints "[Fatal Error]" to stderr before throwing. */
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilderFactory newParserFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder;
            synchronized (PARSERS) {
                // DocumentBuilderFactory is not thread-safe; it is touched once per thread.
                builder = PARSERS.newDocumentBuilder();
            }
            builder.setErrorHandler(FAIL_ON_ERROR);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured securely", e);
        }
    }

    private static Transformer newSerializer() {
        try {
            synchronized (SERIALIZERS) {
                // TransformerFactory is not thread-safe; it is touched once per thread.
                return SERIALIZERS.newTransformer();
            }
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("cannot create an XML serializer", e);
        }
    }
}
