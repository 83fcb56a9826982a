package org.casw.gateway.as4;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.ledger.MessageStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3CollaborationInfo;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3From;
import com.helger.phase4.ebms3header.Ebms3MessageInfo;
import com.helger.phase4.ebms3header.Ebms3MessageProperties;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3PartyInfo;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3Service;
import com.helger.phase4.ebms3header.Ebms3To;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Which agreement an AS4 message is under, judged on what the partner sent: its From and To party ids with their types
 * (or none), the certificate it signed with, its service and action. Every refusal names what was received and what the
 * agreement expects; the end parties it names (four-corner) go into the document's history.
 */
class As4InboxAgreementTest {

    static final String UNREGISTERED = As4Agreement.UNREGISTERED_TYPE;
    static final String SERVICE = "urn:casw:as4:trade-documents";

    @TempDir
    static Path dir;

    static DevPki pki;
    static X509Certificate vietnam;
    static X509Certificate singapore;

    final ConfiguredPartners partners = mock(ConfiguredPartners.class);
    final ProducerTemplate intake = mock(ProducerTemplate.class);
    final MessageLedger history = mock(MessageLedger.class);
    final IAS4IncomingMessageState state = mock(IAS4IncomingMessageState.class);
    final AS4ErrorList errors = new AS4ErrorList();
    final As4Inbox.Outcome outcome = new As4Inbox.Outcome();

    @BeforeAll
    static void pki() {
        pki = DevPki.ensure(dir.resolve("certs"));
        vietnam = pki.issue("VN-NSW", "Vietnam gateway", KeyFamily.RSA_2048, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30))).certificate();
        singapore = pki.certificate("SG-NSW", KeyFamily.RSA_2048);
    }

    /** phase4's default sender names parties without a type; an agreement with empty types takes them. */
    @Test
    void untypedPartyIdsAreTakenUnderAnAgreementWithoutTypes() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));
        accepting("SW-VN-1");

        AS4MessageProcessorResult result = take(message("M-VN-1", null, "VN-AS4PEER", null, SERVICE, "Deliver"), vietnam);

        assertThat(errors.isEmpty()).as(errors.toString()).isTrue();
        assertThat(result.isSuccess()).isTrue();
        assertThat(outcome.trackingId).isEqualTo("SW-VN-1");
    }

    @Test
    void anUntypedPartyIdIsRefusedByATypedAgreementNamingTheTypesItExpects() throws Exception {
        agreements(agreement("VN-NSW", UNREGISTERED, "VN-AS4PEER", UNREGISTERED, vietnam));

        AS4MessageProcessorResult result = take(message("M-VN-2", null, "VN-AS4PEER", null, SERVICE, "Deliver"), vietnam);

        assertThat(result.isSuccess()).isFalse();
        assertRefused("EBMS:0010", "M-VN-2", "party VN-AS4PEER (untyped) sending to CN-CASW (untyped) is in no agreement;"
                + " the agreement with VN-NSW expects VN-AS4PEER (type " + UNREGISTERED + ") sending to CN-CASW (type " + UNREGISTERED
                + ")");
        verify(intake, never()).requestBody(any(String.class), any(Submission.class), eq(IntakeResult.class));
    }

    @Test
    void aTypedPartyIdIsRefusedByAnUntypedAgreement() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-VN-3", UNREGISTERED, "VN-AS4PEER", UNREGISTERED, SERVICE, "Deliver"), vietnam);

        assertRefused("EBMS:0010", "M-VN-3", "party VN-AS4PEER (type " + UNREGISTERED + ") sending to CN-CASW (type " + UNREGISTERED
                + ") is in no agreement; the agreement with VN-NSW expects VN-AS4PEER (untyped) sending to CN-CASW (untyped)");
    }

    @Test
    void aPartyInNoAgreementIsRefusedWithoutNamingOtherPartnersAgreements() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-XX-1", null, "XX-UNKNOWN", null, SERVICE, "Deliver"), vietnam);

        assertRefused("EBMS:0010", "M-XX-1", "party XX-UNKNOWN (untyped) sending to CN-CASW (untyped) is in no agreement of this gateway");
    }

    @Test
    void aServiceAndActionOutsideTheAgreementAreRefusedNamingBothTheReceivedAndTheExpectedValues() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-VN-4", null, "VN-AS4PEER", null, "urn:as4peer:service", "urn:as4peer:action"), vietnam);

        assertRefused("EBMS:0010", "M-VN-4", "service urn:as4peer:service with action urn:as4peer:action is not in the agreement"
                + " with VN-NSW: it expects service " + SERVICE + " with action Deliver");
        verify(intake, never()).requestBody(any(String.class), any(Submission.class), eq(IntakeResult.class));
    }

    @Test
    void theRightServiceWithAnotherActionIsRefusedToo() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-VN-5", null, "VN-AS4PEER", null, SERVICE, "Cancel"), vietnam);

        assertRefused("EBMS:0010", "M-VN-5", "with action Cancel is not in the agreement with VN-NSW");
    }

    @Test
    void aMessageSignedByAnotherCertificateIsRefusedNamingTheSignerAndTheCertificateExpected() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-VN-6", null, "VN-AS4PEER", null, SERVICE, "Deliver"), singapore);

        assertRefused("EBMS:0101", "M-VN-6", "signed by " + singapore.getSubjectX500Principal().getName() + " (serial "
                + singapore.getSerialNumber().toString(16) + "); the agreement with VN-NSW expects "
                + vietnam.getSubjectX500Principal().getName() + " (serial " + vietnam.getSerialNumber().toString(16) + ")");
    }

    @Test
    void aMessageSignedWithTheAgreementsCertificateAfterItExpiredIsRefused() throws Exception {
        IssuedIdentity expired = pki.issue("VN-NSW", "Vietnam gateway (expired)", KeyFamily.RSA_2048,
                Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)));
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, expired.certificate()));

        take(message("M-VN-7", null, "VN-AS4PEER", null, SERVICE, "Deliver"), expired.certificate());

        assertRefused("EBMS:0101", "M-VN-7", "to " + expired.certificate().getNotAfter().toInstant() + " only; the agreement with VN-NSW"
                + " needs a certificate valid now");
    }

    @Test
    void anUnsignedMessageIsRefusedNamingTheCertificateTheAgreementRequires() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));

        take(message("M-VN-8", null, "VN-AS4PEER", null, SERVICE, "Deliver"), null);

        assertRefused("EBMS:0103", "M-VN-8", "unsigned; the agreement with VN-NSW requires a signature by "
                + vietnam.getSubjectX500Principal().getName());
    }

    @Test
    void theEndPartiesThePartnerNamesAreNotedInTheDocumentsHistory() throws Exception {
        agreements(agreement("VN-NSW", null, "VN-AS4PEER", null, vietnam));
        accepting("SW-VN-9");
        Ebms3UserMessage message = message("M-VN-9", null, "VN-AS4PEER", null, SERVICE, "Deliver");
        message.setMessageProperties(new Ebms3MessageProperties());
        message.getMessageProperties().addProperty(property("originalSender", "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195",
                "200312345A"));
        message.getMessageProperties().addProperty(property("finalRecipient", null, "CN-CUSTOMS"));

        assertThat(take(message, vietnam).isSuccess()).isTrue();

        verify(history).note("SW-VN-9", "AS4 four-corner: originalSender 200312345A (type"
                + " urn:oasis:names:tc:ebcore:partyid-type:iso6523:0195), finalRecipient CN-CUSTOMS (untyped)");
    }

    private void agreements(As4Agreement... agreements) {
        when(partners.as4Agreements()).thenReturn(List.of(agreements));
    }

    private static As4Agreement agreement(String partner, String type, String partyId, String ourType, X509Certificate certificate) {
        return new As4Agreement(partner, "CN-CASW", ourType, partyId, type, SERVICE, null, "Deliver", null, certificate, null, true, false,
                null, null);
    }

    private void accepting(String trackingId) throws Exception {
        when(intake.requestBody(eq(IntakeRoute.INTAKE), any(Submission.class), eq(IntakeResult.class))).thenReturn(new IntakeResult(
                IntakeResult.Outcome.ACCEPTED, trackingId, MessageStatus.VALIDATED, null, null, List.of(), null, null));
    }

    private AS4MessageProcessorResult take(Ebms3UserMessage message, X509Certificate signer) throws Exception {
        As4Ledger ledger = mock(As4Ledger.class);
        when(ledger.received(any())).thenReturn(Optional.empty());
        WSS4JAttachment attachment = mock(WSS4JAttachment.class);
        when(attachment.getSourceStream()).thenReturn(new ByteArrayInputStream("<Manifest/>".getBytes(StandardCharsets.UTF_8)));
        when(state.isSoapSignatureChecked()).thenReturn(signer != null);
        when(state.getSigningCertificate()).thenReturn(signer);
        return new As4Inbox(partners, intake, ledger, history, 1024).processor(outcome).processAS4UserMessage(null, null, message, null,
                null, new CommonsArrayList<>(attachment), state, errors);
    }

    private void assertRefused(String code, String messageId, String detail) {
        assertThat(errors.size()).as(errors.toString()).isEqualTo(1);
        Ebms3Error error = errors.iterator().next().getEbmsError();
        assertThat(error.getErrorCode()).isEqualTo(code);
        assertThat(error.getRefToMessageInError()).isEqualTo(messageId);
        assertThat(error.getErrorDetail()).contains(detail);
        assertThat(outcome.trackingId).as("nothing taken in").isNull();
    }

    static Ebms3UserMessage message(String messageId, String fromType, String from, String toType, String service, String action) {
        Ebms3MessageInfo info = new Ebms3MessageInfo();
        info.setMessageId(messageId);
        Ebms3From sender = new Ebms3From();
        sender.addPartyId(partyId(fromType, from));
        Ebms3To receiver = new Ebms3To();
        receiver.addPartyId(partyId(toType, "CN-CASW"));
        Ebms3PartyInfo parties = new Ebms3PartyInfo();
        parties.setFrom(sender);
        parties.setTo(receiver);
        Ebms3Service value = new Ebms3Service();
        value.setValue(service);
        Ebms3CollaborationInfo collaboration = new Ebms3CollaborationInfo();
        collaboration.setService(value);
        collaboration.setAction(action);
        Ebms3UserMessage message = new Ebms3UserMessage();
        message.setMessageInfo(info);
        message.setPartyInfo(parties);
        message.setCollaborationInfo(collaboration);
        return message;
    }

    private static Ebms3PartyId partyId(String type, String value) {
        Ebms3PartyId id = new Ebms3PartyId();
        id.setType(type);
        id.setValue(value);
        return id;
    }

    private static Ebms3Property property(String name, String type, String value) {
        Ebms3Property property = new Ebms3Property();
        property.setName(name);
        property.setType(type);
        property.setValue(value);
        return property;
    }
}
