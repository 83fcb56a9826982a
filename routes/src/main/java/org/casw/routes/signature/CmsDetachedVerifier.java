package org.casw.routes.signature;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.casw.routes.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Verifies detached CMS SignedData over a payload: one signer, digest and signature, then the signer's trust. */
public final class CmsDetachedVerifier {

    /** Signature algorithms accepted; SHA-1 and MD5 based ones are refused as ALGORITHM_NOT_ALLOWED. */
    private static final Set<String> ALLOWED_ALGORITHMS = Set.of(
            "SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA",
            "SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA",
            "SM3WITHSM2");
    /** Signing times further ahead of the clock than this are a signer's error or a lie, not clock skew. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(CmsDetachedVerifier.class);

    private final DefaultCMSSignatureAlgorithmNameGenerator algorithmNames =
            new DefaultCMSSignatureAlgorithmNameGenerator();

    /**
     * Verifies {@code signature} (DER CMS SignedData, content not encapsulated) over {@code payload}, then asks
     * {@code trust} about the signer's chain at the signed signing time, or at {@code clock}'s time without one.
     */
    public CmsVerification verify(byte[] payload, byte[] signature, CertificateTrust trust, Clock clock) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clock, "clock");
        try {
            return check(payload, signature, trust, clock);
        } catch (RuntimeException e) {
            // a coded refusal, never an exception; the exception's message may quote the input, so only its type is logged
            LOG.warn("CMS signature verification failed unexpectedly: {} (refused as {})", e.getClass().getName(),
                    SignatureCodes.SIGNATURE_INVALID);
            return refused(SignatureCodes.SIGNATURE_INVALID, "the CMS signature cannot be checked on this input; refused");
        }
    }

    private CmsVerification check(byte[] payload, byte[] signature, CertificateTrust trust, Clock clock) {
        if (signature == null || signature.length == 0) {
            return refused(SignatureCodes.SIGNATURE_INVALID, "the CMS signature is empty");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(payload), signature);
        } catch (CMSException | RuntimeException e) {
            // BC reports malformed ASN.1 with assorted runtime exceptions; all mean the same to a partner.
            return refused(SignatureCodes.SIGNATURE_INVALID, "the signature is not a CMS SignedData structure: "
                    + e.getMessage());
        }
        if (encapsulatesContent(signed)) {
            // The signed bytes must be exactly the payload we process, not some other content carried inside.
            return refused(SignatureCodes.SIGNATURE_WRAPPING,
                    "the CMS signature encapsulates content; a detached signature over the payload is expected");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return refused(signers.isEmpty() ? SignatureCodes.SIGNATURE_INVALID : SignatureCodes.SIGNATURE_WRAPPING,
                    "the CMS signature has " + signers.size() + " signers; exactly one is expected");
        }
        SignerInformation signer = signers.iterator().next();

        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.size() != 1) {
            return refused(SignatureCodes.SIGNATURE_INVALID, "the CMS signature carries " + matches.size()
                    + " certificates matching its signer identifier; exactly one is expected");
        }
        X509Certificate signerCertificate;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter()
                    .setProvider(PkixCertificateTrust.bouncyCastle());
            X509CertificateHolder signerHolder = matches.iterator().next();
            signerCertificate = converter.getCertificate(signerHolder);
            chain.add(signerCertificate);
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = signed.getCertificates().getMatches(null);
            for (X509CertificateHolder holder : all) {
                if (!holder.equals(signerHolder)) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            return refused(SignatureCodes.SIGNATURE_INVALID, "a certificate in the CMS signature cannot be read: "
                    + e.getMessage());
        }
        String subject = signerCertificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String serial = PkixCertificateTrust.serialHex(signerCertificate.getSerialNumber());
        // BC names some "SHA256withRSA", others "SHA256WITHRSA"; one spelling for the allow-list and reports.
        String algorithm = algorithmNames.getSignatureName(signer.getDigestAlgorithmID(),
                signer.toASN1Structure().getDigestEncryptionAlgorithm()).toUpperCase(Locale.ROOT);

        List<Violation> violations = new ArrayList<>();
        if (!ALLOWED_ALGORITHMS.contains(algorithm)) {
            violations.add(Violation.of(SignatureCodes.ALGORITHM_NOT_ALLOWED, null,
                    "CMS signature algorithm " + algorithm + " is not allowed; use one of " + ALLOWED_ALGORITHMS));
            return new CmsVerification(false, violations, subject, serial, algorithm, null);
        }

        Instant signingTime;
        try {
            signingTime = signingTime(signer);
        } catch (RuntimeException e) {
            violations.add(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                    "the signing-time attribute cannot be read: " + e.getMessage()));
            return new CmsVerification(false, violations, subject, serial, algorithm, null);
        }

        verifySignature(signer, signerCertificate, violations);

        Instant now = clock.instant();
        // the signer chooses the signing time: believed only shortly before receipt, as for XML signatures
        Instant checkAt = XmlSignatureVerifier.trustTime(signingTime, now);
        if (signingTime != null && signingTime.isAfter(now.plus(FUTURE_TOLERANCE))) {
            violations.add(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                    "the signing time " + signingTime + " lies in the future (now " + now + ")"));
        }
        violations.addAll(trust.check(chain, checkAt));
        return new CmsVerification(violations.isEmpty(), violations, subject, serial, algorithm, signingTime);
    }

    private static void verifySignature(SignerInformation signer, X509Certificate certificate,
            List<Violation> violations) {
        try {
            // Built from the key, not the certificate: BC would otherwise refuse a certificate expired at
            // signing time as a signature failure, while that is the trust check's CERTIFICATE_EXPIRED to report.
            boolean ok = signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(PkixCertificateTrust.bouncyCastle())
                    .build(certificate.getPublicKey()));
            if (!ok) {
                violations.add(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                        "the CMS signature value does not verify with the key of "
                                + PkixCertificateTrust.describe(certificate)));
            }
        } catch (CMSSignerDigestMismatchException e) {
            violations.add(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                    "the payload does not match the message digest the signer signed: the payload was altered "
                            + "or is not the one signed"));
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            violations.add(Violation.of(SignatureCodes.SIGNATURE_INVALID, null,
                    "the CMS signature does not verify: " + e.getMessage()));
        }
    }

    private static Instant signingTime(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            return null;
        }
        Attribute attribute = attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() == 0) {
            return null;
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        return Time.getInstance(value).getDate().toInstant();
    }

    private static boolean encapsulatesContent(CMSSignedData signed) {
        SignedData signedData = SignedData.getInstance(signed.toASN1Structure().getContent());
        return signedData.getEncapContentInfo().getContent() != null;
    }

    private static CmsVerification refused(String code, String message) {
        return new CmsVerification(false, List.of(Violation.of(code, null, message)), null, null, null, null);
    }
}
