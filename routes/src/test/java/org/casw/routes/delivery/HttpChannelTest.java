package org.casw.routes.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** An HTTP delivery carries the credential the party's agreement gives it, and none where it gives none. */
class HttpChannelTest {

    private HttpServer inbox;
    private final BlockingQueue<Optional<String>> authorizations = new LinkedBlockingQueue<>();

    @BeforeEach
    void startInbox() throws Exception {
        inbox = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        inbox.createContext("/inbox", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(200, -1);
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

    private PartnerProfile partner(String id) {
        return new PartnerProfile(id, id, PartyRole.PARTNER_SINGLE_WINDOW, List.of(), DeliveryChannel.HTTP,
                "http://127.0.0.1:" + inbox.getAddress().getPort() + "/inbox", null, null, false, "SG", List.of(), Map.of(), null, null);
    }

    private static Outbound outbound() {
        return new Outbound("SW-1", "M-1", "CERTIFICATE_OF_ORIGIN", "CASW", "SG-NSW", "<x/>".getBytes(StandardCharsets.UTF_8));
    }
}
