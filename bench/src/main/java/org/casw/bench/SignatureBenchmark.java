package org.casw.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.signature.XmlSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing and verifying a ~5 KB declaration per profile, as the pipeline does it: parse, sign or
 * verify, serialize, and for verification the full PKIX trust check. One thread.
 * Run: {@code java -jar bench/target/bench.jar SignatureBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {

    @Param({"cn-eport-sm2", "xmldsig-ecdsa-sha256", "xmldsig-rsa-sha256"})
    public String profile;

    private final XmlSigner signer = new XmlSigner();
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();
    private byte[] declaration;
    private byte[] signed;
    private SigningProfile signingProfile;
    private SigningIdentity identity;
    private VerificationPolicy policy;

    @Setup
    public void setUp() throws Exception {
        signingProfile = SigningProfile.of(profile);
        KeyFamily family = switch (signingProfile) {
            case CN_EPORT_SM2 -> KeyFamily.SM2;
            case XMLDSIG_ECDSA_SHA256 -> KeyFamily.EC_P256;
            default -> KeyFamily.RSA_2048;
        };
        Path dir = Files.createTempDirectory("bench-pki");
        DevPki pki = DevPki.ensure(dir);
        IssuedIdentity issued = pki.identity("DEMO-ENTERPRISE", family);
        identity = new SigningIdentity(issued.privateKey(), issued.chain());
        declaration = Samples.declaration5k();
        signed = signer.sign(declaration, signingProfile, identity, SigningOptions.defaults());
        policy = new VerificationPolicy(true, Set.of(signingProfile), new PkixCertificateTrust(List.of(pki.rootCertificate(family))),
                Clock.systemUTC());
        VerificationResult check = verifier.verify(signed, policy);
        if (!check.valid()) {
            throw new IllegalStateException("benchmark signature must verify: " + check.violations());
        }
    }

    @Benchmark
    public byte[] sign() {
        return signer.sign(declaration, signingProfile, identity, SigningOptions.defaults());
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(signed, policy);
    }
}
