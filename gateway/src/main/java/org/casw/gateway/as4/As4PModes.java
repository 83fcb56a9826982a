package org.casw.gateway.as4;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import com.helger.base.state.ETriState;
import com.helger.phase4.CAS4;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.leg.EPModeSendReceiptReplyPattern;
import com.helger.phase4.model.pmode.leg.PModeLeg;
import com.helger.phase4.model.pmode.leg.PModeLegBusinessInformation;
import com.helger.phase4.model.pmode.leg.PModeLegErrorHandling;
import com.helger.phase4.model.pmode.leg.PModeLegProtocol;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.helger.phase4.model.pmode.resolve.IAS4PModeResolver;
import com.helger.phase4.wss.EWSSVersion;

/**
 * The P-Modes of the agreements, eDelivery AS4 style: one-way push, signed and encrypted user messages,
 * signed non-repudiation receipts and errors answered on the same HTTP response, with the signature algorithm of
 * the agreement's {@link As4Profile}. Each agreement has one P-Mode per direction; an incoming message finds its
 * P-Mode by its From and To party ids only, so a partner cannot pick a laxer one.
 */
public final class As4PModes implements IAS4PModeResolver {

    private final Map<String, IPMode> inbound = new LinkedHashMap<>();
    private final Map<String, IPMode> outbound = new LinkedHashMap<>();

    public As4PModes(Collection<As4Agreement> agreements) {
        for (As4Agreement a : agreements) {
            inbound.put(key(a.partyIdType(), a.partyId(), a.ourPartyIdType(), a.ourPartyId()), pmode(a, false));
            outbound.put(a.partner(), pmode(a, true));
        }
    }

    /** The P-Mode for sending to a partner. */
    public IPMode outbound(As4Agreement agreement) {
        return outbound.get(agreement.partner());
    }

    @Override
    public IPMode findPMode(String pmodeId, String service, String action, String initiatorId, String responderId,
            String agreementRef, String address) {
        // party id types are not handed to the resolver; the processor checks them against the agreement
        return inbound.values().stream()
                .filter(p -> p.getInitiator().getIDValue().equals(initiatorId) && p.getResponder().getIDValue().equals(responderId))
                .findFirst().orElse(null);
    }

    private static String key(String fromType, String from, String toType, String to) {
        return fromType + "|" + from + "|" + toType + "|" + to;
    }

    private static IPMode pmode(As4Agreement a, boolean send) {
        PModeParty us = new PModeParty(a.ourPartyIdType(), a.ourPartyId(), send ? As4Agreement.ROLE_INITIATOR : As4Agreement.ROLE_RESPONDER,
                null, null);
        PModeParty them = new PModeParty(a.partyIdType(), a.partyId(), send ? As4Agreement.ROLE_RESPONDER : As4Agreement.ROLE_INITIATOR,
                null, null);
        PModeLegSecurity security = new PModeLegSecurity();
        security.setWSSVersion(EWSSVersion.WSS_111);
        // the agreement's profile: RSA-SHA256 or eDelivery AS4 2.0's Ed25519 (phase4 refuses a message signed otherwise)
        security.setX509SignatureAlgorithm(a.profile().signature());
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setX509EncryptionMinimumStrength(128);
        security.setPModeAuthorize(false);
        security.setSendReceipt(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        security.setSendReceiptNonRepudiation(true);
        PModeLegErrorHandling errors = PModeLegErrorHandling.createUndefined();
        errors.setReportAsResponse(true);
        errors.setReportProcessErrorNotifyConsumer(ETriState.TRUE);
        errors.setReportProcessErrorNotifyProducer(ETriState.TRUE);
        errors.setReportDeliveryFailuresNotifyProducer(ETriState.TRUE);
        // a leg always needs its protocol (phase4 reads its SOAP version), also for a partner that only sends to us
        PModeLeg leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(send ? a.endpoint() : null),
                new PModeLegBusinessInformation(a.service(), a.serviceType(), a.action(), null, null, null, CAS4.DEFAULT_MPC_ID),
                errors, null, security);
        return new PMode(a.pmodeId() + (send ? "-out" : "-in"), send ? us : them, send ? them : us, null, EMEP.ONE_WAY,
                EMEPBinding.PUSH, leg, null, null, null);
    }
}
