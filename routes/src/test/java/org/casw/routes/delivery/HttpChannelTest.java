package org.casw.routes.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An HTTP delivery carries the credential the party's agreement gives it, and none where it gives none; it carries the
 * document's headers, counts only a 2xx as delivered, follows no redirect and reuses its connection.
 */
class HttpChannelTest {

    private HttpServer inbox;
    private final BlockingQueue<Optional<String>> authorizations = new LinkedBlockingQueue<>();
    private final BlockingQueue<Map<String, String>> headers = new LinkedBlockingQueue<>();
    private final BlockingQueue<InetSocketAddress> peers = new LinkedBlockingQueue<>();

    @BeforeEach
    void startInbox() throws Exception {
        inbox = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        inbox.createContext("/inbox", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
                Map<String, String> received = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                headers.add(received);
                peers.add(exchange.getRemoteAddress());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        inbox.createContext("/refusing", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "XML_MALFORMED: not what we expect".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        inbox.createContext("/moved", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", "/inbox");
                exchange.sendResponseHeaders(307, -1);
            }
        });
        inbox.start();
    }

    @AfterEach
    void stopInbox() {
        inbox.stop(0);
    }

    @Test
    void aDeliveryCarriesThePartysBearerTokenInAuthorization() throws Exception {
        HttpChannel channel = new HttpChannel(url -> url, Duration.ofSeconds(5),
                party -> party.equals("SG-NSW") ? Optional.of("Bearer the-token") : Optional.empty());

        channel.deliver(partner("SG-NSW"), outbound());
        channel.deliver(partner("MY-NSW"), outbound());

        assertThat(authorizations.poll(5, TimeUnit.SECONDS)).contains("Bearer the-token");
        assertThat(authorizations.poll(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aDeliveryCarriesTheDocumentsHeadersAndReusesItsConnection() throws Exception {
        try (HttpChannel channel = new HttpChannel(url -> url, Duration.ofSeconds(5))) {
            String confirmation = channel.deliver(partner("SG-NSW"), outbound());
            channel.deliver(partner("SG-NSW"), new Outbound("SW-2", null, "SEA_MANIFEST", "CASW", "SG-NSW",
                    "UNB+UNOC:3+CASW+SG-NSW'".getBytes(StandardCharsets.UTF_8)));

            assertThat(confirmation).isEqualTo("HTTP 200 from " + url("/inbox"));
            assertThat(headers.poll(5, TimeUnit.SECONDS)).containsEntry("content-type", "application/xml")
                    .containsEntry("x-sw-tracking-id", "SW-1").containsEntry("x-sw-message-id", "M-1")
                    .containsEntry("x-sw-document-type", "CERTIFICATE_OF_ORIGIN").containsEntry("x-sw-sender", "CASW")
                    .doesNotContainKey("authorization");
            assertThat(headers.poll(5, TimeUnit.SECONDS)).containsEntry("content-type", "application/EDIFACT")
                    .containsEntry("x-sw-tracking-id", "SW-2").containsEntry("x-sw-message-id", "");
            // kept alive: the second delivery came over the first one's connection
            assertThat(peers.poll(5, TimeUnit.SECONDS)).isEqualTo(peers.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anAnswerOtherThan2xxIsNotADeliveryAndSaysWhatThePartyAnswered() throws Exception {
        try (HttpChannel channel = new HttpChannel(url -> url, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> channel.deliver(partner("SG-NSW", "/refusing"), outbound()))
                    .isInstanceOf(DeliveryRefusedException.class)
                    .hasMessage("SG-NSW answered HTTP 503 from " + url("/refusing") + ": XML_MALFORMED: not what we expect");
            // a redirect is an answer, not a delivery elsewhere
            assertThatThrownBy(() -> channel.deliver(partner("SG-NSW", "/moved"), outbound()))
                    .isInstanceOf(DeliveryRefusedException.class).hasMessage("SG-NSW answered HTTP 307 from " + url("/moved"));
            assertThat(headers).isEmpty();
        }
    }

    private PartnerProfile partner(String id) {
        return partner(id, "/inbox");
    }

    private PartnerProfile partner(String id, String path) {
        return new PartnerProfile(id, id, PartyRole.PARTNER_SINGLE_WINDOW, List.of(), DeliveryChannel.HTTP,
                url(path), null, null, false, "SG", List.of(), Map.of(), null, null);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + inbox.getAddress().getPort() + path;
    }

    private static Outbound outbound() {
        return new Outbound("SW-1", "M-1", "CERTIFICATE_OF_ORIGIN", "CASW", "SG-NSW", "<x/>".getBytes(StandardCharsets.UTF_8));
    }
}
