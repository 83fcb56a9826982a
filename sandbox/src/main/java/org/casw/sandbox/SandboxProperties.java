package org.casw.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox partners on loopback ({@code sandbox.*}, defaults in {@code sandbox.yml}), each acting as its demo
 * party through the gateway's real channels: China customs (HTTP), the Qinzhou port and rail systems (JMS) and the
 * Singapore and Malaysia single windows (HTTP). Dev only: the production profile never loads them.
 */
@ConfigurationProperties(prefix = "sandbox", ignoreUnknownFields = false)
public record SandboxProperties(@DefaultValue Partner customs, @DefaultValue Partner port, @DefaultValue Partner rail,
        @DefaultValue Partner sgNsw, @DefaultValue Partner myNsw) {

    /** Every sandbox partner by its setting name ({@code sandbox.<name>}). */
    public Map<String, Partner> byName() {
        Map<String, Partner> all = new LinkedHashMap<>();
        all.put("customs", customs);
        all.put("port", port);
        all.put("rail", rail);
        all.put("sg-nsw", sgNsw);
        all.put("my-nsw", myNsw);
        return all;
    }

    /** No sandbox partner at all (unit tests). */
    public static SandboxProperties disabled() {
        Partner off = Partner.disabled();
        return new SandboxProperties(off, off, off, off, off);
    }

    /**
     * One sandbox partner ({@code sandbox.<name>.*}).
     *
     * @param party                the demo party it acts as (its agreement must exist)
     * @param apiKey               that party's API key (JMS partners: its broker password), dev only
     * @param delay                how long it takes before each answer
     * @param errorRate            share of deliveries it answers with an error (HTTP 500; JMS partners: an error text instead of their
     * document)
     * @param timeoutRate          share of answers it gives later than {@code gateway.delivery-timeout}
     * @param invalidSignatureRate share of its signed documents it tampers with after signing (single windows sign)
     * @param seed                 seed of its fault-injection random (none: a fresh one per start), so tests are reproducible
     * @param format               the format it speaks: the gateway's native {@code XML}, or for the port also
     *                             {@code EDIFACT-D96B} (COARRI discharge and CODECO gate-out reports)
     * @param connectOnStart       JMS partners: connect to the broker at start; false keeps it offline until
     *                             {@code POST /sandbox/<name>/connect} (its documents wait on its reply address)
     */
    public record Partner(@DefaultValue("false") boolean enabled, String party, String apiKey, @DefaultValue("2s") Duration delay,
            @DefaultValue("0") double errorRate, @DefaultValue("0") double timeoutRate, @DefaultValue("0") double invalidSignatureRate,
            Long seed, @DefaultValue("XML") String format, @DefaultValue("true") boolean connectOnStart) {

        public static Partner disabled() {
            return new Partner(false, null, null, Duration.ofSeconds(2), 0, 0, 0, null, "XML", true);
        }
    }
}
