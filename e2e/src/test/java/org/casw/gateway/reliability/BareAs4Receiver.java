package org.casw.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.casw.certs.IssuedIdentity;
import org.casw.gateway.as4.As4Agreement;
import org.casw.gateway.as4.As4Crypto;
import org.w3c.dom.Node;
import com.helger.base.io.iface.IHasInputStream;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
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
import com.helger.phase4.wss.EWSSVersion;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner access point reduced to phase4's own AS4 server in the test JVM, with phase4's own duplicate elimination
 * (the in-memory one of a default phase4 set-up): it answers a first message with a signed receipt and a resend of a
 * message id it has handled with its EBMS:0004 duplicate error. It records every message it took in.
 */
final class BareAs4Receiver implements AutoCloseable {

    private final HttpServer server;
    private final AS4CryptoFactoryInMemoryKeyStore crypto;
    private final IPMode pmode;
    /** The ebMS message ids handed to the receiver's processor: the documents it holds. */
    final List<String> taken = new CopyOnWriteArrayList<>();

    /**
     * @param own the receiver's key and certificate (the gateway encrypts for it; receipts are signed with it)
     * @param sender the sending gateway's certificate, trusted for its signatures
     */
    BareAs4Receiver(IssuedIdentity own, X509Certificate sender, String senderPartyId, String ownPartyId, String service, String action)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(own.privateKey().getEncoded())),
                "pw".toCharArray(), new Certificate[] {own.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sender", sender);
        crypto = new AS4CryptoFactoryInMemoryKeyStore(keys, "key", "pw".toCharArray(), trust);
        pmode = pmode(senderPartyId, ownPartyId, service, action);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/as4", exchange -> {
            try {
                HttpHeaderMap headers = new HttpHeaderMap();
                exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.addHeader(name, v)));
                Answer answer = new Answer();
                try (AS4RequestHandler handler = new AS4RequestHandler(AS4IncomingMessageMetadata.createForRequest()
                        .setRemoteAddr("127.0.0.1").setHttpHeaders(headers))) {
                    handler.setCryptoFactory(crypto)
                            .setPModeResolver((id, s, a, initiator, responder, agreement, address) -> pmode)
                            // no AS4 profile: the P-Mode is the whole configuration
                            .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(null, false))
                            .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                            .setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance()
                                    .setSigningParams(As4Crypto.signing()).setCryptParams(As4Crypto.decryption()))
                            .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration().setReceiverEndpointAddress(endpoint()))
                            .setLocale(Locale.US)
                            .setProcessorSupplier(() -> new CommonsArrayList<>(processor()));
                    handler.handleRequest(exchange.getRequestBody(), headers, answer);
                } catch (Exception e) {
                    // the test's own receiver: its failure is the test's to see, not a partner's mistake
                    e.printStackTrace();
                    throw new IOException(e);
                }
                byte[] body = answer.body();
                if (answer.headers.getFirstHeaderValue("Content-Type") == null) {
                    exchange.getResponseHeaders().add("Content-Type", answer.mimeType == null ? "application/soap+xml" : answer.mimeType.getAsString());
                }
                answer.headers.forEachSingleHeader((name, value) -> exchange.getResponseHeaders().add(name, value), true);
                exchange.sendResponseHeaders(answer.status, body == null || body.length == 0 ? -1 : body.length);
                if (body != null) {
                    exchange.getResponseBody().write(body);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/as4";
    }

    private IAS4IncomingMessageProcessorSPI processor() {
        return new IAS4IncomingMessageProcessorSPI() {
            @Override
            public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3UserMessage message, IPMode mode, Node payload, ICommonsList<WSS4JAttachment> attachments,
                    IAS4IncomingMessageState state, AS4ErrorList errors) {
                taken.add(message.getMessageInfo().getMessageId());
                return AS4MessageProcessorResult.createSuccess();
            }

            @Override
            public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3SignalMessage signal, IPMode mode, IAS4IncomingMessageState state, AS4ErrorList errors) {
                return AS4SignalMessageProcessorResult.createFailure();
            }

            @Override
            public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state, String messageId,
                    byte[] response, boolean available, AS4ErrorList errors) {
            }
        };
    }

    /** One-way push, signed and encrypted, a signed receipt with non-repudiation information on the response. */
    static IPMode pmode(String senderPartyId, String ownPartyId, String service, String action) {
        PModeLegSecurity security = new PModeLegSecurity();
        security.setWSSVersion(EWSSVersion.WSS_111);
        security.setX509SignatureAlgorithm(ECryptoAlgorithmSign.RSA_SHA_256);
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setSendReceipt(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        security.setSendReceiptNonRepudiation(true);
        PModeLegErrorHandling errors = PModeLegErrorHandling.createUndefined();
        errors.setReportAsResponse(true);
        PModeLeg leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(null),
                new PModeLegBusinessInformation(service, null, action, null, null, null, CAS4.DEFAULT_MPC_ID), errors, null, security);
        return new PMode("bare-receiver", new PModeParty(As4Agreement.UNREGISTERED_TYPE, senderPartyId, As4Agreement.ROLE_INITIATOR, null, null),
                new PModeParty(As4Agreement.UNREGISTERED_TYPE, ownPartyId, As4Agreement.ROLE_RESPONDER, null, null), null, EMEP.ONE_WAY,
                EMEPBinding.PUSH, leg, null, null, null);
    }

    /** phase4's answer, kept to be written once the request is handled. */
    private static final class Answer implements IAS4ResponseAbstraction {
        int status = 200;
        byte[] bytes;
        IHasInputStream stream;
        IMimeType mimeType;
        final HttpHeaderMap headers = new HttpHeaderMap();

        @Override
        public void setContent(byte[] content, Charset charset) {
            bytes = content;
        }

        @Override
        public void setContent(HttpHeaderMap headerMap, IHasInputStream content) {
            headerMap.forEachSingleHeader(headers::addHeader, true);
            stream = content;
        }

        @Override
        public void setMimeType(IMimeType type) {
            mimeType = type;
        }

        @Override
        public void setStatus(int code) {
            status = code;
        }

        byte[] body() throws IOException {
            if (bytes == null && stream != null) {
                try (InputStream in = stream.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                    in.transferTo(out);
                    bytes = out.toByteArray();
                }
            }
            return bytes;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
