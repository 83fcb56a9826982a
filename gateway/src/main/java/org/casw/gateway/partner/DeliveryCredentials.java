package org.casw.gateway.partner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.security.SecretFile;
import org.casw.routes.partner.DeliveryChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The bearer tokens HTTP deliveries carry, one file per agreement ({@code delivery.authorization-file}). The
 * token stays in its file (0600), never in configuration; it is read per delivery, so a rotated token takes
 * effect at once. Every file is checked once all beans exist (the sandbox makes its own token first).
 */
@Component
public class DeliveryCredentials implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DeliveryCredentials.class);
    private static final String SETTING = "delivery.authorization-file";

    private final Map<String, Path> files = new LinkedHashMap<>();
    private final AgreementLocator locate;

    @Autowired
    public DeliveryCredentials(GatewayProperties properties, Environment environment) {
        this(properties, AgreementLocator.of(environment));
    }

    DeliveryCredentials(GatewayProperties properties, AgreementLocator locate) {
        this.locate = locate;
        Map<String, GatewayProperties.Partner> partners = properties.partners() == null ? Map.of() : properties.partners();
        partners.forEach((id, partner) -> {
            Path file = partner.delivery().authorizationFile();
            if (file == null) {
                return;
            }
            if (partner.delivery().channel() == DeliveryChannel.HTTP) {
                files.put(id, file);
            } else {
                // e.g. a partner switched to JMS by an override: its token has no use there, and is not read
                log.warn("{}: only HTTP deliveries carry a bearer token; {} delivers by {}, so the file is not used",
                        locate.where(id, SETTING), id, partner.delivery().channel());
            }
        });
    }

    /** Every token file must be readable by the gateway alone before the first delivery. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        files.forEach((id, file) -> {
            try {
                SecretFile.read(file, locate.where(id, SETTING));
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
    }

    /** The {@code Authorization} header value for a party's deliveries, if its agreement names a token file. */
    public Optional<String> authorization(String partyId) {
        Path file = files.get(partyId);
        return file == null ? Optional.empty() : Optional.of("Bearer " + SecretFile.read(file, partyId + " " + SETTING));
    }
}
