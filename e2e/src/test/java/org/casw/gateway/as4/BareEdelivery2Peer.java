package org.casw.gateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.casw.certs.DevPki;
import org.casw.certs.Edelivery2Key;
import org.casw.certs.IssuedIdentity;
import org.w3c.dom.Node;
import com.helger.base.io.iface.IHasInputStream;
import com.helger.base.state.ETriState;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.CMimeType;
import com.helger.mime.IMimeType;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
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
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.phase4.wss.EWSSVersion;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner access point reduced to bare phase4, configured on its own with eDelivery AS4 2.0's common profile as
 * phase4's own eDelivery 2 profile module sets it (that module does not resolve here): EdDSA Ed25519 signatures,
 * X25519 key agreement with HKDF and AES-128 key wrap, AES-128-GCM. Its keys are a development party's
 * Ed25519 and X25519 keys. It builds user messages as a sender, and as a receiver answers with signed receipts and
 * keeps the raw requests for the test to read the wire.
 */
public final class BareEdelivery2Peer implements AutoCloseable {

    public static final String SERVICE = "urn:casw:as4:trade-documents";
    public static final String ACTION = "Deliver";
    public static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    private final String partyId;
    private final String counterpartId;
    private final KeyStore keys;
    private final String signingAlias;
    private final String encryptionAlias;
    private final KeyStore trust;
    private HttpServer server;
    /** Raw requests as received (ISO-8859-1, so every byte maps to one char). */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Decrypted, decompressed payloads of the user messages taken. */
    public final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    /** Raw answers sent back. */
    public final List<String> answers = new CopyOnWriteArrayList<>();

    /**
     * @param partyId           this peer's ebMS party id
     * @param counterpartId     the gateway's ebMS party id
     * @param party             the development party whose eDelivery 2 keys this peer holds
     * @param counterpartSigner the gateway's Ed25519 certificate, the only one trusted
     */
    public BareEdelivery2Peer(DevPki pki, String party, String partyId, String counterpartId, X509Certificate counterpartSigner)
            throws Exception {
        this.partyId = partyId;
        this.counterpartId = counterpartId;
        this.signingAlias = party + "-sign";
        this.encryptionAlias = party + "-decrypt";
        keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        put(signingAlias, pki.identity(party, Edelivery2Key.SIGNING), "Ed25519");
        put(encryptionAlias, pki.identity(party, Edelivery2Key.ENCRYPTION), "X25519");
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", counterpartSigner);
    }

    private void put(String alias, IssuedIdentity identity, String algorithm) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(identity.privateKey().getEncoded());
        byte[] v1 = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey()).getEncoded();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(v1));
        keys.setKeyEntry(alias, key, "pw".toCharArray(), identity.chainArray());
    }

    /** A user message as bytes with its content type. */
    public record Built(String messageId, byte[] body, String contentType) {
    }

    /** A signed (Ed25519) user message encrypted for the gateway's X25519 certificate. */
    public Built build(String messageId, byte[] document, X509Certificate gatewayEncryption) throws Exception {
        try (AS4ResourceHelper resources = new AS4ResourceHelper()) {
            AS4ClientUserMessage client = new AS4ClientUserMessage(resources);
            client.setCryptoFactorySign(new AS4CryptoFactoryInMemoryKeyStore(keys, signingAlias, "pw".toCharArray(), trust));
            client.setCryptoFactoryCrypt(new AS4CryptoFactoryInMemoryKeyStore(keys, encryptionAlias, "pw".toCharArray(), trust));
            client.signingParams().setAlgorithmSign(ECryptoAlgorithmSign.EDDSA_ED25519)
                    .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
            client.cryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM).setEDelivery2KeyAgreementX25519()
                    .setCertificate(gatewayEncryption);
            client.setMessageID(messageId);
            client.setAction(ACTION);
            client.setServiceValue(SERVICE);
            client.setConversationID(messageId);
            client.setFromRole(CAS4.DEFAULT_INITIATOR_URL);
            client.setFromPartyIDType(UNREGISTERED);
            client.setFromPartyID(partyId);
            client.setToRole(CAS4.DEFAULT_RESPONDER_URL);
            client.setToPartyIDType(UNREGISTERED);
            client.setToPartyID(counterpartId);
            client.setPModeID("bare-edelivery2");
            client.addAttachment(WSS4JAttachment.createOutgoingFileAttachment(document, null, "document.xml", CMimeType.APPLICATION_XML,
                    EAS4CompressionMode.GZIP, StandardCharsets.UTF_8, resources));
            AS4ClientBuiltMessage built = client.buildMessage(messageId, null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            built.getHttpEntity().writeTo(out);
            String contentType = built.getHttpEntity().getContentType();
            if (built.hasCustomHttpHeaders() && built.getAllCustomHttpHeaders().getFirstHeaderValue("Content-Type") != null) {
                contentType = built.getAllCustomHttpHeaders().getFirstHeaderValue("Content-Type");
            }
            // MIME folds long header values over lines; an HTTP header is one line
            return new Built(messageId, out.toByteArray(), contentType.replaceAll("\\s*\\r?\\n\\s*", " "));
        }
    }

    /** Starts receiving on 127.0.0.1 at {@code /as4}; returns the endpoint URL. */
    public String receive() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/as4", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new String(body, StandardCharsets.ISO_8859_1));
            HttpHeaderMap headers = new HttpHeaderMap();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.addHeader(name, v)));
            Answer answer = new Answer();
            try (AS4RequestHandler handler = new AS4RequestHandler(AS4IncomingMessageMetadata.createForRequest())) {
                handler.setCryptoFactorySign(new AS4CryptoFactoryInMemoryKeyStore(keys, signingAlias, "pw".toCharArray(), trust))
                        .setCryptoFactoryCrypt(new AS4CryptoFactoryInMemoryKeyStore(keys, encryptionAlias, "pw".toCharArray(), trust))
                        .setPModeResolver((id, service, action, initiator, responder, agreement, address) -> pmode())
                        .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(As4Engine.PROFILE_ID, false))
                        .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                        .setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance())
                        .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration()
                                .setReceiverEndpointAddress("http://127.0.0.1:" + server.getAddress().getPort() + "/as4"))
                        .setProcessorSupplier(() -> new CommonsArrayList<>(processor()));
                ServiceLookups.around(() -> {
                    handler.handleRequest(new java.io.ByteArrayInputStream(body), headers, answer);
                    return null;
                });
            } catch (Exception e) {
                answer.status = 500;
                answer.bytes = e.toString().getBytes(StandardCharsets.UTF_8);
            }
            byte[] out = answer.body();
            answers.add(new String(out, StandardCharsets.ISO_8859_1));
            exchange.getResponseHeaders().add("Content-Type", answer.mimeType == null ? "text/plain" : answer.mimeType.getAsString());
            answer.headers.forEachSingleHeader((name, value) -> exchange.getResponseHeaders().add(name, value), true);
            exchange.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/as4";
    }

    private IAS4IncomingMessageProcessorSPI processor() {
        return new IAS4IncomingMessageProcessorSPI() {
            @Override
            public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3UserMessage message, IPMode pmode, Node payload, ICommonsList<WSS4JAttachment> attachments,
                    IAS4IncomingMessageState state, AS4ErrorList errors) {
                for (WSS4JAttachment attachment : attachments) {
                    try (InputStream in = attachment.getSourceStream()) {
                        payloads.add(in.readAllBytes());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return AS4MessageProcessorResult.createSuccess();
            }

            @Override
            public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                    Ebms3SignalMessage signal, IPMode pmode, IAS4IncomingMessageState state, AS4ErrorList errors) {
                return AS4SignalMessageProcessorResult.createSuccess();
            }

            @Override
            public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state, String messageId,
                    byte[] response, boolean responsePayloadIsAvailable, AS4ErrorList errors) {
            }
        };
    }

    /** phase4's eDelivery 2 one-way push P-Mode (EDelivery2PMode with its EdDSA leg security), for the gateway sending to us. */
    private IPMode pmode() {
        PModeLegSecurity security = new PModeLegSecurity();
        security.setWSSVersion(EWSSVersion.WSS_111);
        security.setX509SignatureAlgorithm(ECryptoAlgorithmSign.EDDSA_ED25519);
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setX509EncryptionMinimumStrength(128);
        security.setPModeAuthorize(false);
        security.setSendReceipt(true);
        security.setSendReceiptNonRepudiation(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        PModeLegErrorHandling errors = new PModeLegErrorHandling(null, null, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE,
                ETriState.TRUE);
        PModeLeg leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(null),
                PModeLegBusinessInformation.create(SERVICE, ACTION, null, CAS4.DEFAULT_MPC_ID), errors, null, security);
        return new PMode("bare-edelivery2", PModeParty.createSimple(counterpartId, CAS4.DEFAULT_INITIATOR_URL),
                PModeParty.createSimple(partyId, CAS4.DEFAULT_RESPONDER_URL), "urn:as4:agreement", EMEP.ONE_WAY, EMEPBinding.PUSH, leg,
                null, null, null);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** phase4's answer, written once processing is over. */
    static final class Answer implements IAS4ResponseAbstraction {
        int status = 200;
        byte[] bytes;
        IHasInputStream stream;
        final HttpHeaderMap headers = new HttpHeaderMap();
        IMimeType mimeType;

        @Override
        public void setContent(byte[] content, Charset charset) {
            this.bytes = content;
        }

        @Override
        public void setContent(HttpHeaderMap headers, IHasInputStream content) {
            headers.forEachSingleHeader(this.headers::addHeader, true);
            this.stream = content;
        }

        @Override
        public void setMimeType(IMimeType mimeType) {
            this.mimeType = mimeType;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        byte[] body() throws IOException {
            if (bytes != null) {
                return bytes;
            }
            if (stream == null) {
                return new byte[0];
            }
            try (InputStream in = stream.getInputStream()) {
                return in.readAllBytes();
            }
        }
    }
}
