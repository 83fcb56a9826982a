package org.casw.gateway.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.document.DocumentType;
import org.casw.routes.routing.RoutingFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One YAML file per party; a broken file stops start-up with the file, the line and the problem. */
class PartnerAgreementFilesTest {

    @TempDir
    Path dir;

    @Test
    void theShippedDemoAgreementsLoadAndRouteByContent() {
        StandardEnvironment environment = environment(PartnerAgreementFiles.DEFAULT_LOCATION);

        ConfiguredPartners partners = new ConfiguredPartners(bind(environment), environment);

        assertThat(partners.all()).extracting(p -> p.id())
                .contains("CN-CUSTOMS", "DEMO-ENTERPRISE", "PORT-QINZHOU", "RAIL-QINZHOU", "SG-NSW", "MY-NSW", "TH-NSW");
        assertThat(partners.receiversFor(DocumentType.MANIFEST, RoutingFacts.of(Map.of("mode", "SEA", "direction", "IMPORT",
                "message-type", "MT1101")))).containsExactly("CN-CUSTOMS", "PORT-QINZHOU");
        assertThat(partners.receiversFor(DocumentType.CERTIFICATE_OF_ORIGIN, RoutingFacts.of(Map.of("importing-country", "SG"))))
                .containsExactly("SG-NSW");
        assertThat(partners.receiversFor(DocumentType.CERTIFICATE_UTILIZATION, RoutingFacts.of(Map.of("exporting-country", "TH"))))
                .containsExactly("TH-NSW");
        // the Qinzhou terminal and rail yard send CODECO and COARRI in the directories of SMDG's user manuals too
        assertThat(partners.find("PORT-QINZHOU").orElseThrow().edifact().directories()).containsExactly("D96B", "D95B", "D00B");
        assertThat(partners.find("RAIL-QINZHOU").orElseThrow().edifact().directories()).containsExactly("D96B", "D95B", "D00B");
        assertThat(partners.find("CN-CUSTOMS").orElseThrow().edifact().directories()).containsExactly("D96B");
    }

    @Test
    void aProblemInAFileNamesTheFileAndTheLine() throws IOException {
        write("CN-CUSTOMS.yml", """
                party: CN-CUSTOMS
                role: CUSTOMS
                delivery:
                  channel: HTTP
                  url: "ftp://customs.example/inbox"
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-contry: [CN]}
                """);
        StandardEnvironment environment = environment("file:" + dir + "/*.yml");

        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactly(
                        "CN-CUSTOMS.yml line 5 (delivery.url): must be an http or https URL",
                        "CN-CUSTOMS.yml line 8 (receives[0].when.importing-contry): CERTIFICATE_OF_ORIGIN offers no fact 'importing-contry';"
                                + " known: [agreement, exporting-country, form-type, importing-country]"));
    }

    @Test
    void aMissingSettingIsPlacedInItsPartysFile() throws IOException {
        write("PORT-QINZHOU.yml", "party: PORT-QINZHOU\n");
        StandardEnvironment environment = environment("file:" + dir + "/*.yml");

        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems())
                        .containsExactly("PORT-QINZHOU.yml (role): missing (one of ENTERPRISE, CUSTOMS, PORT, RAIL, PARTNER_SINGLE_WINDOW)"));
    }

    @Test
    void anUnknownSettingIsRefusedWithItsFileAndLine() throws IOException {
        write("SG-NSW.yml", """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                retyr:
                  max-attempts: 3
                """);
        StandardEnvironment environment = environment("file:" + dir + "/*.yml");

        assertThatThrownBy(() -> Binder.get(environment).bind("gateway", Bindable.of(GatewayProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("retyr.max-attempts");
        assertThat(AgreementLocator.of(environment).where("SG-NSW", "retyr.max-attempts")).isEqualTo("SG-NSW.yml line 4 (retyr.max-attempts)");
    }

    @Test
    void brokenFilesAreAllReportedBeforeAnythingStarts() throws IOException {
        write("CN-CUSTOMS.yml", "party: CN-CUSTOMS\nrole: [unclosed\n");
        write("PORT-QINZHOU.yml", "role: PORT\n");
        write("RAIL.yml", "party: RAIL-QINZHOU\nrole: RAIL\n");
        write("RAIL-QINZHOU.yml", "party: RAIL-QINZHOU\nrole: RAIL\n");

        assertThatThrownBy(() -> environment("file:" + dir + "/*.yml"))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.problems().get(0)).startsWith("CN-CUSTOMS.yml: not valid YAML:").contains("line 3");
                    assertThat(e.problems().get(1)).isEqualTo("PORT-QINZHOU.yml: 'party' is missing: the file must name its party id"
                            + " (e.g. party: CN-CUSTOMS)");
                    assertThat(e.problems().get(2)).isEqualTo("RAIL.yml: holds the agreement of RAIL-QINZHOU; name the file"
                            + " RAIL-QINZHOU.yml so operators find it");
                    assertThat(e.problems().get(3)).isEqualTo("RAIL.yml: RAIL-QINZHOU already has an agreement in RAIL-QINZHOU.yml");
                });
    }

    @Test
    void noAgreementAtAllIsRefused() {
        assertThatThrownBy(() -> environment("file:" + dir + "/*.yml"))
                .isInstanceOf(InvalidPartnerAgreementException.class).hasMessageContaining("no partner agreement found");
    }

    @Test
    void aClassPathFolderThatDoesNotExistIsReportedAsNoAgreementFound() {
        // gateway.jar ships no agreements: its default location names a folder that is not there
        assertThatThrownBy(() -> environment("classpath:no-such-agreements/*.yml"))
                .isInstanceOf(InvalidPartnerAgreementException.class).hasMessageContaining("no partner agreement found")
                .hasMessageContaining("the demo agreements ship in gateway-kit.jar").hasMessageNotContaining("cannot be read");
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    private static StandardEnvironment environment(String location) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("gateway.agreements", location)));
        new PartnerAgreementFiles().postProcessEnvironment(environment, null);
        return environment;
    }

    private static GatewayProperties bind(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("gateway", Bindable.of(GatewayProperties.class));
    }
}
