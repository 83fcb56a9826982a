package org.casw.gateway.as4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.casw.gateway.GatewayClient;
import org.casw.gateway.reliability.GatewayProcess;
import org.casw.gateway.security.ApiKeys;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmC14N;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.crypto.ECryptoKeyIdentifierType;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.leg.EPModeSendReceiptReplyPattern;
import com.helger.phase4.model.pmode.leg.PModeLeg;
import com.helger.phase4.model.pmode.leg.PModeLegBusinessInformation;
import com.helger.phase4.model.pmode.leg.PModeLegErrorHandling;
import com.helger.phase4.model.pmode.leg.PModeLegProtocol;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.helger.phase4.profile.AS4Profile;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.sender.IAS4SignalMessageValidationResultHandler;
import com.helger.phase4.wss.EWSSVersion;
import com.helger.scope.mgr.ScopeManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's AS4 path for an integrator, step by step against a gateway in its own JVM: export the gateway's AS4
 * certificate with gateway.jar, write the partner's agreement, send one message from a bare phase4 access point
 * configured only from the exported PEM and that agreement, and read the signed receipt. Then the certificates this
 * involved are watched: the partner's, which expires soon, turns the expiry health and metric.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class As4IntegratorPathTest {

    static final Path SERVER_JAR = Path.of("..", "gateway", "target", "gateway.jar");
    static final String GATEWAY_PARTY_ID = "CN-CASW";
    static final String PARTNER_PARTY_ID = "SG-SWGW";
    static final String SERVICE = "urn:casw:as4:trade-documents";
    static final String ACTION = "Deliver";
    static final String CUSTOMS_KEY = "sandbox-customs-key";
    static final String OPERATOR_KEY = "demo-operator-key";
    static final String PROFILE = "integrator-access-point";
    static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    static final String INITIATOR = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator";
    static final String RESPONDER = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder";

    static Path dataDir;
    static Path exportedPem;
    static Result firstExport;
    static IssuedIdentity accessPoint;
    static GatewayProcess gateway;
    static boolean ownsPhase4Scope;

    @BeforeAll
    static void exportTheCertificateWriteTheAgreementAndStartTheGateway() throws Exception {
        Path base = TestData.newDataDir("as4-integrator");
        dataDir = Files.createDirectories(base.resolve("gateway"));
        Path agreements = Files.createDirectories(dataDir.resolve("agreements"));

        // 1. the operator exports the gateway's AS4 certificate, before the gateway's first start (it makes the same PKI)
        firstExport = runJar("certs", "export", "--as4", "--gateway.data-dir=" + dataDir);
        assertThat(firstExport.status()).as(firstExport.errors()).isZero();
        exportedPem = base.resolve("casw-gateway-as4.pem");
        Result export = runJar("certs", "export", "--as4", "--out", exportedPem.toString(), "--gateway.data-dir=" + dataDir);
        assertThat(export.status()).as(export.errors()).isZero();
        assertThat(export.output()).startsWith("Wrote " + exportedPem + ": AS4 certificate");

        // the partner's access point has its own key, from its own CA, and its certificate expires in 10 days
        DevPki partnerCa = DevPki.ensure(base.resolve("partner-ca"));
        accessPoint = partnerCa.issue("SG-NSW", "Singapore AS4 access point", KeyFamily.RSA_2048,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)));
        Path partnerPem = base.resolve("sg-access-point.pem");
        Files.writeString(partnerPem, new String(DevPki.toPem(accessPoint.certificate()), StandardCharsets.US_ASCII));

        // 2. the operator writes the partner's agreement (and the agreement of the customs the documents are for)
        Files.writeString(agreements.resolve("SG-NSW.yml"), """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                country: SG
                as4:
                  our-party-id: %s
                  party-id: %s
                  service: %s
                  action: %s
                  certificate: %s
                """.formatted(GATEWAY_PARTY_ID, PARTNER_PARTY_ID, SERVICE, ACTION, partnerPem));
        Files.writeString(agreements.resolve("CN-CUSTOMS.yml"), """
                party: CN-CUSTOMS
                role: CUSTOMS
                country: CN
                api-keys: [%s]
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-country: [CN]}
                signatures: {accept: [cn-eport-sm2], trust-anchors: [%s]}
                """.formatted(ApiKeys.development().digest(CUSTOMS_KEY), dataDir.resolve("certs/root-sm2.pem")));

        gateway = new GatewayProcess(dataDir, List.of("--gateway.agreements=file:" + agreements + "/*.yml",
                "--gateway.broker.acceptor-url=",
                "--sandbox.customs.enabled=false", "--sandbox.port.enabled=false", "--sandbox.rail.enabled=false",
                "--sandbox.sg-nsw.enabled=false", "--sandbox.my-nsw.enabled=false", SampleEra.ARGUMENT)).start();

        ownsPhase4Scope = !ScopeManager.isGlobalScopePresent();
        if (ownsPhase4Scope) {
            ScopeManager.onGlobalBegin("integrator-access-point");
        }
        if (MetaAS4Manager.getProfileMgr().getProfileOfID(PROFILE) == null) {
            // the access point's own profile: no validator, its P-Mode (from the agreement) says everything
            MetaAS4Manager.getProfileMgr().registerProfile(new AS4Profile(PROFILE, "integrator's access point", () -> null,
                    (initiator, responder, address) -> null, IPModeIDProvider.DEFAULT_DYNAMIC, false, false));
        }
    }

    @AfterAll
    static void stop() {
        if (ownsPhase4Scope && ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalEnd();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theExportedPemIsTheGatewaysAs4KeyStoreEntryAndHoldsNoKey() throws Exception {
        String pem = Files.readString(exportedPem);
        List<X509Certificate> chain = certificates(pem);

        assertThat(pem).doesNotContain("PRIVATE");
        // to standard output only the PEM, also on the first run, which made the development PKI and said so on standard error
        assertThat(firstExport.output()).isEqualTo(pem);
        assertThat(firstExport.errors()).contains("generating the development PKI in", "AS4 certificate");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0)).isEqualTo(keyStoreCertificate(dataDir.resolve("certs/CASW-GATEWAY-rsa.p12"), "CASW-GATEWAY-rsa"));
        assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(chain.get(1).getSubjectX500Principal());
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            Result openssl = run(List.of("openssl", "x509", "-in", exportedPem.toString(), "-noout", "-subject", "-fingerprint", "-sha256"));
            assertThat(openssl.status()).as(openssl.errors()).isZero();
            assertThat(openssl.output()).contains("CASW-GATEWAY", "sha256 Fingerprint=");
        }
    }

    @Test
    @Order(2)
    void aBarePhase4AccessPointConfiguredFromTheExportAndTheAgreementGetsASignedReceipt() throws Exception {
        X509Certificate gatewayCertificate = certificates(Files.readString(exportedPem)).get(0);
        String messageId = "coo-910001@sg-access-point.test";
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicReference<X509Certificate> signer = new AtomicReference<>();
        List<String> nonRepudiation = new ArrayList<>();

        // 3. send one message as any phase4-based access point would
        AS4Sender.BuilderUserMessage sender = AS4Sender.builderUserMessage().as4ProfileID(PROFILE)
                .cryptoFactory(accessPointCrypto(Files.readString(exportedPem)))
                .pmode(pmode(endpoint()))
                .messageID(messageId).conversationID(messageId)
                .fromPartyIDType(UNREGISTERED).fromPartyID(PARTNER_PARTY_ID).fromRole(INITIATOR)
                .toPartyIDType(UNREGISTERED).toPartyID(GATEWAY_PARTY_ID).toRole(RESPONDER)
                .service(SERVICE).action(ACTION).endpointURL(endpoint())
                .payload(AS4OutgoingAttachment.builder().data(certificateOfOrigin("E26-SG-B2B-910001")).mimeTypeXML().compressionGZIP())
                .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                .signalMsgConsumer((message, metadata, state) -> {
                    signal.set(message);
                    if (state.isSoapSignatureChecked()) {
                        signer.set(state.getSigningCertificate());
                    }
                })
                .signalMsgValidationResultHdl(new IAS4SignalMessageValidationResultHandler() {
                    @Override
                    public void onSuccess() {
                        nonRepudiation.add("checked");
                    }

                    @Override
                    public void onError(String error) {
                        nonRepudiation.add("failed: " + error);
                    }

                    @Override
                    public void onNotApplicable() {
                        nonRepudiation.add("not applicable");
                    }
                });
        sender.signingParams().setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256).setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256)
                .setAlgorithmC14N(ECryptoAlgorithmC14N.C14N_EXCL_OMIT_COMMENTS).setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE);
        sender.cryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM).setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)
                .setMGFAlgorithm("http://www.w3.org/2009/xmlenc11#mgf1sha256").setDigestAlgorithm("http://www.w3.org/2001/04/xmlenc#sha256")
                .setKeyIdentifierType(ECryptoKeyIdentifierType.BST_DIRECT_REFERENCE).setCertificate(gatewayCertificate);
        List<Exception> failures = new ArrayList<>();

        EAS4UserMessageSendResult result = sender.sendMessageAndCheckForReceipt(failures::add);

        // 4. read the receipt: signed with the exported certificate, about this message, its references checked
        assertThat(result).as(failures.toString()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(signal.get().getError()).isEmpty();
        assertThat(signal.get().getReceipt()).isNotNull();
        assertThat(signal.get().getMessageInfo().getRefToMessageId()).isEqualTo(messageId);
        assertThat(signer.get()).isEqualTo(gatewayCertificate);
        assertThat(nonRepudiation).containsExactly("checked");

        // the gateway took the document in from the partner of that agreement
        JsonNode page = await().atMost(Duration.ofSeconds(60)).until(
                () -> GatewayClient.json(gateway.client().get(CUSTOMS_KEY, "/api/v1/messages?businessKey=E26-SG-B2B-910001")),
                p -> p.path("items").size() == 1);
        assertThat(page.get("items").get(0).get("sender").asText()).isEqualTo("SG-NSW");
    }

    @Test
    @Order(3)
    void theAs4IdentityAndThePartnersAs4CertificateAreListedAndTheExpiringOneTurnsHealthAndMetric() throws Exception {
        X509Certificate gatewayCertificate = certificates(Files.readString(exportedPem)).get(0);
        JsonNode all = GatewayClient.json(gateway.client().get(CUSTOMS_KEY, "/api/v1/certificates"));

        JsonNode identity = only(all, "as4-signing/encryption");
        assertThat(identity.get("owner").asText()).isEqualTo("gateway");
        assertThat(identity.get("subject").asText()).isEqualTo(gatewayCertificate.getSubjectX500Principal().getName());
        assertThat(identity.get("issuer").asText()).isEqualTo(gatewayCertificate.getIssuerX500Principal().getName());
        assertThat(identity.get("serialHex").asText()).isEqualTo(hex(gatewayCertificate));
        assertThat(identity.get("keyAlgorithm").asText()).isEqualTo("RSA");
        JsonNode partner = only(all, "partner as4");
        assertThat(partner.get("owner").asText()).isEqualTo("SG-NSW");
        assertThat(partner.get("subject").asText()).isEqualTo(accessPoint.certificate().getSubjectX500Principal().getName());
        assertThat(partner.get("serialHex").asText()).isEqualTo(hex(accessPoint.certificate()));
        assertThat(Instant.parse(partner.get("notAfter").asText())).isEqualTo(accessPoint.certificate().getNotAfter().toInstant());
        assertThat(partner.get("daysLeft").asLong()).isBetween(9L, 10L);
        assertThat(all.get(0)).as("soonest expiry first").isEqualTo(partner);

        JsonNode expiring = GatewayClient.json(gateway.client().get(CUSTOMS_KEY, "/api/v1/certificates?expiringWithinDays=30"));
        assertThat(expiring).containsExactly(partner);
        JsonNode health = GatewayClient.json(gateway.client().get(OPERATOR_KEY, "/actuator/health"));
        assertThat(health.at("/components/certificates/status").asText()).isEqualTo("EXPIRING");
        assertThat(health.at("/components/certificates/details/expiring").toString()).contains("SG-NSW partner as4 in ");
        String metrics = gateway.client().get(OPERATOR_KEY, "/actuator/prometheus").body();
        assertThat(metrics).contains("gateway_certificates_expiring 1.0");
        assertThat(metrics).containsPattern("gateway_certificates_days_left_min (9|10)\\.0");
        // the daily watch (run once the node leads) names it in the log, where log alerting catches it
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(gateway.log()),
                log -> log.contains("Certificate expires in 9 days: SG-NSW, partner as4 (" + accessPoint.certificate().getSubjectX500Principal().getName()));
    }

    private static JsonNode only(JsonNode certificates, String use) {
        List<JsonNode> found = new ArrayList<>();
        certificates.forEach(entry -> {
            if (use.equals(entry.get("use").asText())) {
                found.add(entry);
            }
        });
        assertThat(found).as(use + " in " + certificates).hasSize(1);
        return found.get(0);
    }

    static String endpoint() {
        return "http://127.0.0.1:" + gateway.port() + "/as4";
    }

    /** The access point's key, and the gateway's certificate from the exported PEM as the only one it trusts. */
    static AS4CryptoFactoryInMemoryKeyStore accessPointCrypto(String exportedPem) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("access-point", KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(accessPoint.privateKey().getEncoded())), "pw".toCharArray(), accessPoint.chainArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> chain = certificates(exportedPem);
        for (int i = 0; i < chain.size(); i++) {
            trust.setCertificateEntry("casw-gateway-" + i, chain.get(i));
        }
        return new AS4CryptoFactoryInMemoryKeyStore(keys, "access-point", "pw".toCharArray(), trust);
    }

    /** The access point's sending P-Mode, from the agreement: one-way push, signed and encrypted, signed receipts on the response. */
    static PMode pmode(String endpoint) {
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
        PModeLeg leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(endpoint),
                new PModeLegBusinessInformation(SERVICE, null, ACTION, null, null, null, CAS4.DEFAULT_MPC_ID), errors, null, security);
        return new PMode("integrator-to-casw",
                new PModeParty(UNREGISTERED, PARTNER_PARTY_ID, INITIATOR, null, null),
                new PModeParty(UNREGISTERED, GATEWAY_PARTY_ID, RESPONDER, null, null),
                null, EMEP.ONE_WAY, EMEPBinding.PUSH, leg, null, null, null);
    }

    /** A Singapore certificate of origin for China, under its own certificate number. */
    static byte[] certificateOfOrigin(String certificateNo) {
        return Samples.sample("certificate-of-origin", "valid", "form-e-rubber-compound-sg-cn.xml")
                .replace("<CertificateNo>E26-SG-0000527</CertificateNo>", "<CertificateNo>" + certificateNo + "</CertificateNo>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    /** A key store entry's certificate as the JDK's own PKCS#12 reader sees it. */
    static X509Certificate keyStoreCertificate(Path keystore, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, Files.readString(keystore.resolveSibling(DevPki.PASSWORD_FILE)).trim().toCharArray());
        }
        return (X509Certificate) store.getCertificate(alias);
    }

    static String hex(X509Certificate certificate) {
        return java.util.HexFormat.of().formatHex(certificate.getSerialNumber().toByteArray());
    }

    static Result runJar(String... args) throws Exception {
        assertThat(SERVER_JAR).as("build the jars first (mvn -B verify builds them before this module's tests)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", SERVER_JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a command to its end; standard error goes to a file, so a chatty one cannot block on a full pipe. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(dataDir.getParent(), "command", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output, Files.readString(errors));
    }

    record Result(int status, String output, String errors) {
    }
}
