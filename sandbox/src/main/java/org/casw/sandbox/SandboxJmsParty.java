package org.casw.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.casw.gateway.broker.BrokerConfiguration;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.document.DocumentReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A sandbox port or rail system on the gateway's broker, connected as its party over the loopback acceptor
 * (party id as user, its API key as password): it reads its reply address (documents delivered to it and
 * the gateway receipts of its own submissions) and submits on its inbound address, like the real system.
 */
abstract class SandboxJmsParty implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxJmsParty.class);
    static final DateTimeFormatter OCCURRED = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    final SandboxParty party;
    final SandboxScheduler scheduler;
    final DocumentReader reader = new DocumentReader();
    private final String brokerUrl;
    private final long lateMillis;
    private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final AtomicInteger injectedFaults = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 100);
    private Connection connection;
    private Session sendSession;
    private MessageProducer producer;

    SandboxJmsParty(SandboxParty party, GatewayProperties properties) {
        this.party = party;
        this.scheduler = new SandboxScheduler(party.name());
        String acceptor = properties.broker().acceptorUrl();
        this.brokerUrl = acceptor == null || acceptor.isBlank() ? null : acceptor.replace("0.0.0.0", "127.0.0.1");
        this.lateMillis = properties.deliveryTimeout().toMillis() + 1_000L;
        if (party.profile().inboundAddress() == null || party.profile().replyAddress() == null) {
            throw new IllegalStateException("sandbox." + party.name() + ": " + party.partyId()
                    + " needs an inbound-address and a reply-address in its agreement");
        }
    }

    /** A document the gateway delivered to this party. */
    abstract void onDocument(String documentType, String trackingId, byte[] payload) throws Exception;

    /** One submission of this party and the gateway's receipt for it, once it came. */
    record Submission(String messageId, String what, String jmsMessageId, String trackingId, String status, String at) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void connectOnStart() {
        if (party.settings().connectOnStart()) {
            connect();
        }
    }

    /** Connects to the broker as the party and starts reading its reply address. */
    @PostMapping("/connect")
    public synchronized ResponseEntity<String> connect() {
        if (connection != null) {
            return ResponseEntity.ok(party.partyId() + " is connected");
        }
        if (brokerUrl == null) {
            log.warn("Sandbox {} stays offline: gateway.broker.acceptor-url is empty, so it has nowhere to connect", party.name());
            return ResponseEntity.status(409).body("gateway.broker.acceptor-url is empty: the sandbox " + party.name() + " cannot connect");
        }
        try {
            ActiveMQConnectionFactory factory = BrokerConfiguration.denyAllDeserialization(new ActiveMQConnectionFactory(brokerUrl));
            Connection c = factory.createConnection(party.partyId(), party.settings().apiKey());
            Session listen = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            listen.createConsumer(listen.createQueue(party.profile().replyAddress())).setMessageListener(this::onMessage);
            sendSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = sendSession.createProducer(sendSession.createQueue(party.profile().inboundAddress()));
            c.start();
            connection = c;
            log.info("Sandbox {} connected to {} as {}", party.name(), brokerUrl, party.partyId());
            return ResponseEntity.ok(party.partyId() + " connected");
        } catch (JMSException e) {
            log.warn("Sandbox {} could not connect to {}: {}", party.name(), brokerUrl, e.toString());
            return ResponseEntity.status(503).body("cannot connect: " + e.getMessage());
        }
    }

    /** Disconnects: documents for the party wait on its reply address until it connects again. */
    @PostMapping("/disconnect")
    public synchronized ResponseEntity<String> disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                log.debug("closing the sandbox {} connection: {}", party.name(), e.toString());
            }
            connection = null;
            producer = null;
            sendSession = null;
        }
        return ResponseEntity.ok(party.partyId() + " disconnected");
    }

    /** This party's submissions, oldest first, with the gateway's tracking id and status once its receipt came. */
    @GetMapping("/submissions")
    public List<Submission> submissions() {
        synchronized (order) {
            return order.stream().map(submissions::get).toList();
        }
    }

    /** The sandbox's settings, connection and injected faults. */
    @GetMapping
    public Map<String, Object> status() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("party", party.partyId());
        view.put("connected", connection != null);
        view.put("broker", brokerUrl);
        view.put("delay", party.settings().delay().toString());
        view.put("faults", party.faults().describe());
        view.put("injectedFaults", injectedFaults.get());
        return view;
    }

    private void onMessage(Message message) {
        try {
            byte[] body = body(message);
            String correlation = message.getJMSCorrelationID();
            if (correlation != null && submissions.containsKey(correlation)) {
                Submission s = submissions.get(correlation);
                submissions.put(correlation, new Submission(s.messageId(), s.what(), s.jmsMessageId(),
                        message.getStringProperty("trackingId"), message.getStringProperty("status"), s.at()));
                return;
            }
            String documentType = message.getStringProperty("documentType");
            if (documentType != null) {
                onDocument(documentType, message.getStringProperty("trackingId"), body);
            }
        } catch (Exception e) {
            log.warn("Sandbox {} could not handle a message on {}: {}", party.name(), party.profile().replyAddress(), e.toString());
        }
    }

    /** Submits a document after the party's delay, with the faults its settings inject. */
    void submitLater(String messageId, String what, String document) {
        submitLater(messageId, what, document.getBytes(StandardCharsets.UTF_8));
    }

    /** As above, for a document already encoded (EDIFACT is ISO 8859-1, native XML UTF-8). */
    void submitLater(String messageId, String what, byte[] document) {
        FaultInjection.Fault fault = party.faults().next();
        long delay = party.delayMillis() + (fault == FaultInjection.Fault.TIMEOUT ? lateMillis : 0);
        if (fault != FaultInjection.Fault.NONE) {
            injectedFaults.incrementAndGet();
        }
        byte[] payload = fault == FaultInjection.Fault.ERROR
                ? ("ERROR " + party.partyId() + ": " + what + " could not be exported (injected by sandbox." + party.name()
                        + ".error-rate)")
                        .getBytes(StandardCharsets.UTF_8)
                : document;
        scheduler.after(delay, () -> send(messageId, what, payload, 1));
    }

    private void send(String messageId, String what, byte[] payload, int attempt) {
        try {
            String id;
            synchronized (this) {
                if (producer == null) {
                    throw new IllegalStateException("not connected");
                }
                BytesMessage m = sendSession.createBytesMessage();
                m.writeBytes(payload);
                producer.send(m);
                id = m.getJMSMessageID();
            }
            synchronized (order) {
                submissions.put(id, new Submission(messageId, what, id, null, null, OffsetDateTime.now(ZoneOffset.UTC).toString()));
                order.add(id);
            }
        } catch (Exception e) {
            log.warn("Sandbox {} could not submit {} (attempt {}): {}", party.name(), what, attempt, e.toString());
            if (attempt < 10) {
                scheduler.after(Math.min(30_000, 500L << attempt), () -> send(messageId, what, payload, attempt + 1));
            }
        }
    }

    /** A fresh batch id for this party's next report, unique across runs. */
    String nextBatchId(String prefix) {
        return prefix + "-" + Long.toString(sequence.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
    }

    /** The party's own code, as its reports name their reporter. */
    String reporter() {
        return party.profile().identifiers().isEmpty() ? party.partyId() : party.profile().identifiers().get(0);
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS).format(OCCURRED);
    }

    /** A batch of native container events by {@code reporter}; {@code events} are ready Event elements. */
    static String containerEvents(String batchId, String reporter, CharSequence events) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ContainerEvents xmlns="urn:casw:container-event:1" version="1.0">
                  <BatchId>%s</BatchId>
                  <Reporter>%s</Reporter>
                %s</ContainerEvents>
                """.formatted(SandboxXml.text(batchId), SandboxXml.text(reporter), events);
    }

    /**
     * One native container event at Qinzhou, now, every value escaped; {@code transportMeans} is a ready
     * TransportMeans element ({@link #transportMeans}) or empty.
     */
    static String containerEvent(String eventId, String type, String container, String sizeType, String facilityCode,
            String facilityType, String transportMeans, List<String> bills, List<String> seals) {
        StringBuilder extra = new StringBuilder();
        bills.forEach(b -> extra.append("    <BillNo>").append(SandboxXml.text(b)).append("</BillNo>\n"));
        seals.forEach(s -> extra.append("    <SealNo>").append(SandboxXml.text(s)).append("</SealNo>\n"));
        return """
                  <Event>
                    <EventId>%s</EventId>
                    <EventType>%s</EventType>
                    <ContainerNumber>%s</ContainerNumber>
                    <SizeType>%s</SizeType>
                    <FullEmpty>F</FullEmpty>
                    <Location>
                      <UnLocode>CNQZH</UnLocode>
                      <FacilityCode>%s</FacilityCode>
                      <FacilityType>%s</FacilityType>
                    </Location>
                    <OccurredAt>%s</OccurredAt>
                %s%s  </Event>
                """.formatted(SandboxXml.text(eventId), SandboxXml.text(type), SandboxXml.text(container), SandboxXml.text(sizeType),
                SandboxXml.text(facilityCode), SandboxXml.text(facilityType), now(), transportMeans, extra);
    }

    /** A TransportMeans element for {@link #containerEvent}, every value escaped. */
    static String transportMeans(String mode, String id, String journey) {
        return """
                    <TransportMeans>
                      <Mode>%s</Mode>
                      <Id>%s</Id>
                      <JourneyId>%s</JourneyId>
                    </TransportMeans>
                """.formatted(SandboxXml.text(mode), SandboxXml.text(id), SandboxXml.text(journey));
    }

    private static byte[] body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return data;
        }
        return new byte[0];
    }

    @Override
    public void close() {
        scheduler.close();
        disconnect();
    }
}
