package org.casw.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.kit.GatewayKit;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.SigningProfile;
import org.casw.routes.signature.XmlSigner;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sandbox --partner my-nsw} as integrators run it: the gateway's main class in a child process, on a free
 * loopback port, answering a signed delivery; an unknown partner ends the process with exit code 2.
 */
class StandaloneWindowProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void theCommandRunsTheWindowAloneInItsOwnProcess() throws Exception {
        Path dir = TestData.newDataDir("standalone-process");
        Path log = dir.resolve("window.log");
        Process window = start(dir, log, "sandbox", "--partner", "my-nsw", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--export-certs", dir.resolve("trust").toString(), "--delay", "0s");
        try {
            int port = await().atMost(Duration.ofSeconds(90)).until(() -> listeningPort(log, window), p -> p > 0);
            assertThat(dir.resolve("trust").resolve("MY-NSW-root.pem")).exists();
            IssuedIdentity gateway = DevPki.ensure(dir.resolve("data").resolve("certs")).identity("CASW-GATEWAY", KeyFamily.EC_P256);
            byte[] signed = new XmlSigner().sign(Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml")
                    .getBytes(StandardCharsets.UTF_8), SigningProfile.XMLDSIG_ECDSA_SHA256,
                    new SigningIdentity(gateway.privateKey(), gateway.chain()), SigningOptions.defaults());
            String inbox = "http://127.0.0.1:" + port + "/sandbox/windows/MY-NSW/inbox";

            // the delivery token of its data directory, as a gateway on that directory delivers with it
            String token = Files.readString(dir.resolve("data").resolve(SandboxDeliveryToken.FILE)).strip();

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(inbox))
                    .header("Authorization", "Bearer " + token)
                    .header(HttpChannel.TRACKING_HEADER, "SW-CHILD-1").POST(HttpRequest.BodyPublishers.ofByteArray(signed)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("MY-NSW acknowledges CertificateOfOrigin SW-CHILD-1");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(inbox)).header("Authorization", "Bearer demo-my-nsw-key")
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("SW-CHILD-1");
        } finally {
            stop(window);
        }
    }

    @Test
    void anUnknownPartnerEndsTheProcessWithExitCodeTwo() throws Exception {
        Path dir = TestData.newDataDir("standalone-process-unknown");
        Path log = dir.resolve("window.log");
        Process window = start(dir, log, "sandbox", "--partner", "id-nsw");
        try {
            assertThat(window.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(window.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log)).contains("unknown partner 'id-nsw': the sandbox windows are sg-nsw, my-nsw");
        } finally {
            stop(window);
        }
    }

    private static Process start(Path dir, Path log, String... arguments) throws IOException {
        Path classpath = dir.resolve("classpath.args");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.writeString(classpath, "-cp \"" + cp.replace("\\", "\\\\") + "\"\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "@" + classpath, GatewayKit.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    private static int listeningPort(Path log, Process window) throws IOException {
        if (!window.isAlive()) {
            throw new IllegalStateException("the window exited with " + window.exitValue() + ":\n" + Files.readString(log));
        }
        Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void stop(Process window) throws InterruptedException {
        window.destroy();
        if (!window.waitFor(30, TimeUnit.SECONDS)) {
            window.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
