package org.casw.routes.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/**
 * Delivery by HTTP POST to the party's URL. Only a 2xx answer counts as delivered. The tracking id
 * travels in a header so the party can drop a redelivery it already has; where the agreement gives a
 * credential, it travels in {@code Authorization} (read per delivery, so a rotated token takes effect at once).
 * <p>
 * The client is blocking and keeps connections alive in a pool: on loopback it spent a sixth of the CPU per POST of the
 * JDK HttpClient, whose asynchronous machinery each synchronous send went through. Like that client it never resends
 * a POST by itself, follows no redirect (a 3xx is not delivered), keeps no cookies and trusts the JDK's trust store.
 */
public class HttpChannel implements PartnerChannel, AutoCloseable {

    public static final String TRACKING_HEADER = "X-SW-Tracking-Id";
    /** More than any number of delivery consumers, so that none waits for a connection to a busy party. */
    private static final int MAX_CONNECTIONS_PER_PARTY = 64;

    private final CloseableHttpClient client;
    private final UnaryOperator<String> urlResolver;
    private final Function<String, Optional<String>> authorization;

    /**
     * @param urlResolver resolves placeholders in configured URLs (e.g. the gateway's own port for loopback partners)
     */
    public HttpChannel(UnaryOperator<String> urlResolver, Duration timeout) {
        this(urlResolver, timeout, partyId -> Optional.empty());
    }

    /**
     * @param timeout       how long a party may take to answer (and to take a connection from the pool)
     * @param authorization per party id, the {@code Authorization} header value to deliver with, if its agreement has one
     */
    public HttpChannel(UnaryOperator<String> urlResolver, Duration timeout, Function<String, Optional<String>> authorization) {
        this.urlResolver = urlResolver;
        this.authorization = authorization;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_PARTY)
                        .setMaxConnTotal(4 * MAX_CONNECTIONS_PER_PARTY)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                        .setConnectionRequestTimeout(Timeout.of(timeout)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
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
        HttpPost request = new HttpPost(url);
        request.setHeader("Content-Type", contentType(outbound.payload()));
        request.setHeader(TRACKING_HEADER, outbound.trackingId());
        request.setHeader("X-SW-Message-Id", outbound.messageId() == null ? "" : outbound.messageId());
        request.setHeader("X-SW-Document-Type", outbound.documentType());
        request.setHeader("X-SW-Sender", outbound.sender());
        authorization.apply(partner.id()).ifPresent(value -> request.setHeader("Authorization", value));
        request.setEntity(new ByteArrayEntity(outbound.payload(), null)); // its type is the header above, as written
        Answer answer = client.execute(request, response -> {
            boolean delivered = response.getCode() / 100 == 2;
            // a delivered answer's body is read and dropped, so that the connection goes back to the pool
            String body = response.getEntity() == null ? ""
                    : delivered ? discard(response.getEntity()) : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Answer(response.getCode(), body);
        });
        if (answer.status() / 100 != 2) {
            throw new DeliveryRefusedException(partner.id() + " answered HTTP " + answer.status() + " from " + url
                    + (answer.body().isBlank() ? "" : ": " + answer.body().substring(0, Math.min(200, answer.body().length()))));
        }
        return "HTTP " + answer.status() + " from " + url;
    }

    private static String discard(HttpEntity entity) throws IOException {
        EntityUtils.consume(entity);
        return "";
    }

    /** Closes the pooled connections. */
    @Override
    public void close() throws IOException {
        client.close();
    }

    private record Answer(int status, String body) {
    }
}
