package org.casw.gateway.persistence;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.routes.intake.PayloadDigest;
import org.casw.routes.ledger.NewMessage;
import org.casw.sandbox.SandboxCustoms;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup and restore of docs/backup-and-restore.md, for real: a gateway stores documents, stops, and its database
 * (the embedded cluster, its password file) and keystores are archived with tar, as the guide's cold backup says; a
 * new gateway on a new data directory, without the old broker journal, restored from that archive answers for every
 * document as before, still refuses a resend as a duplicate, and finishes a document the first gateway had only stored.
 */
class BackupRestoreTest {

    private static final String ENTERPRISE_KEY = "demo-enterprise-key";

    @Test
    void aRestoredGatewayAnswersForEveryStoredDocumentAndFinishesWhatWasLeftHalfWay() throws Exception {
        Path original = TestData.newDataDir("backup-original");
        List<String> declarations = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        List<JsonNode> histories = new ArrayList<>();
        String stranded;
        try (ConfigurableApplicationContext first = start(original)) {
            GatewayClient client = clientOf(first);
            for (int i = 1; i <= 2; i++) {
                String declaration = Samples.declaration("BACKUP-" + i);
                HttpResponse<String> response = client.postXml(ENTERPRISE_KEY, declaration);
                assertThat(response.statusCode()).isEqualTo(202);
                String trackingId = GatewayClient.json(response).get("trackingId").asText();
                histories.add(client.awaitAcknowledged(ENTERPRISE_KEY, trackingId, "P").get("history"));
                declarations.add(declaration);
                acknowledged.add(trackingId);
            }
            // as if the gateway stopped right after storing this one: the restored gateway's recovery must finish it
            byte[] payload = Samples.declaration("BACKUP-STRANDED").getBytes(StandardCharsets.UTF_8);
            stranded = first.getBean(JdbcMessageLedger.class).recordArrival(new NewMessage("DEMO-ENTERPRISE", "HTTP",
                    "BACKUP-STRANDED", "DECLARATION", payload, PayloadDigest.sha256Hex(payload), null)).trackingId();
        }

        // the cold backup: the gateway is stopped; the cluster (followed where it is a link), its password and the keys
        Path backup = original.resolveSibling(original.getFileName() + ".tar");
        run("tar", "-C", original.toString(), "-chf", backup.toString(), "postgres", "postgres.password", "certs");
        Path restored = TestData.newDataDir("backup-restored");
        run("tar", "-C", restored.toString(), "-xpf", backup.toString());
        assertThat(restored.resolve("artemis")).as("the broker journal is not restored").doesNotExist();

        try (ConfigurableApplicationContext second = start(restored)) {
            GatewayClient client = clientOf(second);
            for (int i = 0; i < acknowledged.size(); i++) {
                JsonNode message = GatewayClient.json(client.get(ENTERPRISE_KEY, "/api/v1/messages/" + acknowledged.get(i)));
                assertThat(message.get("status").asText()).isEqualTo("ACKNOWLEDGED");
                assertThat(message.get("history")).as("every step, as before the backup").isEqualTo(histories.get(i));
                assertThat(client.get(ENTERPRISE_KEY, "/api/v1/messages/" + acknowledged.get(i) + "/payload").body())
                        .as("the document as submitted").isEqualTo(declarations.get(i));
                HttpResponse<String> resent = client.postXml(ENTERPRISE_KEY, declarations.get(i));
                assertThat(resent.statusCode()).as("a resend is still a duplicate").isEqualTo(200);
                assertThat(GatewayClient.json(resent).get("trackingId").asText()).isEqualTo(acknowledged.get(i));
            }
            client.awaitAcknowledged(ENTERPRISE_KEY, stranded, "P");
            assertThat(second.getBean(SandboxCustoms.class).inbox()).as("delivered by the restored gateway").containsKey(stranded);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.delay=100ms",
                SampleEra.ARGUMENT);
    }

    private static GatewayClient clientOf(ConfigurableApplicationContext context) {
        return new GatewayClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
