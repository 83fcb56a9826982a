package org.casw.routes.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/**
 * Delivery by HTTP POST to the party's URL. Only a 2xx answer counts as delivered. The tracking id
 * travels in a header so the party can drop a redelivery it already has; where the agreement gives a
 * credential, it travels in {@code Authorization} (read per delivery, so a rotated token takes effect at once).
 */
public class HttpChannel implements PartnerChannel {

    public static final String TRACKING_HEADER = "X-SW-Tracking-Id";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final UnaryOperator<String> urlResolver;
    private final Duration timeout;
    private final Function<String, Optional<String>> authorization;

    /**
     * @param urlResolver resolves placeholders in configured URLs (e.g. the gateway's own port for loopback partners)
     */
    public HttpChannel(UnaryOperator<String> urlResolver, Duration timeout) {
        this(urlResolver, timeout, partyId -> Optional.empty());
    }

    /**
     * @param authorization per party id, the {@code Authorization} header value to deliver with, if its agreement has one
     */
    public HttpChannel(UnaryOperator<String> urlResolver, Duration timeout, Function<String, Optional<String>> authorization) {
        this.urlResolver = urlResolver;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    /** UN/EDIFACT interchanges start with their service string advice (UNA) or header (UNB); anything else is XML. */
    public static String contentType(byte[] payload) {
        String start = new String(payload, 0, Math.min(3, payload.length), StandardCharsets.US_ASCII);
        return start.equals("UNA") || start.equals("UNB") ? "application/EDIFACT" : "application/xml";
    }

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.HTTP;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) throws Exception {
        URI url = URI.create(urlResolver.apply(partner.deliveryUrl()));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", contentType(outbound.payload()))
                .header(TRACKING_HEADER, outbound.trackingId())
                .header("X-SW-Message-Id", outbound.messageId() == null ? "" : outbound.messageId())
                .header("X-SW-Document-Type", outbound.documentType())
                .header("X-SW-Sender", outbound.sender())
                .POST(HttpRequest.BodyPublishers.ofByteArray(outbound.payload()));
        authorization.apply(partner.id()).ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new DeliveryRefusedException(partner.id() + " answered HTTP " + response.statusCode() + " from " + url
                    + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
        }
        return "HTTP " + response.statusCode() + " from " + url;
    }
}
