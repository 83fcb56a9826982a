package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.InMemoryMessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.casw.routes.ledger.MessageView;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.routing.RoutingFacts;
import org.casw.routes.signature.SignaturePolicies;
import org.casw.routes.signature.VerificationPolicy;
import org.casw.routes.transform.PartyFormats;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The intake route on its own, with the published samples: the ledger in memory, the durable delivery queues replaced by
 * a mock endpoint. An accepted declaration is stored in one write and queued once per receiver; a refusal is coded,
 * recorded REJECTED, gives back what the document registered and queues nothing; a resend is answered DUPLICATE.
 */
class IntakeRouteTest extends CamelTestSupport {

    private static final String ENTERPRISE = "DEMO-ENTERPRISE";
    /** The sample declarations' declarant (AgentCodeScc). */
    private static final String DECLARANT = "91450700MA5L3QR71R";
    private static final String CUSTOMS = "CN-CUSTOMS";
    private static final String INSPECTION = "CN-INSPECTION";
    private static final String THAI_WINDOW = "TH-NSW";

    private final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    private final RecordingRegistry certificates = new RecordingRegistry();

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        SignaturePolicies unsigned = new SignaturePolicies() {
            @Override
            public Optional<VerificationPolicy> verificationFor(String partyId) {
                return Optional.empty();
            }

            @Override
            public Optional<OutboundSignature> signingFor(String partyId) {
                return Optional.empty();
            }
        };
        return new IntakeRoute(new IntakeSteps(ledger, directory(), new DocumentValidator(null, SampleEra.CLOCK), certificates, unsigned,
                PartyFormats.NATIVE_ONLY, null));
    }

    @Test
    void anAcceptedDeclarationIsStoredInOneWriteAndQueuedOncePerReceiver() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(2);

        IntakeResult result = submit(ENTERPRISE, Samples.declaration("ROUTE-TEST-1"));

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(result.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(result.lane()).isEqualTo("NORMAL");
        assertThat(queued.getReceivedExchanges()).extracting(IntakeRouteTest::receiver)
                .containsExactly(CUSTOMS, INSPECTION);
        // the claim check: the queue carries the tracking id, the broker drops a re-enqueue by it
        assertThat(queued.getReceivedExchanges()).allSatisfy(e -> {
            assertThat(e.getMessage().getBody(String.class)).isEqualTo(e.getMessage().getHeader("trackingId"));
            assertThat(e.getMessage().getHeader("_AMQ_DUPL_ID")).isEqualTo(e.getMessage().getHeader("trackingId"));
        });
        assertThat(ledger.statuses(result.trackingId())).containsExactly(MessageStatus.RECEIVED, MessageStatus.VALIDATED,
                MessageStatus.QUEUED);
        assertThat(ledger.writes("accepted")).isOne();
        assertThat(ledger.writes("rejected")).isZero();
    }

    @Test
    void aSchemaInvalidDeclarationIsRefusedCodedRecordedRejectedAndNothingIsQueued() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(0);

        IntakeResult result = submit(ENTERPRISE, Samples.declaration("ROUTE-TEST-2").replace("<DecHead>", "<DecHead><Unexpected/>"));

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.INVALID);
        assertThat(result.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(result.violations()).isNotEmpty().extracting(Violation::code).containsOnly(ViolationCodes.SCHEMA_VIOLATION);
        MessageView stored = ledger.find(result.trackingId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(stored.violations()).isEqualTo(result.violations());
        assertThat(stored.history()).last().satisfies(t -> assertThat(t.reason()).endsWith("schema violation(s)"));
        assertThat(ledger.writes("accepted")).isZero();
    }

    /** Inspection reads only up to the message id: a document broken further on is still refused as malformed. */
    @Test
    void aDeclarationCutOffAfterItsMessageIdIsRefusedMalformedAndNothingIsQueued() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(0);
        String declaration = Samples.declaration("ROUTE-TEST-CUT");

        IntakeResult result = submit(ENTERPRISE, declaration.substring(0, declaration.indexOf("</DecHead>")));

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.MALFORMED);
        assertThat(result.violations()).extracting(Violation::code).containsExactly(ViolationCodes.XML_MALFORMED);
        assertThat(result.violations().get(0).message()).startsWith("Payload is not well-formed XML: ");
        assertThat(result.violations().get(0).line()).isNotNull();
        assertThat(ledger.find(result.trackingId()).orElseThrow().status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(ledger.writes("accepted")).isZero();
    }

    @Test
    void aResentDeclarationIsAnsweredDuplicateWithItsFirstTrackingIdAndNotQueuedAgain() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        IntakeResult first = submit(ENTERPRISE, Samples.declaration("ROUTE-TEST-3"));

        IntakeResult resent = submit(ENTERPRISE, Samples.declaration("ROUTE-TEST-3"));

        assertThat(resent.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
        assertThat(resent.trackingId()).isEqualTo(first.trackingId());
        assertThat(resent.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(resent.lane()).isEqualTo("NORMAL");
        // enqueueing again is how a resend finishes a first attempt that stopped short; with the same duplicate ids
        // the broker drops it, and the ledger records each message queued once
        assertThat(queued.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("_AMQ_DUPL_ID", String.class))
                .containsOnly(first.trackingId(), first.trackingId() + "-2");
        assertThat(ledger.statuses(first.trackingId())).containsExactly(MessageStatus.RECEIVED, MessageStatus.VALIDATED,
                MessageStatus.QUEUED);
        assertThat(ledger.writes("recordArrival")).isEqualTo(2);
        assertThat(ledger.writes("accepted")).isOne();
        assertThat(ledger.writes("rejected")).isZero();
    }

    @Test
    void aDeclarationBreakingABusinessRuleIsRefusedAndWhatItClaimedIsGivenBack() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(0);

        IntakeResult result = submit(ENTERPRISE, Samples.sample("declaration", "invalid", "container-check-digit.xml"));

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.INVALID);
        assertThat(result.violations()).extracting(Violation::code).contains("CONTAINER_CHECK_DIGIT");
        assertThat(ledger.find(result.trackingId()).orElseThrow().status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(certificates.released).containsExactly(result.trackingId());
    }

    @Test
    void aCertificateOfOriginRefusedAfterItsRegistrationIsWithdrawnFromTheRegistry() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(0);

        // registered as it came in, then no agreement receives it: the refusal must not leave it registered
        IntakeResult result = submit(new Submission(THAI_WINDOW, "AS4",
                Samples.sample("certificate-of-origin", "valid", "form-e-durian-th-cn.xml").getBytes(StandardCharsets.UTF_8), null)
                .sealedBySender());

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.INVALID);
        assertThat(result.violations()).extracting(Violation::code).containsExactly(ViolationCodes.NO_ROUTE);
        assertThat(certificates.registered).containsExactly(result.trackingId());
        assertThat(certificates.withdrawn).containsExactly(result.trackingId());
        assertThat(ledger.statuses(result.trackingId())).containsExactly(MessageStatus.RECEIVED, MessageStatus.REJECTED);
    }

    @Test
    void aSenderNotDeclaringAsItselfIsForbiddenAndTheRefusalIsRecorded() throws Exception {
        MockEndpoint queued = startWithQueuesMocked();
        queued.expectedMessageCount(0);

        IntakeResult result = submit(ENTERPRISE, Samples.declaration("ROUTE-TEST-6").replace(DECLARANT, "91450700MA5KX41CXK"));

        queued.assertIsSatisfied();
        assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.FORBIDDEN);
        assertThat(result.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(tuple(ViolationCodes.SENDER_MISMATCH, "/DecMessage/DecHead/AgentCodeScc"));
        assertThat(ledger.find(result.trackingId()).orElseThrow().history()).last()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("sender mismatch"));
    }

    private MockEndpoint startWithQueuesMocked() throws Exception {
        AdviceWith.adviceWith(context, "enqueue", route -> route.weaveByToUri("jms:*").replace().to("mock:queued"));
        context.start();
        return getMockEndpoint("mock:queued");
    }

    private IntakeResult submit(String sender, String payload) {
        return submit(new Submission(sender, "HTTP", payload.getBytes(StandardCharsets.UTF_8), null));
    }

    private IntakeResult submit(Submission submission) {
        return template.requestBody(IntakeRoute.INTAKE, submission, IntakeResult.class);
    }

    private static PartnerDirectory directory() {
        List<PartnerProfile> parties = List.of(
                party(ENTERPRISE, PartyRole.ENTERPRISE, DECLARANT, "CN", Set.of(DocumentType.DECLARATION)),
                party(CUSTOMS, PartyRole.CUSTOMS, "CN-CUSTOMS-CODE", "CN", Set.of()),
                party(INSPECTION, PartyRole.CUSTOMS, "CN-INSPECTION-CODE", "CN", Set.of()),
                party(THAI_WINDOW, PartyRole.PARTNER_SINGLE_WINDOW, "TH-NSW-CODE", "TH", Set.of(DocumentType.CERTIFICATE_OF_ORIGIN)));
        return new PartnerDirectory() {
            @Override
            public Optional<PartnerProfile> find(String partyId) {
                return parties.stream().filter(p -> p.id().equals(partyId)).findFirst();
            }

            @Override
            public Collection<PartnerProfile> all() {
                return parties;
            }

            @Override
            public List<String> receiversFor(DocumentType type, RoutingFacts facts) {
                // declarations reach customs and inspection; no agreement receives certificates of origin here
                return type == DocumentType.DECLARATION ? List.of(CUSTOMS, INSPECTION) : List.of();
            }
        };
    }

    private static PartnerProfile party(String id, PartyRole role, String code, String country, Set<DocumentType> sends) {
        return new PartnerProfile(id, id, role, List.of(code), DeliveryChannel.HTTP, "http://127.0.0.1:1/" + id, null, null, false,
                country, List.of(), Map.of(), null, null, sends, null, null, null);
    }

    /** A certificate registry that registers everything and records what was registered, withdrawn and released. */
    private static final class RecordingRegistry implements CertificateRegistry {
        final List<String> registered = new ArrayList<>();
        final List<String> withdrawn = new ArrayList<>();
        final List<String> released = new ArrayList<>();

        @Override
        public Optional<KnownCertificate> find(String certificateNo) {
            return Optional.empty();
        }

        @Override
        public Optional<Registrant> registrantOf(String certificateNo) {
            return Optional.empty();
        }

        @Override
        public Registered register(String trackingId, String registrant, KnownCertificate certificate, List<Claim> drawdown) {
            registered.add(trackingId);
            return Registered.REGISTERED;
        }

        @Override
        public void withdraw(String trackingId) {
            withdrawn.add(trackingId);
        }

        @Override
        public boolean claim(String declarationTrackingId, List<Claim> claims) {
            return true;
        }

        @Override
        public void release(String declarationTrackingId) {
            released.add(declarationTrackingId);
        }
    }

    /** The receiver whose delivery queue an enqueued message was addressed to. */
    private static String receiver(Exchange exchange) {
        return exchange.getProperty(IntakeSteps.RECEIVER, String.class);
    }
}
