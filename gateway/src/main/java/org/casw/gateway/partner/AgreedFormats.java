package org.casw.gateway.partner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.PartyFormats;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code formats} of each agreement bound to the translators the gateway has, checked at start-up:
 * a format no translator reads or writes (or one that cannot write that document type) is named with
 * its file and line.
 */
@Component
public class AgreedFormats implements PartyFormats {

    private final Map<String, List<InboundTranslator>> inbound = new LinkedHashMap<>();
    private final Map<String, Map<DocumentType, OutboundTranslator>> outbound = new LinkedHashMap<>();

    @Autowired
    public AgreedFormats(GatewayProperties properties, ObjectProvider<InboundTranslator> inboundTranslators,
            ObjectProvider<OutboundTranslator> outboundTranslators, Environment environment) {
        this(properties, inboundTranslators.orderedStream().toList(), outboundTranslators.orderedStream().toList(),
                AgreementLocator.of(environment));
    }

    AgreedFormats(GatewayProperties properties, List<InboundTranslator> readers, List<OutboundTranslator> writers,
            AgreementLocator locate) {
        List<String> problems = new ArrayList<>();
        Map<String, GatewayProperties.Partner> partners = properties.partners() == null ? Map.of() : properties.partners();
        partners.forEach((partyId, partner) -> {
            GatewayProperties.Formats formats = partner.formats();
            List<String> sends = formats == null || formats.sends() == null ? List.of() : formats.sends();
            for (int i = 0; i < sends.size(); i++) {
                String format = sends.get(i);
                List<InboundTranslator> found = readers.stream().filter(r -> r.format().equals(format)).toList();
                if (found.isEmpty()) {
                    problems.add(locate.where(partyId, "formats.sends[" + i + "]") + ": no translator reads '" + format + "'; known: "
                            + new TreeSet<>(readers.stream().map(InboundTranslator::format).toList()));
                }
                inbound.computeIfAbsent(partyId, p -> new ArrayList<>()).addAll(found);
            }
            // a party is answered in the format it sends: an interchange report (CONTRL) to a party that sends EDIFACT
            writers.stream().filter(w -> sends.contains(w.format()) && w.translates(DocumentType.INTERCHANGE_REPORT)).findFirst()
                    .ifPresent(w -> outbound.computeIfAbsent(partyId, p -> new LinkedHashMap<>()).put(DocumentType.INTERCHANGE_REPORT, w));
            Map<DocumentType, String> accepts = formats == null || formats.accepts() == null ? Map.of() : formats.accepts();
            accepts.forEach((type, format) -> {
                Optional<OutboundTranslator> writer = writers.stream().filter(w -> w.format().equals(format) && w.translates(type))
                        .findFirst();
                if (writer.isEmpty()) {
                    problems.add(locate.where(partyId, "formats.accepts." + type) + ": no translator writes " + type + " as '" + format
                            + "'; known formats: " + new TreeSet<>(writers.stream().map(OutboundTranslator::format).toList()));
                } else {
                    outbound.computeIfAbsent(partyId, p -> new LinkedHashMap<>()).put(type, writer.get());
                }
            });
        });
        if (!problems.isEmpty()) {
            throw new InvalidPartnerAgreementException(problems);
        }
    }

    @Override
    public Optional<InboundTranslator> inboundFor(String sender, byte[] payload) {
        return inbound.getOrDefault(sender, List.of()).stream().filter(t -> t.recognises(payload)).findFirst();
    }

    @Override
    public Optional<OutboundTranslator> outboundFor(String receiver, DocumentType type) {
        return Optional.ofNullable(outbound.getOrDefault(receiver, Map.of()).get(type));
    }
}
