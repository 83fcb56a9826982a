package org.casw.gateway.as4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.delivery.Outbound;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import com.helger.httpclient.HttpClientFactory;

/**
 * Run in a JVM of its own by {@link OutboundHttpsTrustTest}, because the JVM's default TLS context is made once per
 * process: posts to an https URL through the two clients the gateway delivers with, the HTTP channel and phase4's default
 * client factory (which {@link As4Channel} keeps), and prints one line per client.
 */
public final class OutboundHttpsProbe {

    private OutboundHttpsProbe() {
    }

    public static void main(String[] args) {
        String url = args[0];
        try (HttpChannel channel = new HttpChannel(u -> u, Duration.ofSeconds(20))) {
            PartnerProfile partner = new PartnerProfile("SG-NSW", "Singapore NSW", PartyRole.PARTNER_SINGLE_WINDOW, List.of(),
                    DeliveryChannel.HTTP, url, null, null, false, "SG", null, null, null, null);
            channel.deliver(partner, new Outbound("T-1", "M-1", "DECLARATION", "DEMO-ENTERPRISE", "SG-NSW",
                    "<probe/>".getBytes(StandardCharsets.UTF_8)));
            System.out.println("http-channel: delivered");
        } catch (Exception e) {
            System.out.println("http-channel: failed " + e);
        }
        try (CloseableHttpClient phase4 = new HttpClientFactory().createHttpClient()) {
            int status = phase4.execute(new HttpPost(url), response -> response.getCode());
            System.out.println("phase4-client: " + status);
        } catch (Exception e) {
            System.out.println("phase4-client: failed " + e);
        }
    }
}
