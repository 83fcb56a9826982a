package org.casw.gateway.as4;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.intake.IntakeResult;
import org.casw.routes.intake.IntakeRoute;
import org.casw.routes.intake.Submission;
import org.casw.routes.ledger.MessageLedger;
import org.casw.routes.validation.Violation;
import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.Test;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3CollaborationInfo;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3From;
import com.helger.phase4.ebms3header.Ebms3MessageInfo;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3PartyInfo;
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
import static org.mockito.Mockito.when;

/** An AS4 message from a partner over its limits is answered with an ebMS error naming the code and the pause, not stored. */
class As4InboxLimitsTest {

    private static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    @Test
    void aMessageOverThePartnersLimitIsAnsweredWithAnEbmsErrorCarryingRateLimitedAndThePause() throws Exception {
        ConfiguredPartners partners = mock(ConfiguredPartners.class);
        when(partners.as4Agreements()).thenReturn(List.of(new As4Agreement("SG-NSW", "CN-CASW", UNREGISTERED, "SG-SWGW", UNREGISTERED,
                "urn:casw:as4:trade-documents", null, "Deliver", null, null, null, false, false, null, null)));
        As4Ledger ledger = mock(As4Ledger.class);
        when(ledger.received(any())).thenReturn(Optional.empty());
        ProducerTemplate intake = mock(ProducerTemplate.class);
        when(intake.requestBody(eq(IntakeRoute.INTAKE), any(Submission.class), eq(IntakeResult.class))).thenReturn(new IntakeResult(
                IntakeResult.Outcome.RATE_LIMITED, null, null, null, null,
                List.of(Violation.of(ViolationCodes.RATE_LIMITED, null, "You are sending faster than your agreement allows.")), null,
                Duration.ofSeconds(7)));
        WSS4JAttachment attachment = mock(WSS4JAttachment.class);
        when(attachment.getSourceStream()).thenReturn(new ByteArrayInputStream("<Manifest/>".getBytes(StandardCharsets.UTF_8)));
        As4Inbox.Outcome outcome = new As4Inbox.Outcome();
        AS4ErrorList errors = new AS4ErrorList();

        AS4MessageProcessorResult result = new As4Inbox(partners, intake, ledger, mock(MessageLedger.class), 1024).processor(outcome).processAS4UserMessage(
                null, null, userMessage("M-LIMITED-1"), null, null, new CommonsArrayList<>(attachment),
                mock(IAS4IncomingMessageState.class), errors);

        assertThat(result.isSuccess()).isFalse();
        assertThat(outcome.trackingId).as("nothing taken in").isNull();
        assertThat(errors.size()).isEqualTo(1);
        Ebms3Error error = errors.iterator().next().getEbmsError();
        assertThat(error.getErrorCode()).isEqualTo("EBMS:0004");
        assertThat(error.getRefToMessageInError()).isEqualTo("M-LIMITED-1");
        assertThat(error.getErrorDetail()).startsWith("RATE_LIMITED: retry after 7 s: You are sending faster");
    }

    private static Ebms3UserMessage userMessage(String messageId) {
        Ebms3MessageInfo info = new Ebms3MessageInfo();
        info.setMessageId(messageId);
        Ebms3From from = new Ebms3From();
        from.addPartyId(partyId("SG-SWGW"));
        Ebms3To to = new Ebms3To();
        to.addPartyId(partyId("CN-CASW"));
        Ebms3PartyInfo parties = new Ebms3PartyInfo();
        parties.setFrom(from);
        parties.setTo(to);
        Ebms3Service service = new Ebms3Service();
        service.setValue("urn:casw:as4:trade-documents");
        Ebms3CollaborationInfo collaboration = new Ebms3CollaborationInfo();
        collaboration.setService(service);
        collaboration.setAction("Deliver");
        Ebms3UserMessage message = new Ebms3UserMessage();
        message.setMessageInfo(info);
        message.setPartyInfo(parties);
        message.setCollaborationInfo(collaboration);
        return message;
    }

    private static Ebms3PartyId partyId(String value) {
        Ebms3PartyId id = new Ebms3PartyId();
        id.setValue(value);
        id.setType(UNREGISTERED);
        return id;
    }
}
