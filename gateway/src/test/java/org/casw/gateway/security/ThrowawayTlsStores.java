package org.casw.gateway.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * A TLS server key (by default for 127.0.0.1 and localhost), valid for two days, made by the JDK's keytool for one test:
 * its PKCS#12 key store, and a trust store holding only its certificate, both under {@code password}.
 */
public record ThrowawayTlsStores(Path keyStore, Path trustStore, Certificate certificate) {

    public static ThrowawayTlsStores create(Path directory, String password) throws Exception {
        return create(directory, password, "ip:127.0.0.1,dns:localhost");
    }

    /** The same for the names in {@code subjectAlternativeNames} (keytool's form: {@code ip:…,dns:…}). */
    public static ThrowawayTlsStores create(Path directory, String password, String subjectAlternativeNames) throws Exception {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve("server-tls.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=gateway.test", "-ext", "san=" + subjectAlternativeNames, "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password.toCharArray());
        }
        Certificate certificate = keys.getCertificate("server");
        Path trustStore = directory.resolve("clients-trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, password.toCharArray());
        }
        return new ThrowawayTlsStores(keyStore, trustStore, certificate);
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
