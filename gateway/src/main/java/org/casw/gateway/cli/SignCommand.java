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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.casw.routes.signature.CmsDetachedSigner;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;

/**
 * {@code sign --profile P --key KEYSTORE.p12 [--alias A] [--password-file F] [--digest SHA1|SM3] [--xades]
 * [--out FILE] FILE}: signs a document as the gateway would. XML profiles write the signed document;
 * cms-detached writes the detached signature (DER to --out, PEM to standard output).
 */
public final class SignCommand {

    static final String USAGE = "usage: sign --profile cn-eport-sm2|xmldsig-ecdsa-sha256|xmldsig-rsa-sha256|cms-detached "
            + "--key KEYSTORE.p12 [--alias A] [--password-file F] [--digest SHA1|SM3] [--xades] [--out FILE] FILE";

    private SignCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        java.util.Optional<String> inline = CommandLineSecrets.inlineSecret(args);
        if (inline.isPresent()) {
            err.println("sign: " + inline.get() + "\n" + USAGE);
            return 2;
        }
        Options o = Options.parse(args, err);
        if (o == null) {
            return 2;
        }
        try {
            SigningProfile profile = SigningProfile.of(o.profile);
            SigningIdentity identity = identity(o.key, o.alias, o.passwordFile);
            byte[] payload = Files.readAllBytes(o.file);
            if (profile == SigningProfile.CMS_DETACHED) {
                byte[] signature = new CmsDetachedSigner().sign(payload, identity.key(), identity.chain());
                if (o.out != null) {
                    Files.write(o.out, signature);
                } else {
                    out.println("-----BEGIN PKCS7-----");
                    out.println(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signature));
                    out.println("-----END PKCS7-----");
                }
                return 0;
            }
            SigningOptions options = new SigningOptions(o.xades, SigningOptions.DigestChoice.valueOf(o.digest), null);
            byte[] signed = new XmlSigner().sign(payload, profile, identity, options);
            if (o.out != null) {
                Files.write(o.out, signed);
            } else {
                out.write(signed);
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            err.println("sign: " + e.getMessage());
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

    private static final class Options {
        String profile;
        Path key;
        String alias;
        Path passwordFile;
        String digest = "SHA1";
        boolean xades;
        Path out;
        Path file;

        static Options parse(String[] args, PrintStream err) {
            Options o = new Options();
            try {
                for (int i = 0; i < args.length; i++) {
                    switch (args[i]) {
                        case "--profile" -> o.profile = SigningProfile.of(args[++i]).id();
                        case "--key" -> o.key = Path.of(args[++i]);
                        case "--alias" -> o.alias = args[++i];
                        case "--password-file" -> o.passwordFile = Path.of(args[++i]);
                        case "--digest" -> o.digest = args[++i].toUpperCase();
                        case "--xades" -> o.xades = true;
                        case "--out" -> o.out = Path.of(args[++i]);
                        default -> {
                            if (args[i].startsWith("--") || o.file != null) {
                                throw new IllegalArgumentException("unexpected argument " + args[i]);
                            }
                            o.file = Path.of(args[i]);
                        }
                    }
                }
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                err.println(e.getMessage() == null ? USAGE : e.getMessage() + "\n" + USAGE);
                return null;
            }
            if (o.profile == null || o.key == null || o.file == null || !List.of("SHA1", "SM3").contains(o.digest)) {
                err.println(USAGE);
                return null;
            }
            return o;
        }
    }
}
