package org.casw.gateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.function.Supplier;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.helger.base.io.iface.IHasInputStream;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;

/**
 * The gateway's AS4 endpoint ({@code gateway.as4.path}, default {@code /as4}): phase4 parses, verifies,
 * decrypts and answers each POSTed message; {@link As4Inbox} decides. The answer is held back until
 * processing is over, so that every receipt, a first one and each resend's, is stored as evidence before it
 * leaves.
 */
public class As4Endpoint extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(As4Endpoint.class);

    private final transient Supplier<As4Runtime> runtime;
    private final transient As4Inbox inbox;
    private final transient As4Ledger ledger;

    public As4Endpoint(Supplier<As4Runtime> runtime, As4Inbox inbox, As4Ledger ledger) {
        this.runtime = runtime;
        this.inbox = inbox;
        this.ledger = ledger;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        As4Runtime as4 = runtime.get();
        if (as4 == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no partner agreement uses AS4");
            return;
        }
        HttpHeaderMap headers = new HttpHeaderMap();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.addHeader(name, value);
            }
        }
        AS4IncomingMessageMetadata metadata = AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr(request.getRemoteAddr()).setRemoteHost(request.getRemoteHost()).setRemotePort(request.getRemotePort())
                .setHttpHeaders(headers);
        As4Inbox.Outcome outcome = new As4Inbox.Outcome();
        Buffered answer = new Buffered();
        AS4IncomingSecurityConfiguration security = AS4IncomingSecurityConfiguration.createDefaultInstance()
                .setSigningParams(As4Crypto.signing()).setCryptParams(As4Crypto.decryption());
        try (AS4RequestHandler handler = new AS4RequestHandler(metadata)) {
            // per request: the receipt is signed with the key of the profile of the P-Mode phase4 resolves
            handler.setCryptoFactory(as4.crypto().inbound())
                    .setPModeResolver(as4.pmodes())
                    // no profile validation: the P-Modes built from the agreements are the profile
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(As4Engine.PROFILE_ID, false))
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(security)
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration()
                            .setReceiverEndpointAddress(request.getRequestURL().toString()))
                    .setLocale(Locale.US)
                    .setProcessorSupplier(() -> new CommonsArrayList<>(inbox.processor(outcome)));
            ServiceLookups.around(() -> {
                handler.handleRequest(request.getInputStream(), headers, answer);
                return null;
            });
        } catch (Exception e) {
            log.warn("AS4 request from {} could not be processed: {}", request.getRemoteAddr(), e.toString());
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "not an AS4 message this gateway can process");
            }
            return;
        }
        byte[] body = answer.body();
        if (outcome.trackingId != null && answer.status / 100 == 2 && body != null && answer.headers.isEmpty() && isReceipt(body)) {
            // stored before it leaves: the message id for duplicate elimination, the receipt as evidence (a resend's too)
            if (outcome.receiptId == null) {
                ledger.answered(outcome.messageId, outcome.partner, outcome.trackingId, body, answer.contentType());
            } else {
                ledger.issued(outcome.messageId, outcome.conversationId, outcome.partner, outcome.trackingId, outcome.receiptId, body,
                        answer.contentType());
            }
        }
        answer.writeTo(response);
    }

    /** A receipt signal, not an error: only a receipt is kept to answer resends with. */
    static boolean isReceipt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("SignalMessage") && text.contains("Receipt") && !text.contains("errorCode=");
    }

    /** phase4's answer, kept until processing is over. */
    static final class Buffered implements IAS4ResponseAbstraction {
        int status = HttpServletResponse.SC_OK;
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

        String contentType() {
            String type = mimeType == null ? "application/soap+xml" : mimeType.getAsString();
            return charset == null || type.contains("charset") ? type : type + ";charset=" + charset.name();
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

        void writeTo(HttpServletResponse response) throws IOException {
            response.setStatus(status);
            headers.forEachSingleHeader(response::addHeader, true);
            if (mimeType != null && headers.getFirstHeaderValue("Content-Type") == null) {
                response.setContentType(contentType());
            }
            byte[] body = body();
            if (body != null) {
                response.getOutputStream().write(body);
            }
        }
    }
}
