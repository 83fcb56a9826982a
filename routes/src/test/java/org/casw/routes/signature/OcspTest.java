package org.casw.routes.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.validation.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OcspTest {

    private static final String PARTY = "SG-NSW";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static DevPki otherPki;

    private HttpServer server;
    /** Revocations the responder reports, by serial; every other serial is good. */
    private final Map<BigInteger, RevokedStatus> revoked = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void createPkis() {
        pki = DevPki.ensure(directory.resolve("ours"));
        otherPki = DevPki.ensure(directory.resolve("other"));
    }

    @AfterEach
    void stopResponder() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void goodLeafIsTrusted(KeyFamily family) throws Exception {
        IssuedIdentity identity = leaf(family, "Good");
        URI uri = respond(family, rootKey(pki, family), pki.rootCertificate(family), List.of(), false);

        assertThat(trust(family, uri, true).check(identity.chain(), Instant.now())).isEmpty();
        assertThat(requests).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void revokedLeafIsRevoked(KeyFamily family) throws Exception {
        IssuedIdentity identity = leaf(family, "Revoked by OCSP");
        Instant revokedAt = Instant.now().minus(Duration.ofMinutes(30));
        revoked.put(identity.certificate().getSerialNumber(),
                new RevokedStatus(Date.from(revokedAt), CRLReason.superseded));
        URI uri = respond(family, rootKey(pki, family), pki.rootCertificate(family), List.of(), false);

        List<Violation> violations = trust(family, uri, false).check(identity.chain(), Instant.now());

        assertThat(codes(violations)).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
        assertThat(violations.get(0).message())
                .contains(identity.certificate().getSerialNumber().toString(16))
                .contains("OCSP");
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void leafRevokedOnlyAfterTheCheckedMomentIsTrustedUnlessKeyCompromised(KeyFamily family) throws Exception {
        IssuedIdentity superseded = leaf(family, "Superseded later");
        IssuedIdentity compromised = leaf(family, "Compromised later");
        Instant at = Instant.now().minus(Duration.ofMinutes(30));
        Instant revokedAt = Instant.now().minus(Duration.ofMinutes(10));
        revoked.put(superseded.certificate().getSerialNumber(),
                new RevokedStatus(Date.from(revokedAt), CRLReason.superseded));
        revoked.put(compromised.certificate().getSerialNumber(),
                new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise));
        URI uri = respond(family, rootKey(pki, family), pki.rootCertificate(family), List.of(), false);
        PkixCertificateTrust trust = trust(family, uri, true);

        assertThat(trust.check(superseded.chain(), at)).isEmpty();
        assertThat(codes(trust.check(compromised.chain(), at))).containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void unreachableResponderIsUntrustedOnlyWhenRevocationInfoIsRequired(KeyFamily family) throws Exception {
        IssuedIdentity identity = leaf(family, "Unreachable");
        URI uri = respond(family, rootKey(pki, family), pki.rootCertificate(family), List.of(), false);
        server.stop(0); // the port is now closed: connections are refused at once
        server = null;

        List<Violation> required = trust(family, uri, true).check(identity.chain(), Instant.now());
        List<Violation> optional = trust(family, uri, false).check(identity.chain(), Instant.now());

        assertThat(codes(required)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(required.get(0).message()).contains("revocation status unknown");
        assertThat(optional).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void responseSignedByAWrongKeyIsTreatedAsUnknown(KeyFamily family) throws Exception {
        IssuedIdentity identity = leaf(family, "Forged answer");
        // A forged REVOKED must not revoke, and a forged answer must not count as revocation information either.
        revoked.put(identity.certificate().getSerialNumber(),
                new RevokedStatus(Date.from(Instant.now().minus(Duration.ofHours(1))), CRLReason.keyCompromise));
        URI uri = respond(family, rootKey(otherPki, family), otherPki.rootCertificate(family), List.of(), false);

        List<Violation> required = trust(family, uri, true).check(identity.chain(), Instant.now());
        List<Violation> optional = trust(family, uri, false).check(identity.chain(), Instant.now());

        assertThat(codes(required)).containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
        assertThat(required.get(0).message()).contains("revocation status unknown").contains("signed neither by");
        assertThat(optional).isEmpty();
    }

    @Test
    void responseWithAnotherNonceIsTreatedAsUnknown() throws Exception {
        KeyFamily family = KeyFamily.EC_P256;
        IssuedIdentity identity = leaf(family, "Replayed answer");
        URI uri = respond(family, rootKey(pki, family), pki.rootCertificate(family), List.of(), true);
        OcspClient client = OcspClient.loopback(uri, TIMEOUT);

        assertThat(client.status(identity.certificate(), pki.rootCertificate(family))).isEmpty();
        assertThat(codes(trust(family, uri, true).check(identity.chain(), Instant.now())))
                .containsExactly(SignatureCodes.UNTRUSTED_SIGNER);
    }

    @ParameterizedTest
    @EnumSource(value = KeyFamily.class, names = {"EC_P256", "SM2"})
    void responseOfADelegatedOcspSigningResponderIsAccepted(KeyFamily family) throws Exception {
        IssuedIdentity identity = leaf(family, "Delegated");
        revoked.put(identity.certificate().getSerialNumber(),
                new RevokedStatus(Date.from(Instant.now().minus(Duration.ofMinutes(5))), CRLReason.superseded));
        KeyPair responderKeys = family.generateKeyPair(new SecureRandom());
        X509Certificate responder = responderCertificate(family, responderKeys.getPublic(), true);
        URI uri = respond(family, responderKeys.getPrivate(), responder, List.of(responder), false);

        assertThat(OcspClient.loopback(uri, TIMEOUT).status(identity.certificate(), pki.rootCertificate(family)))
                .hasValueSatisfying(status -> assertThat(status.kind()).isEqualTo(OcspClient.Status.Kind.REVOKED));
        assertThat(codes(trust(family, uri, false).check(identity.chain(), Instant.now())))
                .containsExactly(SignatureCodes.CERTIFICATE_REVOKED);
    }

    @Test
    void responderCertificateWithoutOcspSigningUsageIsNotADelegate() throws Exception {
        KeyFamily family = KeyFamily.SM2;
        IssuedIdentity identity = leaf(family, "Bad delegate");
        KeyPair responderKeys = family.generateKeyPair(new SecureRandom());
        X509Certificate responder = responderCertificate(family, responderKeys.getPublic(), false);
        URI uri = respond(family, responderKeys.getPrivate(), responder, List.of(responder), false);

        assertThat(OcspClient.loopback(uri, TIMEOUT).status(identity.certificate(), pki.rootCertificate(family)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://192.0.2.1/ocsp", // TEST-NET-1: a connection attempt would time out, not fail at once
            "http://ocsp.example.org/ocsp",
            "http://127.0.0.1@ocsp.example.org/ocsp",
            "http://0x7f.0.0.1/ocsp",
            "https://127.0.0.1/ocsp",
            "ldap://127.0.0.1/ocsp"})
    void nonLoopbackResponderIsRefusedWithoutNetwork(String uri) {
        assertThatThrownBy(() -> OcspClient.loopback(URI.create(uri), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing OCSP responder URI");
    }

    @Test
    void loopbackResponderLiteralsAreAccepted() {
        assertThat(OcspClient.loopback(URI.create("http://127.0.0.1:8090/ocsp"), TIMEOUT)).isNotNull();
        assertThat(OcspClient.loopback(URI.create("http://[::1]:8090/ocsp"), TIMEOUT)).isNotNull();
    }

    private static PkixCertificateTrust trust(KeyFamily family, URI responder, boolean requireRevocationInfo) {
        return new PkixCertificateTrust(List.of(pki.rootCertificate(family)), List.of(), requireRevocationInfo,
                OcspClient.loopback(responder, TIMEOUT));
    }

    private static IssuedIdentity leaf(KeyFamily family, String commonName) {
        Instant now = Instant.now();
        return pki.issue(PARTY, commonName, family, now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(30)));
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    /** The family's DevPki root key, read like {@link DevPkiTestCa#of} does. */
    private static PrivateKey rootKey(DevPki from, KeyFamily family) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", PkixCertificateTrust.bouncyCastle());
        try (InputStream in = Files.newInputStream(from.directory().resolve(DevPki.ROOT_CA_FILE))) {
            store.load(in, from.password());
        }
        return (PrivateKey) store.getKey(DevPki.rootAlias(family), from.password());
    }

    /** A responder certificate issued by our root, with id-kp-OCSPSigning when {@code ocspSigning}. */
    private static X509Certificate responderCertificate(KeyFamily family, PublicKey key, boolean ocspSigning)
            throws Exception {
        X509Certificate root = pki.rootCertificate(family);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=OCSP Responder,OU=TEST,O=" + DevPki.ORGANISATION + ",C=CN"), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                ocspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_clientAuth));
        return new JcaX509CertificateConverter().setProvider(PkixCertificateTrust.bouncyCastle())
                .getCertificate(builder.build(new JcaContentSignerBuilder(family.signatureAlgorithm())
                        .setProvider(PkixCertificateTrust.bouncyCastle()).build(rootKey(pki, family))));
    }

    /**
     * Starts a responder on 127.0.0.1 that answers every request for the serials in {@link #revoked} as revoked and
     * all others as good, signed with {@code signingKey}; {@code wrongNonce} echoes a nonce other than the request's.
     */
    private URI respond(KeyFamily family, PrivateKey signingKey, X509Certificate signer, List<X509Certificate> included,
            boolean wrongNonce) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/ocsp", exchange -> {
            byte[] answer;
            try (InputStream in = exchange.getRequestBody()) {
                requests.incrementAndGet();
                answer = answer(family, new OCSPReq(in.readAllBytes()), signingKey, signer, included, wrongNonce);
            } catch (Exception e) {
                answer = null;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(answer == null ? 500 : 200, answer == null ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer != null) {
                    out.write(answer);
                }
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    private byte[] answer(KeyFamily family, OCSPReq request, PrivateKey signingKey, X509Certificate signer,
            List<X509Certificate> included, boolean wrongNonce) throws Exception {
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.getPublicKey(),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        Date now = new Date();
        Date nextUpdate = Date.from(Instant.now().plus(Duration.ofHours(1)));
        for (Req single : request.getRequestList()) {
            RevokedStatus status = revoked.get(single.getCertID().getSerialNumber());
            builder.addResponse(single.getCertID(), status == null ? CertificateStatus.GOOD : status, now,
                    nextUpdate, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (wrongNonce) {
            nonce = Extension.create(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new byte[16]));
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        List<X509CertificateHolder> chain = new ArrayList<>();
        for (X509Certificate certificate : included) {
            chain.add(new JcaX509CertificateHolder(certificate));
        }
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(family.signatureAlgorithm())
                        .setProvider(PkixCertificateTrust.bouncyCastle()).build(signingKey),
                chain.toArray(X509CertificateHolder[]::new), now);
        OCSPResp response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        return response.getEncoded();
    }
}
