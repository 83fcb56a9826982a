package org.casw.gateway.pipeline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ScheduledPollConsumer;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.routes.validation.ViolationCodes;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drop directory is the party's ground: a link it plants there is neither read (a key file would be stored
 * and served back through the API) nor written or moved through.
 */
class FileDropLinksTest {

    private static Path dataDir;
    private static Path inbox;
    private static ConfigurableApplicationContext gateway;
    private static GatewayClient client;

    @BeforeAll
    static void start() {
        dataDir = TestData.newDataDir("file-links");
        inbox = dataDir.resolve("enterprise-in");
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.delay=100ms",
                "--gateway.partners.DEMO-ENTERPRISE.inbound-directory=" + inbox);
        client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aLinkToAFileOutsideTheDropDirectoryIsRefusedUnreadAndNeverServedBack() throws IOException {
        // a valid declaration outside the drop directory stands for any file the gateway can read and the party cannot
        Path secret = Files.writeString(dataDir.resolve("secret-declaration.xml"), Samples.declaration("FILE-LINK-SECRET-1"));
        Files.createDirectories(inbox);
        Files.createSymbolicLink(inbox.resolve("stolen.xml"), secret);

        Path receipt = inbox.resolve(".receipts/stolen.xml.receipt.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
        String answer = Files.readString(receipt);
        assertThat(answer).contains("<Status>REJECTED</Status>", "<Code>" + ViolationCodes.FILE_NOT_REGULAR + "</Code>", "symbolic link");
        String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");

        HttpResponse<String> payload = client.get("demo-enterprise-key", "/api/v1/messages/" + trackingId + "/payload");
        assertThat(payload.body()).doesNotContain("FILE-LINK-SECRET-1");
        // what an operator sees in the message's history
        assertThat(client.get("demo-enterprise-key", "/api/v1/messages/" + trackingId).body())
                .contains("refused unread by the FILE channel: " + ViolationCodes.FILE_NOT_REGULAR);
        // the link itself is moved aside with the other answered files; what it pointed at is untouched
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isSymbolicLink(inbox.resolve(".done/stolen.xml")));
        assertThat(Files.readString(secret)).contains("FILE-LINK-SECRET-1");
    }

    @Test
    void noReceiptIsWrittenThroughAReceiptsFolderThatIsALink() throws Exception {
        Path elsewhere = Files.createDirectories(dataDir.resolve("gateway-owned"));
        Files.createDirectories(inbox);
        Path receipts = inbox.resolve(".receipts");
        Path realReceipts = inbox.resolve(".receipts-real");
        if (Files.exists(receipts, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(receipts, realReceipts);
        }
        Files.createSymbolicLink(receipts, elsewhere);
        drop("declaration-linked.xml", Samples.declaration("FILE-LINK-RECEIPT-1"));

        // two full polls after the drop: the file was seen and left alone
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) gateway.getBean(CamelContext.class).getRoute("files-DEMO-ENTERPRISE").getConsumer();
        long polls = consumer.getCounter();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getCounter() >= polls + 2);
        assertThat(inbox.resolve("declaration-linked.xml")).exists();
        try (var written = Files.list(elsewhere)) {
            assertThat(written).as("files written through the link").isEmpty();
        }

        // once an operator puts the folder right, the file is taken and answered there
        Files.delete(receipts);
        if (Files.exists(realReceipts)) {
            Files.move(realReceipts, receipts);
        }
        Path receipt = receipts.resolve("declaration-linked.xml.receipt.xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
        assertThat(Files.isSymbolicLink(receipts)).isFalse();
        assertThat(Files.readString(receipt)).contains("<TrackingId>", "<MessageId>");
    }

    @Test
    void aLinkPlantedUnderTheReceiptsNameIsReplacedNotWrittenThrough() throws IOException {
        Path victim = Files.writeString(dataDir.resolve("gateway-config.yml"), "untouched");
        Files.createDirectories(inbox.resolve(".receipts"));
        Path receipt = inbox.resolve(".receipts/declaration-planted.xml.receipt.xml");
        Files.createSymbolicLink(receipt, victim);
        drop("declaration-planted.xml", Samples.declaration("FILE-LINK-PLANTED-1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.isSymbolicLink(receipt) && Files.exists(receipt));
        assertThat(Files.readString(receipt)).contains("<TrackingId>", "<MessageId>");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
    }

    /** As a party's system should: write under a dot name, then rename. */
    private static void drop(String name, String content) throws IOException {
        Path part = inbox.resolve("." + name + ".part");
        Files.write(part, content.getBytes(StandardCharsets.UTF_8));
        Files.move(part, inbox.resolve(name));
    }
}
