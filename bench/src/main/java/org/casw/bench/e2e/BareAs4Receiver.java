package org.casw.bench.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.casw.certs.DevPki;
import org.casw.certs.KeyFamily;
import org.w3c.dom.Node;
import com.helger.base.io.iface.IHasInputStream;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptParams;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.crypto.IAS4CryptoFactory;
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
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.resolve.IAS4PModeResolver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The reference the gateway's AS4 endpoint is measured against: a bare phase4 receiver in its own JVM on
 * a flat class path, with the same P-Mode, keys and algorithms as the gateway, that reads each payload and
 * answers with a signed non-repudiation receipt, but stores, validates and queues nothing. Started by
 * {@link As4ChannelRate} ({@code --receivers bare}); prints {@code READY} when it listens.
 * <pre>java -cp bench/target/bench.jar org.casw.bench.e2e.BareAs4Receiver PORT CERT_DIR ENDPOINT_URL</pre>
 */
public final class BareAs4Receiver {

    private BareAs4Receiver() {
    }

    public static void main(String[] args) throws Exception {
        As4ChannelRate.quietPartnerSide();
        int port = Integer.parseInt(args[0]);
        DevPki pki = DevPki.ensure(Path.of(args[1]));
        String endpoint = args[2];
        IAS4CryptoFactory crypto = As4ChannelRate.crypto(pki.identity("CASW-GATEWAY", KeyFamily.RSA_2048),
                pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        As4ChannelRate.startPhase4("as4-bare-receiver");
        IPMode pmode = As4ChannelRate.pmode(endpoint);
        IAS4PModeResolver pmodes = (id, service, action, initiator, responder, agreement, address) -> pmode;
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/as4", exchange -> {
            try (exchange) {
                receive(exchange, crypto, pmodes, endpoint, received);
            } catch (Exception e) {
                System.err.println("bare receiver: " + e);
            }
        });
        server.start();
        System.out.println("READY");
    }

    private static void receive(HttpExchange exchange, IAS4CryptoFactory crypto, IAS4PModeResolver pmodes, String endpoint,
            AtomicLong received) throws Exception {
        HttpHeaderMap headers = new HttpHeaderMap();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            header.getValue().forEach(value -> headers.addHeader(header.getKey(), value));
        }
        AS4IncomingMessageMetadata metadata = AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr(exchange.getRemoteAddress().getAddress().getHostAddress()).setHttpHeaders(headers);
        Answer answer = new Answer();
        try (AS4RequestHandler handler = new AS4RequestHandler(metadata)) {
            handler.setCryptoFactory(crypto).setPModeResolver(pmodes)
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(As4ChannelRate.PROFILE_ID, false))
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance()
                            .setSigningParams(As4ChannelRate.signing())
                            .setCryptParams(new AS4CryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                                    .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)))
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration().setReceiverEndpointAddress(endpoint))
                    .setLocale(Locale.US)
                    .setProcessorSupplier(() -> new CommonsArrayList<>(new Reader(received)));
            handler.handleRequest(exchange.getRequestBody(), headers, answer);
        }
        answer.headers.forEachSingleHeader((name, value) -> exchange.getResponseHeaders().add(name, value), true);
        if (answer.mimeType != null && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", answer.mimeType.getAsString()
                    + (answer.charset == null ? "" : ";charset=" + answer.charset.name()));
        }
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Reads every payload to its end (a receiver has to) and accepts it. */
    private record Reader(AtomicLong received) implements IAS4IncomingMessageProcessorSPI {
        @Override
        public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                Ebms3UserMessage message, IPMode pmode, Node payload, ICommonsList<WSS4JAttachment> attachments,
                IAS4IncomingMessageState state, AS4ErrorList errors) {
            if (!state.isSoapSignatureChecked() || !state.isSoapDecrypted() || attachments == null || attachments.size() != 1) {
                return AS4MessageProcessorResult.createFailure();
            }
            try (InputStream in = attachments.get(0).getSourceStream()) {
                received.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
            } catch (IOException e) {
                return AS4MessageProcessorResult.createFailure();
            }
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                Ebms3SignalMessage signal, IPMode pmode, IAS4IncomingMessageState state, AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createFailure();
        }

        @Override
        public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state, String messageId,
                byte[] response, boolean responsePayloadIsAvailable, AS4ErrorList errors) {
        }
    }

    /** phase4's answer, written once processing is over. */
    private static final class Answer implements IAS4ResponseAbstraction {
        int status = 200;
        byte[] bytes;
        IHasInputStream stream;
        final HttpHeaderMap headers = new HttpHeaderMap();
        IMimeType mimeType;
        Charset charset;

        @Override
        public void setContent(byte[] content, Charset charset) {
            this.bytes = content;
            this.charset = charset;
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
            if (bytes == null && stream != null) {
                try (InputStream in = stream.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                    in.transferTo(out);
                    bytes = out.toByteArray();
                }
            }
            return bytes;
        }
    }
}
