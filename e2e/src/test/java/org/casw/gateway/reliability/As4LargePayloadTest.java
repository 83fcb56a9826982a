package org.casw.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.security.ApiKeys;
import org.casw.routes.rules.CheckDigits;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large document over AS4 to a gateway in its own JVM with a small heap ({@link GatewayProcess}'s 384 MB): a bare
 * phase4 partner pushes a ~32 MB sea manifest, signed, encrypted and gzip-compressed; the gateway answers with a
 * signed receipt only once it has stored the document, and what it stored is the document byte for byte.
 */
class As4LargePayloadTest {

    static final String CHINA_PARTY = "CN-CASW";
    static final String SINGAPORE_PARTY = "SG-SWGW";
    static final String SG_NSW_KEY = "large-as4-sg-nsw-key";
    static final long TARGET_BYTES = 32L * 1024 * 1024;

    static DevPki pki;
    static GatewayProcess china;
    static BareAs4Partner bare;

    @BeforeAll
    static void startGateway() throws Exception {
        Path base = TestData.newDataDir("as4-large");
        pki = DevPki.ensure(base.resolve("pki"));
        Path data = base.resolve("china");
        Files.createDirectories(data.resolve("agreements"));
        Files.createDirectories(data.resolve("certs"));
        try (Stream<Path> files = Files.list(pki.directory())) {
            for (Path file : files.toList()) {
                Files.copy(file, data.resolve("certs").resolve(file.getFileName()));
            }
        }
        Path singaporePem = As4GatewayExchangeTest.pem(base.resolve("singapore-gateway.pem"),
                pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        agreement(data, "CN-CUSTOMS", """
                role: CUSTOMS
                country: CN
                receives:
                  - document-type: MANIFEST
                """);
        // a carrier's agent reaching the gateway through its own access point: a party that may send manifests
        agreement(data, "SG-NSW", """
                role: PORT
                country: SG
                identifiers: [PABV-QZH-AGENT, PABV]
                api-keys: [%s]
                as4:
                  our-party-id: %s
                  party-id: %s
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                """.formatted(ApiKeys.development().digest(SG_NSW_KEY), CHINA_PARTY, SINGAPORE_PARTY, singaporePem));
        china = new GatewayProcess(data, List.of("--gateway.agreements=file:" + data.resolve("agreements") + "/*.yml",
                "--gateway.broker.acceptor-url=", "--gateway.max-payload-size=40MB",
                "--sandbox.customs.enabled=false", "--sandbox.port.enabled=false", "--sandbox.rail.enabled=false",
                "--sandbox.sg-nsw.enabled=false", "--sandbox.my-nsw.enabled=false")).start();
        bare = new BareAs4Partner(SINGAPORE_PARTY, CHINA_PARTY, pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048));
    }

    @AfterAll
    static void stop() {
        if (bare != null) {
            bare.close();
        }
        if (china != null) {
            china.close();
        }
    }

    @Test
    void aLargeManifestOverAs4IsStoredWholeBeforeItsSignedReceipt() throws Exception {
        String messageId = "AS4-LARGE-MT1101-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
        byte[] manifest = largeManifest(messageId, TARGET_BYTES);
        assertThat(manifest.length).isGreaterThan(30 * 1024 * 1024);
        IssuedIdentity singapore = pki.identity("SG-NSW", KeyFamily.RSA_2048);
        BareAs4Partner.Built built = bare.build("large-1@sg-swgw.test", manifest, singapore.privateKey(), singapore.certificate(),
                true, true);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + china.port() + "/as4"))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", built.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(built.body())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).as(answer.body()).contains("Receipt").contains("NonRepudiationInformation")
                .contains("large-1@sg-swgw.test").doesNotContain("EBMS:0");
        // the receipt was given after the document was stored: it is there at once, whole (the sender sees its one manifest)
        JsonNode page = GatewayClient.json(china.client().get(SG_NSW_KEY, "/api/v1/messages?type=MANIFEST"));
        assertThat(page.get("items")).as(page.toString()).hasSize(1);
        String trackingId = page.get("items").get(0).get("trackingId").asText();
        HttpResponse<byte[]> stored = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + china.port()
                + "/api/v1/messages/" + trackingId + "/payload")).header("Authorization", "Bearer " + SG_NSW_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body().length).isEqualTo(manifest.length);
        assertThat(sha256(stored.body())).isEqualTo(sha256(manifest));
        // and it goes on through the pipeline like any manifest: validated and routed to customs
        JsonNode routed = await().atMost(Duration.ofSeconds(120)).until(
                () -> GatewayClient.json(china.client().get(SG_NSW_KEY, "/api/v1/messages/" + trackingId)),
                m -> !"RECEIVED".equals(m.path("status").asText()));
        assertThat(routed.path("status").asText()).as(routed.toString()).isIn("VALIDATED", "SIGNED", "QUEUED", "DELIVERED");
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static void agreement(Path dataDir, String party, String body) throws IOException {
        Files.writeString(dataDir.resolve("agreements").resolve(party + ".yml"), "party: " + party + "\n" + body, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * An MT1101 import sea manifest Laem Chabang to Qinzhou of about {@code targetBytes}: one bill of lading per container,
     * each container with a valid ISO 6346 number, two items per bill with cargo descriptions padded to the size.
     */
    static byte[] largeManifest(String messageId, long targetBytes) {
        int bills = (int) Math.max(1, targetBytes / 2_600);
        String pad = ", lot marks and handling notes".repeat(12);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) targetBytes + (1 << 20));
        // sent an hour ago in China time: SendTime may not lie in the future
        String sent = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).minusHours(1).format(DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS"));
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Manifest xmlns=\"urn:casw:cn:manifest:1\">\n");
            w.write("  <Head>\n    <MessageID>" + messageId + "</MessageID>\n    <FunctionCode>9</FunctionCode>\n"
                    + "    <MessageType>MT1101</MessageType>\n    <SenderID>PABV-QZH-AGENT</SenderID>\n"
                    + "    <ReceiverID>CN-CUSTOMS-7205</ReceiverID>\n    <SendTime>" + sent + "</SendTime>\n"
                    + "    <Version>1.0</Version>\n  </Head>\n");
            w.write("  <Declaration>\n    <DeclarationOfficeID>7205</DeclarationOfficeID>\n    <BorderTransportMeans>\n"
                    + "      <JourneyID>0342N</JourneyID>\n      <TypeCode>1</TypeCode>\n      <ID>IMO9321483</ID>\n"
                    + "      <Name>KOTA CAHAYA</Name>\n      <FirstArrivalLocationID>CNQZH</FirstArrivalLocationID>\n"
                    + "      <ArrivalDateTime>20261121060000000</ArrivalDateTime>\n"
                    + "      <DepartureDateTime>20261117220000000</DepartureDateTime>\n    </BorderTransportMeans>\n"
                    + "    <Carrier>\n      <ID>PABV</ID>\n    </Carrier>\n"
                    + "    <LoadingLocation>\n      <ID>THLCH</ID>\n      <LoadingDateTime>20261117180000000</LoadingDateTime>\n"
                    + "    </LoadingLocation>\n    <UnloadingLocation>\n      <ID>CNQZH</ID>\n"
                    + "      <ArrivalDateTime>20261121060000000</ArrivalDateTime>\n    </UnloadingLocation>\n");
            for (int c = 0; c < bills; c++) {
                String prefix = "BNCU" + String.format("%06d", c);
                String container = prefix + CheckDigits.containerCheckDigit(prefix);
                w.write("    <Consignment>\n      <TransportContractDocument>\n        <ID>BL" + Math.floorMod(messageId.hashCode(), 1000)
                        + "-"
                        + String.format("%06d", c) + "</ID>\n      </TransportContractDocument>\n      <ConsignmentPackaging>\n"
                        + "        <QuantityQuantity>" + (600 + c % 1000) + "</QuantityQuantity>\n      </ConsignmentPackaging>\n"
                        + "      <TotalGrossMassMeasure>21460.5</TotalGrossMassMeasure>\n"
                        + "      <Consignee>\n        <Name>Guangxi Beibu Gulf Trading Co., Ltd. branch " + (c % 97) + "</Name>\n"
                        + "        <ID>91450700MA5L3QR71R</ID>\n      </Consignee>\n"
                        + "      <Consignor>\n        <Name>Songkhla Export Co., Ltd. " + (c % 89) + "</Name>\n      </Consignor>\n");
                item(w, 1, "081060", "Fresh durian, Monthong, cartons of 12.4 kg" + pad, "20160.5", container);
                item(w, 2, "400122", "Technically specified natural rubber STR 20, bales" + pad, "1300", container);
                w.write("      <TransportEquipment>\n        <EquipmentIdentification>\n          <ID>" + container + "</ID>\n"
                        + "        </EquipmentIdentification>\n        <CharacteristicCode>45G1</CharacteristicCode>\n"
                        + "        <FullnessCode>8</FullnessCode>\n        <SealID>TH" + String.format("%07d", c) + "</SealID>\n"
                        + "      </TransportEquipment>\n    </Consignment>\n");
            }
            w.write("  </Declaration>\n</Manifest>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void item(Writer w, int sequence, String hs, String description, String mass, String container) throws IOException {
        w.write("      <ConsignmentItem>\n        <SequenceNumeric>" + sequence + "</SequenceNumeric>\n"
                + "        <Commodity>\n          <CargoDescription>" + description + "</CargoDescription>\n"
                + "          <Classification>\n            <ID>" + hs + "</ID>\n          </Classification>\n"
                + "        </Commodity>\n        <GoodsMeasure>\n          <GrossMassMeasure>" + mass + "</GrossMassMeasure>\n"
                + "        </GoodsMeasure>\n        <EquipmentIdentification>\n          <ID>" + container + "</ID>\n"
                + "        </EquipmentIdentification>\n      </ConsignmentItem>\n");
    }
}
