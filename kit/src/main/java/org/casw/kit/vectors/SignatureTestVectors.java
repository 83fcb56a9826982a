package org.casw.kit.vectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.certs.CertificateAuthority;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.kit.conformance.ConformanceSamples;
import org.casw.routes.signature.CmsDetachedSigner;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Generates the published signature test vectors: for every signing profile a valid signed sample, a tampered one,
 * one by a signer outside the trust anchors, one under an expired certificate and (XML) one with the signature
 * removed, with the trust anchors as PEM and {@code index.json} saying what each must verify as. The keys live
 * only in memory: what is written is public (documents, signatures, certificates).
 */
public final class SignatureTestVectors {

    /** The index file's name. */
    public static final String INDEX = "index.json";
    /** Lifetime of the vectors' "valid" signer certificates: they are committed, so they must not expire soon. */
    public static final long VALID_YEARS = 20;
    /** The expired signers' certificates were valid for one year from this instant, long before any vector. */
    static final Instant EXPIRED_FROM = Instant.parse("2020-06-01T00:00:00Z");
    /** The roots are back-dated to here so that the expired certificates lie within their validity. */
    static final Instant ROOTS_FROM = Instant.parse("2020-01-01T00:00:00Z");

    /** Signed documents: E-Port profiles sign a customs declaration, the W3C ones a certificate of origin. */
    static final String DECLARATION = "declaration/valid/import-durian-sea.xml";
    static final String CERTIFICATE = "certificate-of-origin/valid/form-d-palm-oil-my-sg.xml";
    static final String EDIFACT = "edifact/cuscar-mt1101-laem-chabang-qinzhou.edi";

    private static final Pattern FIRST_TEXT_KEY = Pattern.compile("<(ClientSeqNo|CertificateNo)>([^<]+)</\\1>");

    /**
     * One vector as the index lists it.
     *
     * @param id           directory and case, e.g. {@code xmldsig-ecdsa-sha256/tampered}
     * @param profile      the signing profile to verify it under
     * @param file         the signed document (for CMS: the payload), relative to the vectors' directory
     * @param signature    the detached CMS signature (DER), or null for an enveloped XML signature
     * @param document     the published sample it was made from
     * @param trustAnchors the PEM roots to verify it against
     * @param expected     {@code VALID}, or the stable code of the first violation
     * @param description  what the vector is
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vector(String id, String profile, String file, String signature, String document, List<String> trustAnchors,
            String expected, String description) {
    }

    /** An XML variant: a profile with its options, under its own directory name. */
    private record Variant(String directory, SigningProfile profile, KeyFamily family, SigningOptions options, String sample,
            String description) {
    }

    private final ConformanceSamples samples;
    private final Clock clock;

    /** @param samples where the signed documents come from */
    public SignatureTestVectors(ConformanceSamples samples, Clock clock) {
        this.samples = samples;
        this.clock = clock;
    }

    /** Writes every vector, the anchors and the index into {@code directory}; returns the index entries. */
    public List<Vector> write(Path directory) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant validFrom = now.minus(1, ChronoUnit.DAYS);
        Instant validUntil = ZonedDateTime.ofInstant(validFrom, ZoneOffset.UTC).plusYears(VALID_YEARS).toInstant();
        Instant rootsUntil = ZonedDateTime.ofInstant(validUntil, ZoneOffset.UTC).plusYears(5).toInstant();
        Path certs = directory.resolve("certs");
        Files.createDirectories(certs);

        Map<KeyFamily, CertificateAuthority> roots = new EnumMap<>(KeyFamily.class);
        Map<KeyFamily, CertificateAuthority> strangers = new EnumMap<>(KeyFamily.class);
        for (KeyFamily family : KeyFamily.values()) {
            String suffix = family.suffix().toUpperCase(Locale.ROOT);
            roots.put(family, CertificateAuthority.create(family, "CASW Test Vector Root CA " + suffix, ROOTS_FROM, rootsUntil));
            strangers.put(family, CertificateAuthority.create(family, "CASW Test Vector UNTRUSTED Root " + suffix,
                    ROOTS_FROM, rootsUntil));
            Files.write(certs.resolve(anchorFile(family)), DevPki.toPem(roots.get(family).certificate()));
            Files.write(certs.resolve("untrusted-root-" + family.suffix() + ".pem"), DevPki.toPem(strangers.get(family).certificate()));
        }

        XmlSigner signer = new XmlSigner(clock);
        List<Vector> vectors = new ArrayList<>();
        for (Variant variant : variants()) {
            CertificateAuthority root = roots.get(variant.family());
            IssuedIdentity valid = root.issue("Test vector signer " + variant.directory(), "TEST-VECTORS", "CN", validFrom, validUntil);
            IssuedIdentity expired = root.issue("Test vector expired signer " + variant.directory(), "TEST-VECTORS", "CN",
                    EXPIRED_FROM, EXPIRED_FROM.plus(365, ChronoUnit.DAYS));
            IssuedIdentity untrusted = strangers.get(variant.family()).issue("Test vector untrusted signer " + variant.directory(),
                    "TEST-VECTORS", "CN", validFrom, validUntil);
            byte[] document = samples.raw(variant.sample()).getBytes(StandardCharsets.UTF_8);
            byte[] signed = signer.sign(document, variant.profile(), identity(valid), variant.options());
            Path dir = directory.resolve(variant.directory());
            Files.createDirectories(dir);
            List<String> anchors = List.of("certs/" + anchorFile(variant.family()));
            String d = variant.description();
            vectors.add(xml(dir, variant, "valid.xml", signed, anchors, "VALID", d + ", signed by a certificate of the trust anchor valid "
                    + VALID_YEARS + " years"));
            vectors.add(xml(dir, variant, "tampered.xml", tamper(signed), anchors, "SIGNATURE_INVALID",
                    d + ", one value of the signed content changed after signing"));
            vectors.add(xml(dir, variant, "untrusted-signer.xml", signer.sign(document, variant.profile(), identity(untrusted),
                    variant.options()), anchors, "UNTRUSTED_SIGNER", d + ", signed by a certificate of certs/untrusted-root-"
                    + variant.family().suffix() + ".pem, which is no trust anchor"));
            vectors.add(xml(dir, variant, "expired-certificate.xml", signer.sign(document, variant.profile(), identity(expired),
                    variant.options()), anchors, "CERTIFICATE_EXPIRED", d + ", signed by a certificate of the trust anchor that "
                    + "expired on " + EXPIRED_FROM.plus(365, ChronoUnit.DAYS)));
            vectors.add(xml(dir, variant, "signature-removed.xml", removeSignature(signed), anchors, "SIGNATURE_REQUIRED",
                    d + ", the valid vector with its ds:Signature element removed, verified as from a partner that must sign"));
        }
        vectors.addAll(cms(directory, roots.get(KeyFamily.EC_P256), strangers.get(KeyFamily.EC_P256), validFrom, validUntil));

        Map<String, Object> index = new LinkedHashMap<>();
        index.put("description", "Signature test vectors of the CASW gateway: verify each file with the gateway's verifier "
                + "(java -jar gateway/target/gateway.jar verify --trust <trustAnchor> --profile <profile> <file>) and compare "
                + "with expected (VALID, or the stable code of the first violation). Regenerate with "
                + "java -jar gateway/target/gateway.jar test-vectors --out test-vectors");
        index.put("generated", now.toString());
        index.put("validSignersUntil", validUntil.toString());
        index.put("vectors", vectors);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve(INDEX).toFile(), index);
        return vectors;
    }

    private static List<Variant> variants() {
        return List.of(
                new Variant("cn-eport-sm2", SigningProfile.CN_EPORT_SM2, KeyFamily.SM2,
                        SigningOptions.eport(SigningOptions.DigestChoice.SHA1),
                        DECLARATION, "China E-Port declaration, SM2/SM3 signature, SHA-1 reference digest (as E-Port samples)"),
                new Variant("cn-eport-sm2-sm3-digest", SigningProfile.CN_EPORT_SM2, KeyFamily.SM2,
                        SigningOptions.eport(SigningOptions.DigestChoice.SM3), DECLARATION,
                        "China E-Port declaration, SM2/SM3 signature, SM3 reference digest"),
                new Variant("xmldsig-ecdsa-sha256", SigningProfile.XMLDSIG_ECDSA_SHA256, KeyFamily.EC_P256, SigningOptions.defaults(),
                        CERTIFICATE, "certificate of origin, W3C XML-DSig ECDSA P-256 SHA-256"),
                new Variant("xmldsig-ecdsa-sha256-xades", SigningProfile.XMLDSIG_ECDSA_SHA256, KeyFamily.EC_P256,
                        SigningOptions.xades(null), CERTIFICATE, "certificate of origin, W3C XML-DSig ECDSA P-256 SHA-256 with XAdES-BES"),
                new Variant("xmldsig-rsa-sha256", SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048, SigningOptions.defaults(),
                        CERTIFICATE, "certificate of origin, W3C XML-DSig RSA-2048 SHA-256"),
                new Variant("xmldsig-rsa-sha256-xades", SigningProfile.XMLDSIG_RSA_SHA256, KeyFamily.RSA_2048,
                        SigningOptions.xades(null), CERTIFICATE, "certificate of origin, W3C XML-DSig RSA-2048 SHA-256 with XAdES-BES"));
    }

    private static Vector xml(Path dir, Variant variant, String name, byte[] content, List<String> anchors, String expected,
            String description) throws IOException {
        Files.write(dir.resolve(name), content);
        String id = variant.directory() + "/" + name.replaceFirst("\\.xml$", "");
        return new Vector(id, variant.profile().id(), variant.directory() + "/" + name, null, variant.sample(), anchors, expected,
                description);
    }

    /** Detached CMS over a UN/EDIFACT interchange, ECDSA P-256; a missing detached signature is the channel's concern. */
    private List<Vector> cms(Path directory, CertificateAuthority root, CertificateAuthority stranger, Instant validFrom,
            Instant validUntil) throws IOException {
        Path dir = directory.resolve("cms-detached");
        Files.createDirectories(dir);
        CmsDetachedSigner signer = new CmsDetachedSigner(clock);
        byte[] payload = samples.raw(EDIFACT).getBytes(StandardCharsets.UTF_8);
        IssuedIdentity valid = root.issue("Test vector signer cms-detached", "TEST-VECTORS", "CN", validFrom, validUntil);
        IssuedIdentity expired = root.issue("Test vector expired signer cms-detached", "TEST-VECTORS", "CN", EXPIRED_FROM,
                EXPIRED_FROM.plus(365, ChronoUnit.DAYS));
        IssuedIdentity untrusted = stranger.issue("Test vector untrusted signer cms-detached", "TEST-VECTORS", "CN", validFrom,
                validUntil);
        Files.write(dir.resolve("payload.edi"), payload);
        Files.write(dir.resolve("tampered.edi"), tamperEdifact(payload));
        byte[] signature = signer.sign(payload, valid.privateKey(), valid.chain());
        Files.write(dir.resolve("valid.p7s"), signature);
        Files.write(dir.resolve("untrusted-signer.p7s"), signer.sign(payload, untrusted.privateKey(), untrusted.chain()));
        Files.write(dir.resolve("expired-certificate.p7s"), signer.sign(payload, expired.privateKey(), expired.chain()));
        List<String> anchors = List.of("certs/" + anchorFile(KeyFamily.EC_P256));
        String d = "UN/EDIFACT CUSCAR with a detached CMS signature (DER), ECDSA P-256 SHA-256";
        return List.of(
                new Vector("cms-detached/valid", "cms-detached", "cms-detached/payload.edi", "cms-detached/valid.p7s", EDIFACT,
                        anchors, "VALID", d + ", signed by a certificate of the trust anchor valid " + VALID_YEARS + " years"),
                new Vector("cms-detached/tampered", "cms-detached", "cms-detached/tampered.edi", "cms-detached/valid.p7s", EDIFACT,
                        anchors, "SIGNATURE_INVALID", d + ", the payload with one digit changed after signing"),
                new Vector("cms-detached/untrusted-signer", "cms-detached", "cms-detached/payload.edi",
                        "cms-detached/untrusted-signer.p7s", EDIFACT, anchors, "UNTRUSTED_SIGNER",
                        d + ", signed by a certificate of certs/untrusted-root-ec.pem, which is no trust anchor"),
                new Vector("cms-detached/expired-certificate", "cms-detached", "cms-detached/payload.edi",
                        "cms-detached/expired-certificate.p7s", EDIFACT, anchors, "CERTIFICATE_EXPIRED",
                        d + ", signed by a certificate of the trust anchor that expired on " + EXPIRED_FROM.plus(365, ChronoUnit.DAYS)));
    }

    static String anchorFile(KeyFamily family) {
        return "root-" + family.suffix() + ".pem";
    }

    private static SigningIdentity identity(IssuedIdentity issued) {
        return new SigningIdentity(issued.privateKey(), issued.chain());
    }

    /** The signed document's message id gains a letter: signed content changes, the signature stays. */
    private static byte[] tamper(byte[] signed) {
        String xml = new String(signed, StandardCharsets.UTF_8);
        Matcher key = FIRST_TEXT_KEY.matcher(xml);
        if (!key.find()) {
            throw new IllegalStateException("no message id to tamper with");
        }
        return (xml.substring(0, key.end(2)) + "X" + xml.substring(key.end(2))).getBytes(StandardCharsets.UTF_8);
    }

    /** The first digit after the middle of the interchange becomes another digit. */
    private static byte[] tamperEdifact(byte[] payload) {
        byte[] copy = payload.clone();
        for (int i = copy.length / 2; i < copy.length; i++) {
            if (copy[i] >= '0' && copy[i] <= '9') {
                copy[i] = (byte) (copy[i] == '9' ? '8' : copy[i] + 1);
                return copy;
            }
        }
        throw new IllegalStateException("no digit to tamper with in the EDIFACT sample");
    }

    /** The ds:Signature element (and the line it was on, if alone) cut out; the document is otherwise as signed. */
    private static byte[] removeSignature(byte[] signed) {
        String xml = new String(signed, StandardCharsets.UTF_8);
        String removed = xml.replaceFirst("(?s)<ds:Signature[ >].*</ds:Signature>", "");
        if (removed.equals(xml)) {
            throw new IllegalStateException("the signed document has no ds:Signature to remove");
        }
        return removed.getBytes(StandardCharsets.UTF_8);
    }
}
