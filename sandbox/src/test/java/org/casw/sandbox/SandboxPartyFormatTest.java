package org.casw.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.AgreementLocator;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.casw.gateway.security.ApiKeys;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartyRole;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox {@code format} setting: XML or, where the sandbox writes it and the agreement sends it, EDIFACT-D96B. */
class SandboxPartyFormatTest {

    private static final Set<String> PORT_WRITES = Set.of(SandboxParty.NATIVE, SandboxParty.EDIFACT);

    @Test
    void thePortSpeaksEdifactWhenItsAgreementSendsIt() {
        SandboxParty port = SandboxParty.of("port", settings("edifact-d96b"), partners(List.of("EDIFACT-D96B")), false, PORT_WRITES);

        assertThat(port.format()).isEqualTo(SandboxParty.EDIFACT);
        assertThat(SandboxParty.of("port", settings("XML"), partners(List.of()), false, PORT_WRITES).format()).isEqualTo(SandboxParty.NATIVE);
    }

    @Test
    void aFormatTheSandboxCannotWriteStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> SandboxParty.of("port", settings("ASW-ECO"), partners(List.of("EDIFACT-D96B")), false, PORT_WRITES))
                .hasMessageContaining("sandbox.port.format").hasMessageContaining("ASW-ECO");
        // a sandbox that writes only XML (customs, rail, windows) refuses EDIFACT
        assertThatThrownBy(() -> SandboxParty.of("port", settings("EDIFACT-D96B"), partners(List.of("EDIFACT-D96B")), false))
                .hasMessageContaining("sandbox.port.format").hasMessageContaining("speaks XML");
    }

    @Test
    void edifactTheAgreementDoesNotSendStopsStartUp() {
        assertThatThrownBy(() -> SandboxParty.of("port", settings("EDIFACT-D96B"), partners(List.of()), false, PORT_WRITES))
                .hasMessageContaining("sandbox.port.format").hasMessageContaining("formats.sends");
    }

    private static SandboxProperties.Partner settings(String format) {
        return new SandboxProperties.Partner(true, "PORT-QINZHOU", "port-key-for-tests", Duration.ofSeconds(1), 0, 0, 0, 1L, format, false);
    }

    private static ConfiguredPartners partners(List<String> sends) {
        GatewayProperties.Partner port = new GatewayProperties.Partner(null, null, PartyRole.PORT, null, List.of("91450700MA5KX41CXK"),
                List.of(ApiKeys.development().digest("port-key-for-tests")), new GatewayProperties.Delivery(DeliveryChannel.MAILBOX, null, null), null, null, null, false,
                new GatewayProperties.Signatures(null, "SHA1", false, false, List.of(), List.of(), List.of(), List.of(), null, List.of(), false), null,
                List.of(), new GatewayProperties.Formats(sends, Map.of()), null, null, null,
                null, null, null);
        GatewayProperties properties = new GatewayProperties(Path.of("data"), PartnerAgreementFiles.DEFAULT_LOCATION, DataSize.ofMegabytes(10), 2, 4,
                Duration.ofSeconds(30), Map.of("PORT-QINZHOU", port),
                new GatewayProperties.Broker(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), "", 0.2, null, Duration.ofNanos(100_000)),
                new GatewayProperties.EmbeddedDatabase(0), new GatewayProperties.Signing(Map.of(), Map.of()), Map.of(),
                new GatewayProperties.Certificates(30), true, GatewayProperties.Aeo.none(), null,
                null, null, null, null);
        return new ConfiguredPartners(properties, AgreementLocator.none());
    }
}
