package org.casw.routes.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Produces detached CMS SignedData (RFC 5652) over non-XML payloads such as UN/EDIFACT interchanges. */
public final class CmsDetachedSigner {

    private static final EllipticCurve SM2_CURVE = sm2Curve();

    private final Clock clock;
    /** Creates a fresh MessageDigest per use, so one instance serves all threads. */
    private final DigestCalculatorProvider digests;

    /** Signs with the current UTC time as signing time. */
    public CmsDetachedSigner() {
        this(Clock.systemUTC());
    }

    /** Signs with {@code clock}'s time as signing time (tests, replays). */
    public CmsDetachedSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder()
                    .setProvider(PkixCertificateTrust.bouncyCastle()).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle digest calculators unavailable", e);
        }
    }

    /**
     * Signs {@code payload} with {@code key}: DER SignedData without the content, the certificates of
     * {@code chain} (signer first) included, signed attributes content type, signing time and message digest.
     * SHA256withECDSA, SHA256withRSA or SM3withSM2 by the key's type and curve.
     */
    public byte[] sign(byte[] payload, PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the signer certificate");
        }
        String algorithm = signatureAlgorithm(key);
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm)
                    .setProvider(PkixCertificateTrust.bouncyCastle())
                    .build(key);
            // Our own signing time, from the clock, instead of the generator's new Date().
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime,
                    new DERSet(new Time(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS))))));
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(contentSigner, chain.get(0));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(payload), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | GeneralSecurityException | CMSException e) {
            throw new IllegalStateException("cannot create a " + algorithm + " CMS signature: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the CMS signature", e);
        }
    }

    /** The JCA signature algorithm this signer uses for {@code key}. */
    public static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof RSAKey || "RSA".equalsIgnoreCase(key.getAlgorithm())) {
            return "SHA256withRSA";
        }
        if ("SM2".equalsIgnoreCase(key.getAlgorithm())) {
            return "SM3withSM2";
        }
        if (key instanceof ECKey ec) {
            // SM2 keys are plain "EC" keys; only the curve tells them apart.
            return SM2_CURVE.equals(ec.getParams().getCurve()) ? "SM3withSM2" : "SHA256withECDSA";
        }
        throw new IllegalArgumentException("unsupported signing key algorithm: " + key.getAlgorithm());
    }

    private static EllipticCurve sm2Curve() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", PkixCertificateTrust.bouncyCastle());
            parameters.init(new ECGenParameterSpec("sm2p256v1"));
            return parameters.getParameterSpec(ECParameterSpec.class).getCurve();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle does not know the SM2 curve", e);
        }
    }
}
