package org.casw.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Consumer;
import org.casw.gateway.as4.As4Agreement;
import org.casw.gateway.as4.As4Crypto;
import com.helger.mime.CMimeType;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.client.AS4ClientBuiltMessage;
import com.helger.phase4.client.AS4ClientUserMessage;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.util.AS4ResourceHelper;
import com.helger.scope.mgr.ScopeManager;

/**
 * A partner gateway reduced to a bare phase4 client in the test JVM: it builds AS4 user messages as a real
 * partner would (or signed with another key, unsigned, tampered with after signing) and posts them.
 */
final class BareAs4Partner implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String fromPartyId;
    private final String toPartyId;
    private final X509Certificate receiverCertificate;

    BareAs4Partner(String fromPartyId, String toPartyId, X509Certificate receiverCertificate) {
        this.fromPartyId = fromPartyId;
        this.toPartyId = toPartyId;
        this.receiverCertificate = receiverCertificate;
        if (!ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalBegin("bare-as4-partner");
        }
        MetaAS4Manager.getInstance();
    }

    /** A user message as bytes with its content type, built like the gateway builds one. */
    record Built(String messageId, byte[] body, String contentType) {
    }

    Built build(String messageId, byte[] document, PrivateKey key, X509Certificate certificate, boolean sign, boolean encrypt) throws Exception {
        return build(messageId, document, key, certificate, sign, encrypt, client -> { });
    }

    /** As above, its header then changed as a partner configured on its own would send it (party ids, service, properties). */
    Built build(String messageId, byte[] document, PrivateKey key, X509Certificate certificate, boolean sign, boolean encrypt,
            Consumer<AS4ClientUserMessage> header) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded())), "pw".toCharArray(), new java.security.cert.Certificate[] {certificate});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("receiver", receiverCertificate);
        try (AS4ResourceHelper resources = new AS4ResourceHelper()) {
            AS4ClientUserMessage client = new AS4ClientUserMessage(resources);
            client.setCryptoFactory(new AS4CryptoFactoryInMemoryKeyStore(keys, "key", "pw".toCharArray(), trust));
            if (sign) {
                As4Crypto.signing().cloneTo(client.signingParams());
            } else {
                client.signingParams().setAlgorithmSign(null);
            }
            if (encrypt) {
                As4Crypto.encryptionFor(receiverCertificate).cloneTo(client.cryptParams());
            }
            client.setMessageID(messageId);
            client.setAction("Deliver");
            client.setServiceValue("urn:casw:as4:trade-documents");
            client.setConversationID(messageId);
            client.setFromRole(As4Agreement.ROLE_INITIATOR);
            client.setFromPartyIDType(As4Agreement.UNREGISTERED_TYPE);
            client.setFromPartyID(fromPartyId);
            client.setToRole(As4Agreement.ROLE_RESPONDER);
            client.setToPartyIDType(As4Agreement.UNREGISTERED_TYPE);
            client.setToPartyID(toPartyId);
            client.setPModeID("test");
            Ebms3Property sender = new Ebms3Property();
            sender.setName("originalSender");
            sender.setValue("SG-NSW");
            client.ebms3Properties().add(sender);
            client.addAttachment(WSS4JAttachment.createOutgoingFileAttachment(document, null, "document.xml", CMimeType.APPLICATION_XML,
                    EAS4CompressionMode.GZIP, StandardCharsets.UTF_8, resources));
            header.accept(client);
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

    static HttpResponse<String> post(String endpoint, Built message) throws Exception {
        return post(endpoint, message.body(), message.contentType());
    }

    static HttpResponse<String> post(String endpoint, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalEnd();
        }
    }
}
