package org.casw.gateway.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConnectionDetails;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisMode;

/**
 * A standalone Artemis broker the gateway connects to. At start-up it must answer within the connect
 * timeout, keep its duplicate-id cache across restarts, and it is given the gateway's queues and address
 * settings through the management API, so an operator cannot forget one.
 */
public final class ExternalBroker implements ArtemisConnectionDetails {

    private static final Logger log = LoggerFactory.getLogger(ExternalBroker.class);

    /** Below this, a redelivery after a long outage could miss its duplicate id (the embedded broker keeps 100,000). */
    static final int RECOMMENDED_ID_CACHE_SIZE = 100_000;

    /**
     * Client reconnection unless the URL says otherwise. reconnectAttempts=-1: the JMS connection, and with it
     * the delivery consumers and cached producers, outlives a broker restart and fails over to the restarted
     * broker by itself; transactions open at the crash are rolled back and their messages redelivered.
     * callFailoverTimeout bounds how long a blocking send (an HTTP submission) waits for that, so a party gets
     * an error to retry rather than a request that hangs for the length of the outage.
     */
    static final Map<String, String> RECONNECT_DEFAULTS = reconnectDefaults();

    private final String brokerUrl;
    private final String configuredUrl;
    private final String user;
    private final String password;
    private final Duration connectTimeout;

    private ExternalBroker(String configuredUrl, String user, String password, Duration connectTimeout) {
        this.configuredUrl = BrokerUrls.redacted(configuredUrl); // only for messages: a TLS URL may carry passwords
        this.brokerUrl = withReconnectDefaults(configuredUrl);
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
    }

    /** The broker from Spring's settings; the password comes from {@code password-file} when one is configured. */
    static ExternalBroker configure(String brokerUrl, String user, String password, ExternalBrokerProperties external) {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalStateException("spring.artemis.mode=native needs spring.artemis.broker-url (e.g. tcp://broker:61616)");
        }
        String secret = password;
        if (external.passwordFile() != null) {
            try {
                secret = Files.readString(external.passwordFile()).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the broker password file gateway.broker.external.password-file="
                        + external.passwordFile(), e);
            }
        }
        return new ExternalBroker(brokerUrl, user, secret, external.connectTimeout());
    }

    /** Adds each reconnection default the URL does not set itself. */
    static String withReconnectDefaults(String url) {
        StringBuilder result = new StringBuilder(url);
        boolean hasQuery = url.contains("?");
        for (Map.Entry<String, String> parameter : RECONNECT_DEFAULTS.entrySet()) {
            if (!url.contains(parameter.getKey() + "=")) {
                result.append(hasQuery ? '&' : '?').append(parameter.getKey()).append('=').append(parameter.getValue());
                hasQuery = true;
            }
        }
        return result.toString();
    }

    /**
     * Checks the broker and declares the layout on it (idempotent: existing queues are kept, settings replaced).
     *
     * @throws IllegalStateException naming the broker and what is wrong, so the gateway refuses to start
     */
    void prepare(BrokerLayout layout) {
        long retryInterval = 500;
        int attempts = (int) Math.max(1, connectTimeout.toMillis() / retryInterval);
        try (ServerLocator locator = locator()) {
            locator.setInitialConnectAttempts(attempts).setRetryInterval(retryInterval).setRetryIntervalMultiplier(1.0)
                    .setReconnectAttempts(0).setCallTimeout(connectTimeout.toMillis());
            ClientSessionFactory factory;
            try {
                factory = locator.createSessionFactory();
            } catch (Exception e) {
                throw new IllegalStateException("The external broker " + configuredUrl + " (spring.artemis.broker-url) is not reachable"
                        + " after " + connectTimeout.toSeconds() + " s: " + e.getMessage() + ". The gateway does not start without"
                        + " its broker: start the broker or correct the URL.", e);
            }
            try (factory; ClientSession session = login(factory)) {
                session.start();
                try (ClientRequestor management = new ClientRequestor(session,
                        ActiveMQDefaultConfiguration.getDefaultManagementAddress())) {
                    checkDuplicateDetection(session, management);
                    for (Map.Entry<String, AddressSettings> s : layout.addressSettings().entrySet()) {
                        invoke(session, management, "addAddressSettings", s.getKey(), s.getValue().toJSON());
                    }
                    for (String queue : layout.queues()) {
                        invoke(session, management, "createQueue", QueueConfiguration.of(queue).setAddress(queue)
                                .setRoutingType(RoutingType.ANYCAST).setDurable(true).setAutoCreateAddress(true).toJSON(), true);
                    }
                    for (String topic : layout.topics()) {
                        createAddress(session, management, topic, RoutingType.MULTICAST);
                    }
                }
            }
            log.info("External broker {} ready: {} address setting(s) and {} durable queue(s) declared", configuredUrl,
                    layout.addressSettings().size(), layout.queues().size());
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the external broker " + configuredUrl + ": " + e.getMessage(), e);
        }
    }

    private ServerLocator locator() {
        try {
            return ActiveMQClient.createServerLocator(brokerUrl);
        } catch (Exception e) {
            throw new IllegalStateException("spring.artemis.broker-url is not a valid Artemis URL: " + BrokerUrls.redacted(brokerUrl), e);
        }
    }

    private ClientSession login(ClientSessionFactory factory) {
        try {
            return factory.createSession(user, password, false, true, true, false, 0);
        } catch (Exception e) {
            throw new IllegalStateException("The external broker " + configuredUrl + " refused the gateway's login as '" + user
                    + "' (spring.artemis.user, gateway.broker.external.password-file): " + e.getMessage(), e);
        }
    }

    /** Delivered once rests on the broker remembering duplicate ids across its restarts. */
    private void checkDuplicateDetection(ClientSession session, ClientRequestor management) throws Exception {
        if (!Boolean.parseBoolean(String.valueOf(attribute(session, management, "persistIDCache")))) {
            throw new IllegalStateException("The external broker " + configuredUrl + " does not persist its duplicate-id cache"
                    + " (<persist-id-cache>false</persist-id-cache> in broker.xml): after its restart a redelivered document could"
                    + " reach its receiver twice. Set persist-id-cache to true.");
        }
        long size = ((Number) attribute(session, management, "IDCacheSize")).longValue();
        if (size < RECOMMENDED_ID_CACHE_SIZE) {
            log.warn("The external broker {} keeps {} duplicate ids per address; set <id-cache-size>{}</id-cache-size> in broker.xml"
                    + " to match the gateway's embedded broker", configuredUrl, size, RECOMMENDED_ID_CACHE_SIZE);
        }
    }

    private Object attribute(ClientSession session, ClientRequestor management, String name) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, ResourceNames.BROKER, name);
        return result(management.request(request, connectTimeout.toMillis()), name);
    }

    private void invoke(ClientSession session, ClientRequestor management, String operation, Object... arguments) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, arguments);
        result(management.request(request, connectTimeout.toMillis()), operation);
    }

    /** Creates the address unless it exists (Artemis has no "if not exists" for addresses: AMQ229204 says it exists). */
    private void createAddress(ClientSession session, ClientRequestor management, String address, RoutingType type) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "createAddress", address, type.name());
        ClientMessage reply = management.request(request, connectTimeout.toMillis());
        if (reply != null && !ManagementHelper.hasOperationSucceeded(reply)
                && String.valueOf(ManagementHelper.getResult(reply)).contains("AMQ229204")) {
            return;
        }
        result(reply, "createAddress " + address);
    }

    private Object result(ClientMessage reply, String what) throws Exception {
        if (reply == null) {
            throw new IllegalStateException("The external broker " + configuredUrl + " did not answer the management request " + what
                    + " within " + connectTimeout.toSeconds() + " s");
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("The external broker " + configuredUrl + " refused " + what + ": "
                    + ManagementHelper.getResult(reply)
                    + " (the gateway's user '" + user + "' needs the manage, createAddress, createDurableQueue and"
                    + " createNonDurableQueue permissions)");
        }
        return ManagementHelper.getResult(reply);
    }

    @Override
    public ArtemisMode getMode() {
        return ArtemisMode.NATIVE;
    }

    @Override
    public String getBrokerUrl() {
        return brokerUrl;
    }

    @Override
    public String getUser() {
        return user;
    }

    @Override
    public String getPassword() {
        return password;
    }

    private static Map<String, String> reconnectDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("reconnectAttempts", "-1");
        defaults.put("retryInterval", "500");
        defaults.put("retryIntervalMultiplier", "2.0");
        defaults.put("maxRetryInterval", "5000");
        defaults.put("callFailoverTimeout", "30000");
        return Collections.unmodifiableMap(defaults);
    }
}
