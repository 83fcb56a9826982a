package org.casw.routes.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.transform.edifact.EdifactTranslator;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake translates an interchange with its sender's agreement at hand: a directory it did not agree to is refused. */
class EdifactDirectoryAgreementIntakeTest {

    private static final PartyFormats EDIFACT = new PartyFormats() {
        @Override
        public Optional<InboundTranslator> inboundFor(String sender, byte[] payload) {
            return Optional.of(new EdifactTranslator());
        }

        @Override
        public Optional<OutboundTranslator> outboundFor(String receiver, DocumentType type) {
            return Optional.empty();
        }
    };

    @Test
    void aTerminalAgreedForD96bOnlyIsRefusedItsD95bCodecoAtInspection() throws Exception {
        byte[] codeco = Files.readAllBytes(Samples.DIR.resolve(Path.of("edifact", "codeco-d95b-gate-out-rail-qinzhou.edi")));
        IntakeSteps steps = new IntakeSteps(null, directory(terminal(List.of("D96B"))), null, null, null, EDIFACT, null);
        Intake intake = new Intake(new Submission("PORT-QINZHOU", "JMS", codeco, null));

        steps.inspect.apply(intake, null);

        assertThat(intake.inspection.violations()).extracting(Violation::code)
                .containsExactly("EDIFACT_DIRECTORY_NOT_AGREED");
        assertThat(intake.inspection.violations().get(0).message()).contains("D:95B:UN", "PORT-QINZHOU", "[D96B]");
    }

    private static PartnerProfile terminal(List<String> directories) {
        return new PartnerProfile("PORT-QINZHOU", "Qinzhou port", PartyRole.PORT, List.of("91450700MA5KX41CXK"), DeliveryChannel.JMS,
                null, "sw.in.port", "sw.reply.PORT-QINZHOU", false, "CN", List.of("EDIFACT-D96B"), null, null, null, null, null, null,
                new EdifactAgreement(null, null, null, null, directories, null));
    }

    private static PartnerDirectory directory(PartnerProfile party) {
        return new PartnerDirectory() {
            @Override
            public Optional<PartnerProfile> find(String partyId) {
                return Optional.of(party).filter(p -> p.id().equals(partyId));
            }

            @Override
            public Collection<PartnerProfile> all() {
                return List.of(party);
            }

            @Override
            public List<String> receiversFor(DocumentType type, RoutingFacts facts) {
                return List.of();
            }
        };
    }
}
