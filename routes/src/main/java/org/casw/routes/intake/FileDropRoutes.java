package org.casw.routes.intake;

import org.apache.camel.builder.RouteBuilder;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;

/**
 * Parties that exchange files drop documents into their own inbound directory: each file goes through
 * the same intake as the HTTP API, then moves to {@code .done/} (stored: the gateway answers for it) or
 * {@code .error/} (could not be stored: it will be taken again once moved back). The gateway receipt is
 * written to {@code .receipts/<file>.receipt.xml}. Files whose names start with a dot are not read, so
 * a party writes {@code .name.part} and renames it when complete.
 */
public class FileDropRoutes extends RouteBuilder {

    private final PartnerDirectory partners;
    private final GatewayReceipts receipts;
    private final long maxPayloadBytes;

    public FileDropRoutes(PartnerDirectory partners, GatewayReceipts receipts, long maxPayloadBytes) {
        this.partners = partners;
        this.receipts = receipts;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void configure() {
        for (PartnerProfile partner : partners.all()) {
            if (partner.inboundDirectory() == null || partner.inboundDirectory().isBlank()) {
                continue;
            }
            // the file is moved only after the intake stored it; a crash before that reads it again, and the
            // sender's message id makes the second reading answer with the first tracking id
            fromF("file:%s?autoCreate=true&move=.done/${file:name}&moveFailed=.error/${file:name}"
                    + "&readLock=changed&readLockCheckInterval=200&readLockMinAge=200&delay=500", partner.inboundDirectory())
                    .routeId("files-" + partner.id())
                    .process(exchange -> {
                        long size = exchange.getMessage().getHeader("CamelFileLength", 0L, Long.class);
                        exchange.setProperty("swFileName", exchange.getMessage().getHeader("CamelFileNameOnly", String.class));
                        // an oversized file is not read into memory: only its size is recorded
                        exchange.getMessage().setBody(Submission.bounded(partner.id(), "FILE",
                                size > maxPayloadBytes ? null : exchange.getMessage().getBody(byte[].class), size, maxPayloadBytes, null));
                    })
                    .to(IntakeRoute.INTAKE)
                    .process(exchange -> {
                        IntakeResult result = exchange.getMessage().getBody(IntakeResult.class);
                        exchange.getMessage().setBody(receipts.write(result));
                    })
                    .toF("file:%s/.receipts?fileName=${exchangeProperty.swFileName}.receipt.xml&tempPrefix=.part-", partner.inboundDirectory());
        }
    }
}
