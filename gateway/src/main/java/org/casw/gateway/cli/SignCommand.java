package org.casw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.signature.CmsDetachedSigner;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sign --profile P --key KEYSTORE.p12 [--alias A] [--password-file F] [--digest SHA1|SM3] [--xades]
 * [--out FILE] FILE}: signs a document as the gateway would. XML profiles write the signed document;
 * cms-detached writes the detached signature (DER to --out, PEM to standard output).
 */
@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class, sortOptions = false,
        description = {"Sign a document as the gateway would.",
            "XML profiles write the signed document; cms-detached the detached signature (DER to --out, PEM to standard output)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:signed", "1:cannot be signed", "2:usage or read error"})
public final class SignCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "cn-eport-sm2, xmldsig-ecdsa-sha256, xmldsig-rsa-sha256 or cms-detached")
    SigningProfile profile;

    @Option(names = "--key", required = true, paramLabel = "KEYSTORE.p12", description = "PKCS#12 key store of the signer")
    Path key;

    @Option(names = "--alias", description = "the key's alias (needed when the store holds more than one key)")
    String alias;

    @Option(names = "--password-file", paramLabel = "FILE", description = "the key store's password (default: keystore-password beside it)")
    Path passwordFile;

    @Option(names = "--digest", defaultValue = "SHA1", paramLabel = "SHA1|SM3",
            description = "digest of China E-Port signatures (default: ${DEFAULT-VALUE})")
    SigningOptions.DigestChoice digest;

    @Option(names = "--xades", description = "add XAdES-BES signed properties")
    boolean xades;

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Parameters(paramLabel = "FILE", description = "the document to sign")
    Path file;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new SignCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        try {
            SigningIdentity identity = identity(key, alias, passwordFile);
            byte[] payload = Files.readAllBytes(file);
            if (profile == SigningProfile.CMS_DETACHED) {
                byte[] signature = new CmsDetachedSigner().sign(payload, identity.key(), identity.chain());
                if (output != null) {
                    Files.write(output, signature);
                } else {
                    out().println("-----BEGIN PKCS7-----");
                    out().println(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signature));
                    out().println("-----END PKCS7-----");
                }
                return 0;
            }
            byte[] signed = new XmlSigner().sign(payload, profile, identity, new SigningOptions(xades, digest, null));
            if (output != null) {
                Files.write(output, signed);
            } else {
                out().write(signed);
                out().flush();
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err().println("sign: " + e.getMessage());
            return e instanceof IOException ? 2 : 1;
        }
    }

    /** The key of a PKCS#12 key store; the password comes from a file (default: keystore-password beside it). */
    static SigningIdentity identity(Path keystore, String alias, Path passwordFile) throws IOException {
        Path passwordPath = passwordFile != null ? passwordFile : keystore.toAbsolutePath().resolveSibling("keystore-password");
        char[] password = Files.readString(passwordPath, StandardCharsets.UTF_8).trim().toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            store.load(in, password);
            String chosen = alias;
            if (chosen == null) {
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (keys.size() != 1) {
                    throw new IllegalArgumentException(keystore + " holds " + keys.size() + " keys " + keys + "; choose one with --alias");
                }
                chosen = keys.get(0);
            }
            return SigningIdentity.fromKeyStore(store, chosen, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(keystore + " cannot be opened: " + e.getMessage());
        }
    }

    /** A signing profile by its id, e.g. {@code cn-eport-sm2}. */
    static final class ProfileConverter implements CommandLine.ITypeConverter<SigningProfile> {
        @Override
        public SigningProfile convert(String value) {
            return SigningProfile.of(value);
        }
    }
}
