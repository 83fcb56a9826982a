package org.casw.routes.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery into a drop directory the party shares: nothing it planted there is written through. */
class FileDropChannelTest {

    private static final byte[] DOCUMENT = "<CusResponse>delivered</CusResponse>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void aLinkPlantedUnderTheTemporaryNameIsNotFollowed() throws Exception {
        Path outbox = Files.createDirectories(temp.resolve("outbox"));
        Path victim = Files.writeString(temp.resolve("gateway-key.pem"), "SECRET");
        // the name the gateway used to write under before renaming, predictable from the tracking id
        Files.createSymbolicLink(outbox.resolve(".SW-1.xml.part"), victim);

        new FileDropChannel().deliver(party(outbox), outbound("SW-1"));

        assertThat(Files.readString(victim)).isEqualTo("SECRET");
        assertDelivered(outbox.resolve("SW-1.xml"));
    }

    @Test
    void aLinkPlantedUnderTheDeliveredNameIsReplacedNotTakenForTheDocument() throws Exception {
        Path outbox = Files.createDirectories(temp.resolve("outbox"));
        // the link points at a file with the document's very bytes: a redelivery check that follows it says "already there"
        Path elsewhere = Files.write(temp.resolve("elsewhere.xml"), DOCUMENT);
        Files.createSymbolicLink(outbox.resolve("SW-2.xml"), elsewhere);

        new FileDropChannel().deliver(party(outbox), outbound("SW-2"));

        assertDelivered(outbox.resolve("SW-2.xml"));
        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(DOCUMENT);
    }

    @Test
    void aRedeliveryOfTheSameDocumentLeavesTheFileAsItIs() throws Exception {
        Path outbox = Files.createDirectories(temp.resolve("outbox"));
        new FileDropChannel().deliver(party(outbox), outbound("SW-3"));

        assertThat(new FileDropChannel().deliver(party(outbox), outbound("SW-3"))).startsWith("already in");
        assertDelivered(outbox.resolve("SW-3.xml"));
        try (var files = Files.list(outbox)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("SW-3.xml");
        }
    }

    private static void assertDelivered(Path file) throws Exception {
        assertThat(Files.isSymbolicLink(file)).as(file + " is a link").isFalse();
        assertThat(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(DOCUMENT);
    }

    private static Outbound outbound(String trackingId) {
        return new Outbound(trackingId, "M-" + trackingId, "DECLARATION_RECEIPT", "CN-CUSTOMS", "DEMO-ENTERPRISE", DOCUMENT);
    }

    private static PartnerProfile party(Path outbox) {
        return new PartnerProfile("DEMO-ENTERPRISE", "Demo enterprise", PartyRole.ENTERPRISE, List.of(), DeliveryChannel.FILE, null,
                null, null, false, "CN", List.of(), null, outbox.toString(), null);
    }
}
