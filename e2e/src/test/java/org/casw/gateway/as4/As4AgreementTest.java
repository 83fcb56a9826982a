package org.casw.gateway.as4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.gateway.partner.InvalidPartnerAgreementException;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.casw.routes.partner.DeliveryChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An agreement may deliver by AS4; its P-Mode values are checked at start-up like every other setting. */
class As4AgreementTest {

    @TempDir
    Path dir;

    @Test
    void anAs4AgreementIsReadWithItsPModeValuesAndThePartnersCertificate() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("sg-gateway.pem");
        Files.writeString(pem, pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        write("SG-NSW.yml", """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                delivery:
                  channel: AS4
                as4:
                  our-party-id: CN-CASW
                  party-id: SG-NSW
                  party-id-type: urn:casw:party:sg
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  endpoint: https://as4.sg.example/as4
                  certificate: %s
                  must-encrypt: false
                """.formatted(pem));
        StandardEnvironment environment = environment();

        ConfiguredPartners partners = new ConfiguredPartners(bind(environment), environment);

        assertThat(partners.find("SG-NSW").orElseThrow().channel()).isEqualTo(DeliveryChannel.AS4);
        As4Agreement as4 = partners.as4("SG-NSW").orElseThrow();
        assertThat(as4.ourPartyId()).isEqualTo("CN-CASW");
        assertThat(as4.ourPartyIdType()).isEqualTo(GatewayProperties.As4.UNREGISTERED);
        assertThat(as4.partyIdType()).isEqualTo("urn:casw:party:sg");
        assertThat(as4.endpoint()).isEqualTo("https://as4.sg.example/as4");
        assertThat(as4.certificate()).isEqualTo(pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        assertThat(as4.mustSign()).isTrue();
        assertThat(as4.mustEncrypt()).isFalse();
    }

    @Test
    void aMissingOrBadAs4ValueIsReportedWithItsFileAndLine() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path ecPem = dir.resolve("ec.pem");
        Files.writeString(ecPem, pem(pki.certificate("SG-NSW", KeyFamily.EC_P256)));
        write("SG-NSW.yml", """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                delivery:
                  channel: AS4
                as4:
                  our-party-id: CN-CASW
                  service: trade-documents
                  action: Deliver
                  endpoint: ftp://as4.sg.example/as4
                  certificate: %s
                """.formatted(ecPem));
        write("MY-NSW.yml", """
                party: MY-NSW
                role: PARTNER_SINGLE_WINDOW
                delivery:
                  channel: AS4
                """);
        write("TH-NSW.yml", """
                party: TH-NSW
                role: PARTNER_SINGLE_WINDOW
                delivery: {channel: AS4}
                as4:
                  our-party-id: CN-CASW
                  party-id: TH-NSW
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  endpoint: https://as4.th.example/as4
                  certificate: %s
                """.formatted(dir.resolve("missing.pem")));
        StandardEnvironment environment = environment();

        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "MY-NSW.yml (as4): required for channel AS4 (our-party-id, party-id, service, action, endpoint, certificate)",
                        "SG-NSW.yml (as4.party-id): missing",
                        "SG-NSW.yml line 7 (as4.service): 'trade-documents' is not a URI; give as4.service-type as well",
                        "SG-NSW.yml line 9 (as4.endpoint): must be an http or https URL",
                        "SG-NSW.yml line 10 (as4.certificate): " + ecPem + " holds a EC key; the AS4 channel signs with RSA-SHA256"
                                + " and transports keys with RSA-OAEP, so it needs an RSA certificate",
                        "TH-NSW.yml line 10 (as4.certificate): " + dir.resolve("missing.pem") + " cannot be read"));
    }

    @Test
    void twoAgreementsCannotShareAnAs4PartyId() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("sg-gateway.pem");
        Files.writeString(pem, pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        for (String party : new String[] {"MY-NSW", "SG-NSW"}) {
            write(party + ".yml", """
                    party: %s
                    role: PARTNER_SINGLE_WINDOW
                    as4:
                      our-party-id: CN-CASW
                      party-id: ASEAN-GW
                      service: urn:casw:as4:trade-documents
                      action: Deliver
                      certificate: %s
                    """.formatted(party, pem));
        }
        StandardEnvironment environment = environment();

        // without an endpoint the agreement only receives by AS4, which is allowed; the shared party id is not
        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems())
                        .containsExactly("SG-NSW.yml line 5 (as4.party-id): ASEAN-GW is already the AS4 party id of MY-NSW"));
    }

    /** phase4's default sender names parties without a type: an empty type in the agreement says so, for either side. */
    @Test
    void anEmptyPartyIdTypeMakesThePartyIdUntypedWhileAnOmittedOneStaysUnregistered() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("vn-gateway.pem");
        Files.writeString(pem, pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        write("VN-NSW.yml", """
                party: VN-NSW
                role: PARTNER_SINGLE_WINDOW
                as4:
                  our-party-id: CN-CASW
                  our-party-id-type:
                  party-id: VN-AS4PEER
                  party-id-type: ""
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                """.formatted(pem));
        write("MY-NSW.yml", """
                party: MY-NSW
                role: PARTNER_SINGLE_WINDOW
                as4:
                  our-party-id: CN-CASW
                  party-id: VN-AS4PEER
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                """.formatted(pem));
        StandardEnvironment environment = environment();

        ConfiguredPartners partners = new ConfiguredPartners(bind(environment), environment);

        As4Agreement untyped = partners.as4("VN-NSW").orElseThrow();
        assertThat(untyped.partyIdType()).isNull();
        assertThat(untyped.ourPartyIdType()).isNull();
        assertThat(untyped.covers(null, "VN-AS4PEER", null, "CN-CASW")).isTrue();
        assertThat(untyped.covers(GatewayProperties.As4.UNREGISTERED, "VN-AS4PEER", null, "CN-CASW")).isFalse();
        // the same party id under another type is another party
        As4Agreement typed = partners.as4("MY-NSW").orElseThrow();
        assertThat(typed.partyIdType()).isEqualTo(GatewayProperties.As4.UNREGISTERED);
        assertThat(typed.covers(null, "VN-AS4PEER", null, "CN-CASW")).isFalse();
        assertThat(typed.expectedParties()).isEqualTo("the agreement with MY-NSW expects VN-AS4PEER (type "
                + GatewayProperties.As4.UNREGISTERED + ") sending to CN-CASW (type " + GatewayProperties.As4.UNREGISTERED + ")");
    }

    @Test
    void theEndPartiesAreNamedAsTheAgreementSaysElseByTheirFirstIdentifierElseByTheirPartyId() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("sg-gateway.pem");
        Files.writeString(pem, pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        write("SG-NSW.yml", """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                as4:
                  our-party-id: CN-CASW
                  party-id: SG-SWGW
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                  end-party-id-type: urn:casw:party-id-type:uscc
                  end-parties:
                    SG-NSW: {id: T08GB0001A, type: "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195"}
                    CN-CUSTOMS: {id: CN-GACC}
                """.formatted(pem));
        write("CN-CUSTOMS.yml", """
                party: CN-CUSTOMS
                role: CUSTOMS
                """);
        StandardEnvironment environment = environment();

        As4Agreement as4 = new ConfiguredPartners(bind(environment), environment).as4("SG-NSW").orElseThrow();

        assertThat(as4.endParty("SG-NSW", List.of())).isEqualTo(new As4Agreement.EndParty("T08GB0001A",
                "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195"));
        assertThat(as4.endParty("CN-CUSTOMS", List.of())).isEqualTo(new As4Agreement.EndParty("CN-GACC", "urn:casw:party-id-type:uscc"));
        assertThat(as4.endParty("CN-EXPORTER", List.of("91310000MA1FL5XX8Y", "CN-EXP-2")))
                .isEqualTo(new As4Agreement.EndParty("91310000MA1FL5XX8Y", "urn:casw:party-id-type:uscc"));
        assertThat(as4.endParty("CN-EXPORTER", List.of())).isEqualTo(new As4Agreement.EndParty("CN-EXPORTER", "urn:casw:party-id-type:uscc"));
    }

    @Test
    void badPartyIdTypesAndEndPartiesAreReportedWithTheirFileAndLine() throws Exception {
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        Path pem = dir.resolve("sg-gateway.pem");
        Files.writeString(pem, pem(pki.certificate("SG-NSW", KeyFamily.RSA_2048)));
        write("SG-NSW.yml", """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                as4:
                  our-party-id: CN-CASW
                  party-id: SG-SWGW
                  party-id-type: "urn:casw party"
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                  end-party-id-type: ""
                  end-parties:
                    SG-NSW: {type: "urn:casw:uen"}
                    MY-NSW: {id: 201901000005, type: "urn:casw:ssm type"}
                """.formatted(pem));
        write("MY-NSW.yml", """
                party: MY-NSW
                role: PARTNER_SINGLE_WINDOW
                as4:
                  our-party-id: CN-CASW
                  party-id: MY-SWGW
                  service: urn:casw:as4:trade-documents
                  action: Deliver
                  certificate: %s
                  end-parties:
                    CN-NOBODY: {id: CN-1}
                """.formatted(pem));
        StandardEnvironment environment = environment();

        assertThatThrownBy(() -> new ConfiguredPartners(bind(environment), environment))
                .isInstanceOfSatisfying(InvalidPartnerAgreementException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "SG-NSW.yml line 6 (as4.party-id-type): 'urn:casw party' contains white space; give the type URI, or \"\" for an"
                                + " untyped party id",
                        "SG-NSW.yml line 10 (as4.end-party-id-type): must be a type URI such as " + GatewayProperties.As4.UNREGISTERED
                                + " (the four-corner properties carry the end parties' ids with their type)",
                        "SG-NSW.yml line 12 (as4.end-parties.SG-NSW): id missing (the party's id in SG-NSW's network, e.g. its"
                                + " registration number)",
                        "SG-NSW.yml line 13 (as4.end-parties.MY-NSW): type 'urn:casw:ssm type' is not a type URI",
                        "MY-NSW.yml line 10 (as4.end-parties.CN-NOBODY): CN-NOBODY is not a party of this gateway"));
    }

    static String pem(java.security.cert.X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml);
    }

    private StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("gateway.agreements", "file:" + dir + "/*.yml")));
        new PartnerAgreementFiles().postProcessEnvironment(environment, null);
        return environment;
    }

    private static GatewayProperties bind(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("gateway", Bindable.of(GatewayProperties.class));
    }
}
