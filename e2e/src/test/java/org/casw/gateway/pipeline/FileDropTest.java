package org.casw.gateway.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A party that exchanges files: what it drops in its inbound directory is stored, moved to .done and
 * answered with a gateway receipt; what the gateway sends it (customs receipts) lands in its drop directory.
 */
class FileDropTest {

    @Test
    void aDroppedDeclarationIsAnsweredAndItsCustomsReceiptsArriveAsFiles() throws IOException {
        Path dataDir = TestData.newDataDir("files");
        Path inbox = dataDir.resolve("enterprise-in");
        Path outbox = dataDir.resolve("enterprise-out");
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.delay=100ms",
                "--gateway.partners.DEMO-ENTERPRISE.inbound-directory=" + inbox,
                "--gateway.partners.DEMO-ENTERPRISE.delivery.channel=FILE",
                "--gateway.partners.DEMO-ENTERPRISE.delivery.directory=" + outbox)) {
            drop(inbox, "declaration-1.xml", Samples.declaration("FILE-DROP-1").getBytes(StandardCharsets.UTF_8));
            drop(inbox, "broken.xml", "<DecMessage><unclosed>".getBytes(StandardCharsets.UTF_8));

            Path receipt = inbox.resolve(".receipts/declaration-1.xml.receipt.xml");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt) && Files.exists(inbox.resolve(".done/declaration-1.xml")));
            String answer = Files.readString(receipt);
            assertThat(answer).contains("<Status>QUEUED</Status>", "<DocumentType>DECLARATION</DocumentType>");
            String trackingId = answer.replaceAll("(?s).*<TrackingId>([^<]+)</TrackingId>.*", "$1");
            assertThat(inbox.resolve("declaration-1.xml")).doesNotExist();

            Path refused = inbox.resolve(".receipts/broken.xml.receipt.xml");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(refused));
            assertThat(Files.readString(refused)).contains("<Status>REJECTED</Status>", "XML_MALFORMED");

            // customs answers with its import response, then L, then P; every receipt is written to the enterprise's drop
            // directory as customs wrote it, and the declaration's status follows them
            await().atMost(Duration.ofSeconds(30)).until(() -> receipts(outbox).size() == 3);
            List<String> delivered = receipts(outbox).stream().map(FileDropTest::read).toList();
            String unified = String.join("", delivered).replaceAll("(?s).*<ClientSeqNo>FILE-DROP-1</ClientSeqNo>\\s*<SeqNo>([^<]+)</SeqNo>.*", "$1");
            assertThat(delivered).filteredOn(r -> r.contains("<DEC_RESULT>")).hasSize(2)
                    .allSatisfy(r -> assertThat(r).contains("<CUS_CIQ_NO>" + unified + "</CUS_CIQ_NO>"));
            assertThat(String.join("", delivered)).contains("<CHANNEL>L</CHANNEL>", "<CHANNEL>P</CHANNEL>");
            assertThat(new GatewayClient(gateway.getEnvironment().getProperty("local.server.port", Integer.class))
                    .awaitAcknowledged("demo-enterprise-key", trackingId, "P").get("businessKeys").get("SEQ_NO").get(0).asText())
                    .isEqualTo(unified);
        }
    }

    /** As a party's system should: write under a dot name, then rename, so half a file is never read. */
    private static void drop(Path directory, String name, byte[] content) throws IOException {
        Files.createDirectories(directory);
        Path part = directory.resolve("." + name + ".part");
        Files.write(part, content);
        Files.move(part, directory.resolve(name));
    }

    private static List<Path> receipts(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml") && !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
