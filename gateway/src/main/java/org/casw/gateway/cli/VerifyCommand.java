package org.casw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.signature.CmsDetachedVerifier;
import org.casw.routes.signature.CmsVerification;
import org.casw.routes.signature.CrlFiles;
import org.casw.routes.signature.PkixCertificateTrust;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.signature.VerificationResult;
import org.casw.routes.signature.XmlSignatureVerifier;
import org.casw.routes.validation.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify --trust ANCHORS.pem [--trust ...] [--profile P ...] [--crl FILE ...] [--signature SIG] FILE}:
 * checks a signed document (or, with --signature, a detached CMS signature) exactly as the gateway does.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = "Check a signed document (or, with --signature, a detached CMS signature) exactly as the gateway does.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:valid", "1:not valid", "2:usage or read error"})
public final class VerifyCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--trust", required = true, paramLabel = "ANCHORS.pem", description = "trust anchors (PEM); repeatable")
    List<Path> anchors;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = SignCommand.ProfileConverter.class,
            description = "accepted signing profiles; repeatable (default: the three XML profiles)")
    List<SigningProfile> profiles = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "FILE", description = "certificate revocation lists; repeatable")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--signature", paramLabel = "DETACHED.p7s", description = "a detached CMS signature of FILE (DER or PEM)")
    Path signature;

    @Parameters(paramLabel = "FILE", description = "the signed document")
    Path file;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new VerifyCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        try {
            PkixCertificateTrust trust = new PkixCertificateTrust(certificates(anchors),
                    crls.isEmpty() ? List.of() : CrlFiles.load(crls.toArray(Path[]::new)));
            byte[] payload = Files.readAllBytes(file);
            if (signature != null) {
                CmsVerification result = new CmsDetachedVerifier()
                        .verify(payload, cms(Files.readAllBytes(signature)), trust, Clock.systemUTC());
                return report(out(), result.valid(), "cms-detached", result.signerSubject(), result.certificateSerialHex(),
                        result.algorithm(), result.violations());
            }
            Set<SigningProfile> accepted = profiles.isEmpty()
                    ? EnumSet.of(SigningProfile.CN_EPORT_SM2, SigningProfile.XMLDSIG_ECDSA_SHA256, SigningProfile.XMLDSIG_RSA_SHA256)
                    : EnumSet.copyOf(profiles);
            VerificationResult result = new XmlSignatureVerifier()
                    .verify(payload, new VerificationPolicy(true, accepted, trust, Clock.systemUTC()));
            return report(out(), result.valid(), result.profile() == null ? "" : result.profile().id(), result.signerSubject(),
                    result.certificateSerialHex(), result.algorithm(), result.violations());
        } catch (IOException e) {
            err().println("verify: " + e.getMessage());
            return 2;
        }
    }

    private static int report(PrintStream out, boolean valid, String profile, String signer, String serial, String algorithm,
            List<Violation> violations) {
        if (valid) {
            out.println("VALID " + profile + "; signer " + signer + "; certificate serial " + serial + "; " + algorithm);
            return 0;
        }
        out.println("INVALID " + profile + ", " + violations.size() + " violation(s)");
        for (Violation v : violations) {
            out.println("  " + v.code() + (v.path() == null ? "" : " " + v.path()) + ": " + v.message());
        }
        return 1;
    }

    /** A detached signature as DER or PEM ("-----BEGIN PKCS7-----"). */
    private static byte[] cms(byte[] raw) {
        String text = new String(raw, StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN")) {
            return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z0-9 ]+-----", ""));
        }
        return raw;
    }

    private static List<X509Certificate> certificates(List<Path> files) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", new BouncyCastleProvider());
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("trust anchors cannot be parsed: " + e.getMessage(), e);
        }
        return certificates;
    }
}
