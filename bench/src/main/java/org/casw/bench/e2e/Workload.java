package org.casw.bench.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a step sends, as whom, over which channel, and who receives it on the default agreements
 * (gateway/src/main/resources/agreements): the sender is a party the agreements let send that family, the
 * receiver the party whose {@code receives:} routing takes it, delivered by HTTP to the loopback partner inbox.
 *
 * @param name           as on the command line, e.g. {@code manifests-jms}
 * @param family         which document
 * @param channel        HTTP (the API) or JMS (the sender's inbound address on the gateway's broker)
 * @param sender         the submitting party
 * @param apiKey         its demo API key (also its broker password)
 * @param inboundAddress JMS only: where it sends
 * @param replyAddress   JMS only: where the gateway receipts come back
 * @param receiver       the party the document is routed to (its delivery URL is the partner inbox)
 */
public record Workload(String name, Documents.Family family, String channel, String sender, String apiKey, String inboundAddress,
        String replyAddress, String receiver) {

    /** Every workload the driver knows. */
    public static final List<Workload> ALL = List.of(
            // the demo importer declares under its own USCC (DecHead/AgentCodeScc), as the sender check demands
            new Workload("declarations", Documents.Family.DECLARATION, "HTTP", "DEMO-ENTERPRISE", "demo-enterprise-key", null, null,
                    "CN-CUSTOMS"),
            // MT1101 import sea manifest over the API by the port (it would also go to PORT-QINZHOU, but never back to its sender)
            new Workload("manifests", Documents.Family.SEA_MANIFEST, "HTTP", "PORT-QINZHOU", "demo-port-key", null, null, "CN-CUSTOMS"),
            // a China-issued CSFTA certificate for an export to Singapore, by its issuer (China customs, SM2-signed as only the
            // issuing authority may send it): routed by importing country to SG-NSW, delivered by HTTP, native XML, carrying
            // the issuer's own signature (the gateway forwards a verified sender's signature rather than adding its own)
            new Workload("certificates", Documents.Family.CERTIFICATE, "HTTP", "CN-CUSTOMS", "sandbox-customs-key", null, null,
                    "SG-NSW"),
            // an RCEP certificate for an export to Thailand, by China customs for its approved exporter: routed to TH-NSW, whose
            // agreement accepts certificates as ASW-ECO (translated, then signed xmldsig-ecdsa-sha256 + XAdES); TH-NSW's channel
            // is a mailbox on the agreements, so the driver switches it to HTTP to the partner inbox
            new Workload("certificates-th", Documents.Family.CERTIFICATE_TH, "HTTP", "CN-CUSTOMS", "sandbox-customs-key", null,
                    null, "TH-NSW"),
            // the same MT1101 on the port's inbound address (sw.in.port), receipts on sw.reply.PORT-QINZHOU
            new Workload("manifests-jms", Documents.Family.SEA_MANIFEST, "JMS", "PORT-QINZHOU", "demo-port-key", "sw.in.port",
                    "sw.reply.PORT-QINZHOU", "CN-CUSTOMS"),
            // MT1401 rail import manifest by the railway on sw.in.rail (rail manifests also go to RAIL-QINZHOU: not to its sender)
            new Workload("rail-manifests-jms", Documents.Family.RAIL_MANIFEST, "JMS", "RAIL-QINZHOU", "demo-rail-key", "sw.in.rail",
                    "sw.reply.RAIL-QINZHOU", "CN-CUSTOMS"));

    /** The receivers any workload delivers to: each gets a partner-inbox path and a delivery URL override. */
    public static final List<String> RECEIVERS = List.of("CN-CUSTOMS", "SG-NSW", "TH-NSW");

    public static Workload named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(w -> w.name().equals(wanted)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown workload " + name + " (one of " + Arrays.toString(ALL.stream().map(Workload::name).toArray()) + ")"));
    }

    /** Certificates of origin are accepted only with their issuer's signature: each copy is signed by the sender. */
    public boolean signedByIssuer() {
        return family == Documents.Family.CERTIFICATE || family == Documents.Family.CERTIFICATE_TH;
    }

    /** A native document signed by its issuer reaches its receiver with that signature; a translated one is re-signed. */
    public boolean keepsIssuerSignature() {
        return family == Documents.Family.CERTIFICATE;
    }

    public boolean jms() {
        return channel.equals("JMS");
    }

    /** For the report: "MT1101 sea manifest, PORT-QINZHOU over JMS -> CN-CUSTOMS". */
    public String describe() {
        return family.description() + ", " + sender + " over " + channel + (jms() ? " (" + inboundAddress + ")" : "") + " -> " + receiver;
    }
}
