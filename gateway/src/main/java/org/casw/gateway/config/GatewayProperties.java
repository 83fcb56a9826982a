package org.casw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.casw.gateway.broker.ExternalBrokerProperties;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartyRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's configuration ({@code gateway.*} in application.yml): where it keeps its data,
 * its limits, where the partner agreements are, and the agreements themselves once loaded. Unknown
 * settings are refused, so a misspelt key in an agreement file stops start-up with its file and line.
 * {@code devPki}: generate the development PKI under the data directory on start (off in production).
 * {@code aeo}: the AEO programmes recognised for the fast lane.
 * {@code inboundConsumers}: consumers per party's inbound JMS address (a sender orders submissions with JMSXGroupID).
 * {@code retention}: how long finished messages keep their payloads and history (off unless {@code age} is set).
 */
@ConfigurationProperties(prefix = "gateway", ignoreUnknownFields = false)
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue(PartnerAgreementFiles.DEFAULT_LOCATION) String agreements,
        @DefaultValue("10MB") DataSize maxPayloadSize,
        @DefaultValue("2") int deliveryConsumers,
        @DefaultValue("4") int inboundConsumers,
        @DefaultValue("30s") Duration deliveryTimeout,
        Map<String, Partner> partners,
        @DefaultValue Broker broker,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue Signing signing,
        Map<String, Operator> operators,
        @DefaultValue Certificates certificates,
        @DefaultValue("true") boolean devPki,
        @DefaultValue Aeo aeo,
        @DefaultValue As4Gateway as4,
        Limits limits,
        @DefaultValue ApiKeySecret apiKeys,
        @DefaultValue Cluster cluster,
        @DefaultValue Retention retention) {

    /**
     * Several gateway nodes on one database and broker (docs/adr/0013-several-nodes.md).
     *
     * @param nodeId        this node's name in the cluster (default: host name and HTTP port); unique per node
     * @param heartbeat     how often a node says it is alive, checks its leadership and re-reads operators' suspensions
     * @param nodeTimeout   a node silent this long counts as dead
     * @param strandedAfter a message in flight (received, validated, signed) untouched this long while other nodes are
     *                      alive is taken for stranded by a dead node and finished by the leader; far longer than any
     *                      intake takes
     */
    public record Cluster(String nodeId, @DefaultValue("5s") Duration heartbeat, @DefaultValue("20s") Duration nodeTimeout,
            @DefaultValue("60s") Duration strandedAfter) {
    }

    /**
     * The server secret API keys are digested with ({@code gateway.api-keys.secret-file}: at least 32 random bytes,
     * mode 0600). Unset: the published development secret, which the production profile refuses.
     */
    public record ApiKeySecret(Path secretFile) {
    }

    /**
     * What one party may submit: a token bucket filling at {@code rate-per-second} and holding {@code burst}, and at most
     * {@code in-flight} submissions in progress at once. {@code gateway.limits} sets every party's; {@code limits:} in an
     * agreement overrides it field by field. 0 (or unset everywhere) leaves that limit off. Over it, a submission is not
     * stored: HTTP answers 429 with Retry-After, the other channels a RATE_LIMITED receipt.
     */
    public record Limits(Double ratePerSecond, Integer burst, Integer inFlight) {
    }

    /**
     * AEO mutual recognition: per issuing country (ISO alpha-2), the AEO programmes China recognises, as AEO
     * status notices name them ({@code SG: [SG-STP-PLUS]}). Declarations of their enterprises in force take the fast lane.
     */
    public record Aeo(Map<String, List<String>> recognised) {

        public static Aeo none() {
            return new Aeo(Map.of());
        }
    }

    /**
     * The gateway's own side of the AS4 channel: where its endpoint listens, the key it signs with and
     * decrypts with (RSA: RSA-SHA256 signatures, RSA-OAEP key transport), how long a received message id is
     * remembered for duplicate elimination (the whole retry horizon of any partner, and more); and, for agreements
     * with {@code as4.profile: edelivery2}, the gateway's eDelivery AS4 2.0 keys ({@code edelivery2}).
     */
    public record As4Gateway(@DefaultValue("/as4") String path, KeyStoreEntry identity,
            @DefaultValue("30d") Duration duplicateRetention, Edelivery2Keys edelivery2) {

        @ConstructorBinding
        public As4Gateway {
        }

        /** Without eDelivery AS4 2.0 keys: every agreement uses the RSA profile. */
        public As4Gateway(String path, KeyStoreEntry identity, Duration duplicateRetention) {
            this(path, identity, duplicateRetention, null);
        }
    }

    /**
     * The gateway's eDelivery AS4 2.0 keys ({@code gateway.as4.edelivery2}): {@code signing}, an Ed25519 key that signs
     * messages and receipts; {@code encryption}, an X25519 key partners agree content keys with. Each has its own
     * certificate, which partners put in their agreement.
     */
    public record Edelivery2Keys(KeyStoreEntry signing, KeyStoreEntry encryption) {
    }

    /**
     * Data retention ({@code gateway.retention}): a message whose every delivery finished (DELIVERED, ACKNOWLEDGED or
     * REJECTED) longer than {@code age} ago loses its payloads and history, and keeps its row and business keys as a
     * tombstone (see {@link org.casw.gateway.retention.DataRetention}). Unset {@code age}: nothing is ever purged.
     *
     * @param age        how long after its last change a finished message is kept whole (at least a day, and longer than
     *                   {@code gateway.as4.duplicate-retention} and the delivery retry horizon)
     * @param archiveDir where each purged message is written first (one zip per document); unset: purged without a copy
     * @param interval   how long after one run the next starts
     * @param batchSize  documents purged per transaction
     */
    public record Retention(Duration age, Path archiveDir, @DefaultValue("1h") Duration interval,
            @DefaultValue("200") int batchSize) {
    }

    /** Certificate expiry: how many days ahead a certificate counts as expiring (health, metric, API). */
    public record Certificates(@DefaultValue("30") int expiryWarningDays) {
    }

    /**
     * A gateway operator: may suspend and resume partners and retry failed deliveries. Keys as digests.
     *
     * @param consolePassword the operator's console password as a {@code {bcrypt}} hash
     *                        ({@code java -jar gateway.jar console-password-hash}); none: no console login
     */
    public record Operator(List<String> apiKeys, String consolePassword) {
    }

    /**
     * One party's agreement, usually one file {@code agreements/<PARTY>.yml}. API keys are stored only as
     * {@code hmac-sha256:<hex>} digests under the server secret ({@code java -jar gateway.jar api-key-digest}).
     *
     * @param party    the party id, repeated in its own file so a misplaced file is noticed
     * @param country  ISO 3166 alpha-2 country the party acts for (partner single windows, customs)
     * @param receives which documents the party receives, by type and content
     * @param formats  formats the party sends and, per document type, the format it accepts
     * @param inboundDirectory a drop directory the party submits files in (the gateway moves each away once stored)
     * @param sends    the document types the party may submit (none listed: its role's, see docs/security-model.md)
     * @param declaresFor codes of the enterprises a broker or agent declares for (USCC, or an overseas party's code as
     *                 declared); with its own identifiers, the only enterprises whose AEO status can give its declarations
     *                 the fast lane
     * @param limits   its rate and in-flight limits, field by field over {@code gateway.limits}
     * @param consolePassword a password its people may log in to the console with instead of an API key, as a
     *                 {@code {bcrypt}} hash ({@code java -jar gateway.jar console-password-hash})
     */
    public record Partner(String party, String name, PartyRole role, String country, List<String> identifiers,
            List<String> apiKeys, @DefaultValue Delivery delivery, String inboundAddress, String inboundDirectory, String replyAddress,
            @DefaultValue("false") boolean suspended, @DefaultValue Signatures signatures, Retry retry,
            List<Receive> receives, @DefaultValue Formats formats, As4 as4,
            List<DocumentType> sends,
            List<String> declaresFor,
            Limits limits, Edifact edifact, String consolePassword) {
    }

    /**
     * How a party's UN/EDIFACT interchanges are addressed and answered ({@code edifact:} in its agreement); see
     * {@link org.casw.routes.partner.EdifactAgreement} for the defaults.
     *
     * @param interchangeId    its UNB interchange id (default: its party id)
     * @param idQualifier      that id's code qualifier, 0007 (default ZZZ)
     * @param ourInterchangeId the gateway's UNB id towards it (default CASW-GATEWAY)
     * @param ourIdQualifier   its code qualifier (default ZZZ)
     * @param directories      directories it may send in, e.g. [D96B, D95B, D00B] (default [D96B])
     * @param contrl           when it gets a CONTRL: ON_REQUEST (UNB 0031 = 1, the default), ALWAYS or NEVER
     */
    public record Edifact(String interchangeId, String idQualifier, String ourInterchangeId, String ourIdQualifier,
            List<String> directories, EdifactAgreement.Contrl contrl) {
    }

    /**
     * The AS4 P-Mode values of a partner gateway ({@code as4:} in its agreement): needed for
     * {@code delivery.channel: AS4}, and for receiving AS4 messages from it.
     *
     * @param ourPartyId      the gateway's own ebMS party id towards this partner
     * @param ourPartyIdType  its type (URI), e.g. {@code urn:oasis:names:tc:ebcore:partyid-type:unregistered} (the default);
     *                        empty ({@code ""}): an untyped party id, sent without a type attribute
     * @param partyId         the partner's ebMS party id
     * @param partyIdType     its type (URI; default and empty as for {@code ourPartyIdType}): its messages must carry exactly
     *                        this type, or no type when empty
     * @param service         ebMS service (with {@code serviceType} when it is not a URI)
     * @param action          ebMS action
     * @param endpoint        the partner's AS4 endpoint URL (http or https)
     * @param certificate     PEM or DER file of the partner's certificate: its signatures must be made with it, and
     *                        what the gateway sends it is encrypted for it
     * @param mustSign        refuse its messages unless signed with that certificate (default true)
     * @param mustEncrypt     refuse its messages unless encrypted for the gateway (default true)
     * @param profile         the algorithms: {@code rsa} (default: RSA-SHA256, RSA-OAEP, AES-128-GCM) or {@code edelivery2}
     *                        (eDelivery AS4 2.0 common profile: Ed25519, X25519 with HKDF and AES-128 key wrap, AES-128-GCM)
     * @param encryptionCertificate for {@code edelivery2}: the partner's X25519 certificate the gateway encrypts for
     *                        ({@code certificate} is then its Ed25519 signing certificate)
     * @param endPartyIdType  four-corner: the type of the end parties' ids in {@code originalSender} and
     *                        {@code finalRecipient} where {@code endParties} names none (default ebCore unregistered)
     * @param endParties      four-corner: per gateway party, its id (and type) in this partner's network; a party not
     *                        listed is named by its first {@code identifiers} entry, else its party id
     */
    public record As4(String ourPartyId, @DefaultValue(As4.UNREGISTERED) String ourPartyIdType, String partyId,
            @DefaultValue(As4.UNREGISTERED) String partyIdType, String service, String serviceType, String action,
            String endpoint, Path certificate, @DefaultValue("true") boolean mustSign, @DefaultValue("true") boolean mustEncrypt,
            @DefaultValue("rsa") String profile, Path encryptionCertificate, @DefaultValue(As4.UNREGISTERED) String endPartyIdType,
            Map<String, EndParty> endParties) {

        @ConstructorBinding
        public As4 {
        }

        /** An agreement under the RSA profile, its end parties named by default. */
        public As4(String ourPartyId, String ourPartyIdType, String partyId, String partyIdType, String service, String serviceType,
                String action, String endpoint, Path certificate, boolean mustSign, boolean mustEncrypt) {
            this(ourPartyId, ourPartyIdType, partyId, partyIdType, service, serviceType, action, endpoint, certificate, mustSign,
                    mustEncrypt, "rsa", null, UNREGISTERED, null);
        }

        /** ebCore party id type for ids that are not in a registered scheme. */
        public static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

        /** An end party's id in a partner's network, e.g. its registration number, and the type (scheme) of that id. */
        public record EndParty(String id, String type) {
        }
    }

    /**
     * One kind of document a party receives: a type and, optionally, conditions on its content
     * ({@code when: {importing-country: [SG]}}); every condition must hold.
     */
    public record Receive(DocumentType documentType, Map<String, List<String>> when) {
    }

    /**
     * The formats a party speaks besides the gateway's native XML.
     *
     * @param sends   formats it submits in, translated on arrival (e.g. {@code EDIFACT-D96B}, {@code ASW-ECO})
     * @param accepts per document type, the format it wants delivered (e.g. {@code MANIFEST: EDIFACT-D96B})
     */
    public record Formats(List<String> sends, Map<DocumentType, String> accepts) {
    }

    /**
     * Delivery retries for one partner, overriding gateway.broker's defaults field by field: attempts,
     * first delay, back-off multiplier, longest delay, and jitter (0-1: each delay varies by up to that
     * fraction, so many failed messages do not all retry at the same instant).
     */
    public record Retry(Integer maxAttempts, Duration initialDelay, Double multiplier, Duration maxDelay, Double jitter) {
    }

    /**
     * Signatures in a partner agreement: how the gateway signs what it sends the party, and what it
     * demands of what the party sends.
     *
     * @param signWith     signing profile for documents to this party (none: unsigned)
     * @param eportDigest  reference digest of the cn-eport-sm2 profile: SHA1 (as in E-Port samples) or SM3
     * @param xades        add XAdES-BES signing time and certificate digest (W3C profiles)
     * @param required     refuse unsigned documents from this party
     * @param accept       profiles its signatures may use
     * @param trustAnchors PEM files of the CAs its signing certificates must chain to
     * @param retiringAnchors CAs being replaced (rollover): still trusted until their date
     * @param crls         CRLs checked for revoked signer certificates: files (DER or PEM), or loopback
     *                     {@code http://127.0.0.1:...} URLs fetched at start-up
     * @param ocsp         an OCSP responder on loopback ({@code http://127.0.0.1:...}) asked about each signer
     * @param signers      the party's own signing certificates, by subject and/or key identifier: a signature by any
     *                     other certificate, even under the same trust anchor, is refused (SIGNER_NOT_PINNED)
     * @param revocationRequired refuse a signature whose certificate's revocation status cannot be determined; the
     *                     agreement must then configure {@code crls} or {@code ocsp}
     */
    public record Signatures(String signWith, @DefaultValue("SHA1") String eportDigest, @DefaultValue("false") boolean xades,
            @DefaultValue("false") boolean required, List<String> accept, List<Path> trustAnchors,
            List<RetiringAnchor> retiringAnchors, List<String> crls, String ocsp,
            List<Signer> signers,
            @DefaultValue("false") boolean revocationRequired) {
    }

    /**
     * A pinned signing certificate of a party ({@code signatures.signers}): its subject as an RFC 2253 name, its
     * subject key identifier in hex (quoted in YAML), or both; every field given must match.
     */
    public record Signer(String subject, String keyIdentifier) {
    }

    /** A trust anchor kept during a partner's certificate rollover, until {@code until}. */
    public record RetiringAnchor(Path file, Instant until) {
    }

    /**
     * The gateway's own signing keys per signing profile id, and for rollover the key that takes over
     * from a given instant ({@code next}); both are listed among the gateway's certificates meanwhile.
     */
    public record Signing(Map<String, KeyStoreEntry> identities, Map<String, KeyStoreEntry> next) {
    }

    /**
     * A private key in a PKCS#12 key store; the password is read from a file, never from configuration.
     * {@code from} applies to a {@code next} key: when it starts signing.
     */
    public record KeyStoreEntry(Path keystore, String alias, Path passwordFile, Instant from) {
    }

    /**
     * How documents reach a party: its channel and, for HTTP, its URL, for FILE, its drop directory.
     * {@code authorizationFile}: for HTTP, a file (0600) holding the bearer token the gateway delivers with;
     * the token itself never goes in configuration.
     */
    public record Delivery(@DefaultValue("MAILBOX") DeliveryChannel channel, String url, String directory,
            Path authorizationFile) {

        @ConstructorBinding
        public Delivery {
        }

        /** A delivery without a credential. */
        public Delivery(DeliveryChannel channel, String url, String directory) {
            this(channel, url, directory, null);
        }
    }

    /** Broker retry policy for deliveries and the loopback acceptor for port and rail systems. */
    public record Broker(@DefaultValue("10") int maxDeliveryAttempts, @DefaultValue("1s") Duration redeliveryDelay,
            @DefaultValue("2.0") double redeliveryMultiplier, @DefaultValue("5m") Duration maxRedeliveryDelay,
            @DefaultValue("") String acceptorUrl, @DefaultValue("0.2") double redeliveryJitter,
            @DefaultValue ExternalBrokerProperties external, @DefaultValue("100us") Duration journalBufferTimeout) {
    }

    /** The embedded PostgreSQL used when no {@code spring.datasource.url} is set (0 = any free port). */
    public record EmbeddedDatabase(@DefaultValue("0") int port) {
    }
}
