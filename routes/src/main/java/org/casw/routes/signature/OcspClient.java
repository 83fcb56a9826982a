package org.casw.routes.signature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Asks an OCSP responder on this machine's loopback (RFC 6960, HTTP POST) whether a certificate is revoked. */
public final class OcspClient {

    /** An OCSP response is a few kilobytes; far beyond this, something other than a responder is answering. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    /** id-kp-OCSPSigning: the extended key usage a delegated responder certificate must carry (RFC 6960 4.2.2.2). */
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** Tolerated clock difference to the responder for thisUpdate. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY) // a proxy would turn a loopback URI into a remote call
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could point anywhere
            .build();

    private final URI responder;
    private final Duration timeout;

    private OcspClient(URI responder, Duration timeout) {
        this.responder = responder;
        this.timeout = timeout;
    }

    /**
     * A client for the responder at {@code responder}, which must be plain http to a loopback IP literal such as
     * {@code http://127.0.0.1:8090/ocsp}. Anything else is refused here, before any network activity: responder
     * addresses may come from partner certificates (AIA), and following them would let a partner make the gateway
     * call arbitrary hosts. OCSP answers are signed, so TLS adds nothing on loopback.
     *
     * @throws IllegalArgumentException for a non-loopback, non-http or malformed URI, or a non-positive timeout
     */
    public static OcspClient loopback(URI responder, Duration timeout) {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = responder.getScheme() == null ? "" : responder.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("refusing OCSP responder URI " + responder + ": only http is allowed");
        }
        try {
            CrlFiles.requireLoopback(responder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("refusing OCSP responder URI " + responder + ": host "
                    + responder.getHost() + " is not a loopback IP literal (127.0.0.0/8 or [::1])", e);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new OcspClient(responder, timeout);
    }

    /** The responder's answer about one certificate. */
    public record Status(Kind kind, Instant revokedAt, CRLReason reason) {

        /** What the responder says. */
        public enum Kind { GOOD, REVOKED, UNKNOWN }

        public Status {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.REVOKED) != (revokedAt != null)) {
                throw new IllegalArgumentException("a revocation time is required exactly for REVOKED");
            }
        }

        /** A status without a revocation reason. */
        public Status(Kind kind, Instant revokedAt) {
            this(kind, revokedAt, null);
        }
    }

    /**
     * The status of {@code certificate} issued by {@code issuer}; empty when the responder cannot be reached, answers
     * with an error, or its answer is malformed, unsigned by the issuer (or a responder the issuer delegated to),
     * stale, or does not echo this request's nonce. What an empty answer means is the caller's policy.
     */
    public Optional<Status> status(X509Certificate certificate, X509Certificate issuer) {
        return Optional.ofNullable(query(certificate, issuer).status());
    }

    /** Exactly one of status and failure is set; the failure says why, for violation messages. */
    record Outcome(Status status, String failure) {
    }

    Outcome query(X509Certificate certificate, X509Certificate issuer) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        try {
            // SHA-1 CertIDs are what RFC 5019 responders are required to accept; the hash only identifies.
            CertificateID id = new JcaCertificateID(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(PkixCertificateTrust.bouncyCastle()).build().get(CertificateID.HASH_SHA1),
                    issuer, certificate.getSerialNumber());
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            OCSPReq request = new OCSPReqBuilder()
                    .addRequest(id)
                    .setRequestExtensions(new Extensions(Extension.create(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonce))))
                    .build();
            byte[] body = post(request.getEncoded());
            return interpret(body, id, nonce, issuer);
        } catch (IOException e) {
            return failure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure("interrupted");
        } catch (Exception e) {
            // Malformed DER and unusable keys surface as assorted BC runtime and checked exceptions: all "garbage".
            return failure(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Outcome interpret(byte[] body, CertificateID id, byte[] nonce, X509Certificate issuer) throws Exception {
        OCSPResp response = new OCSPResp(body);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return failure("responder answered OCSP status " + response.getStatus());
        }
        if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            return failure("responder answered no basic OCSP response");
        }
        if (!signedByIssuerOrDelegate(basic, issuer)) {
            return failure("response is signed neither by " + issuer.getSubjectX500Principal()
                    + " nor by a responder it delegated to");
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        // Without the nonce an old signed "good" could be replayed after a revocation; a missing one counts too.
        if (echoed == null || !Arrays.equals(nonce,
                ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets())) {
            return failure("response does not carry this request's nonce");
        }
        Instant now = Instant.now();
        for (SingleResp single : basic.getResponses()) {
            if (!sameCertificate(single.getCertID(), id)) {
                continue;
            }
            if (single.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))
                    || (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now))) {
                return failure("response is outside its thisUpdate/nextUpdate window");
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new Outcome(new Status(Status.Kind.GOOD, null), null);
            }
            if (status instanceof RevokedStatus revoked) {
                CRLReason reason = revoked.hasRevocationReason() ? reason(revoked.getRevocationReason()) : null;
                return new Outcome(new Status(Status.Kind.REVOKED, revoked.getRevocationTime().toInstant(), reason),
                        null);
            }
            return new Outcome(new Status(Status.Kind.UNKNOWN, null), null);
        }
        return failure("response does not cover the requested certificate");
    }

    /** RFC 6960 4.2.2.2: the CA itself, or a certificate it issued directly for id-kp-OCSPSigning. */
    private static boolean signedByIssuerOrDelegate(BasicOCSPResp response, X509Certificate issuer) {
        if (verifies(response, issuer.getPublicKey())) {
            return true;
        }
        JcaX509CertificateConverter converter =
                new JcaX509CertificateConverter().setProvider(PkixCertificateTrust.bouncyCastle());
        for (X509CertificateHolder holder : response.getCerts()) {
            try {
                X509Certificate delegate = converter.getCertificate(holder);
                List<String> usages = delegate.getExtendedKeyUsage();
                if (delegate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                        && usages != null && usages.contains(OCSP_SIGNING)) {
                    delegate.verify(issuer.getPublicKey(), PkixCertificateTrust.bouncyCastle());
                    delegate.checkValidity();
                    if (verifies(response, delegate.getPublicKey())) {
                        return true;
                    }
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // not a usable delegate; try the next one
            }
        }
        return false;
    }

    private static boolean verifies(BasicOCSPResp response, PublicKey key) {
        try {
            return response.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(PkixCertificateTrust.bouncyCastle()).build(key));
        } catch (Exception e) {
            return false; // e.g. an SM2 signature checked with an EC key
        }
    }

    /** Field by field: a responder may re-encode the hash AlgorithmIdentifier with or without NULL parameters. */
    private static boolean sameCertificate(CertificateID answered, CertificateID asked) {
        return answered.getHashAlgOID().equals(asked.getHashAlgOID())
                && Arrays.equals(answered.getIssuerNameHash(), asked.getIssuerNameHash())
                && Arrays.equals(answered.getIssuerKeyHash(), asked.getIssuerKeyHash())
                && answered.getSerialNumber().equals(asked.getSerialNumber());
    }

    private static CRLReason reason(int code) {
        CRLReason[] values = CRLReason.values(); // ordinal equals the RFC 5280 reason code
        return code >= 0 && code < values.length ? values[code] : CRLReason.UNSPECIFIED;
    }

    private byte[] post(byte[] request) throws IOException, InterruptedException {
        HttpRequest http = HttpRequest.newBuilder(responder)
                .timeout(timeout)
                .header("Content-Type", "application/ocsp-request")
                .header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = HTTP.sendAsync(http,
                info -> BoundedBody.upTo(MAX_RESPONSE_BYTES, "more than " + MAX_RESPONSE_BYTES + " bytes; not an OCSP response"));
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the response headers; this bounds the body too.
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("OCSP responder " + responder + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot reach OCSP responder " + responder + ": " + cause, cause);
        }
        if (response.statusCode() != 200) {
            throw new IOException("OCSP responder " + responder + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static Outcome failure(String why) {
        return new Outcome(null, why == null ? "no detail" : why);
    }

    @Override
    public String toString() {
        return "OcspClient[" + responder + ", timeout=" + timeout + "]";
    }
}
