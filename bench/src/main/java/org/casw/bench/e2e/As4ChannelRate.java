package org.casw.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.certs.KeyFamily;
import org.slf4j.LoggerFactory;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.AS4SigningParams;
import com.helger.phase4.crypto.ECryptoAlgorithmC14N;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.pmode.IPMode;
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
import com.helger.phase4.profile.IAS4ProfileValidator;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.wss.EWSSVersion;
import com.helger.scope.mgr.ScopeManager;
import ch.qos.logback.classic.Level;

/**
 * The rate of the gateway's AS4 endpoint on loopback: a partner gateway (a bare phase4 sender in this JVM, with
 * the gateway's own eDelivery settings: RSA-SHA256 signature, AES-128-GCM + RSA-OAEP encryption, gzip) pushes
 * unique ~5 KB certificates of origin to the gateway (its built jar in a child JVM, own PostgreSQL and broker);
 * each send counts when the gateway's signed receipt is back, i.e. after the gateway verified, decrypted,
 * stored and queued the document. Prints and writes {@code bench/AS4.md} ({@code --report FILE}), keeping
 * the earlier report's hand-written "Notes" section.
 * <pre>java -cp bench/target/bench.jar org.casw.bench.e2e.As4ChannelRate --gateway-jar gateway/target/gateway.jar</pre>
 */
public final class As4ChannelRate {

    private static final String SERVICE = "urn:casw:as4:trade-documents";
    private static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    private static final String INITIATOR = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator";
    private static final String RESPONDER = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder";

    static final String PROFILE_ID = "casw-edelivery-as4";

    /** JUL logger levels are kept only while the logger is referenced. */
    private static final Logger JSR105_REFERENCES = Logger.getLogger("org.apache.jcp.xml.dsig.internal.dom.DOMReference");

    public static void main(String[] args) throws Exception {
        quietPartnerSide();
        Path jar = Path.of("gateway/target/gateway.jar");
        int messages = 1500;
        int warmup = 6000;
        int largeMb = 20;
        List<Integer> concurrencies = List.of(8, 1);
        List<String> receivers = List.of("gateway", "bare");
        Path reportFile = Path.of("bench", "AS4.md");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--gateway-jar" -> jar = Path.of(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--large-mb" -> largeMb = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrencies = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "--receivers" -> receivers = Arrays.stream(args[i + 1].split(",")).toList();
                case "--report" -> reportFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("casw-as4-bench-");
        // the embedded PostgreSQL runs as an unprivileged user when this runs as root
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DevPki pki = DevPki.ensure(dir.resolve("certs"));
        startPhase4("as4-bench");
        IAS4CryptoFactory crypto = crypto(pki.identity("SG-NSW", KeyFamily.RSA_2048), pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048));
        X509Certificate gatewayCertificate = pki.certificate("CASW-GATEWAY", KeyFamily.RSA_2048);
        String template = new String(As4ChannelRate.class.getResourceAsStream("/as4-bench-certificate.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        AtomicInteger sequence = new AtomicInteger();
        StringBuilder rates = new StringBuilder("""
                | receiver | concurrency | messages | rate (msg/s) | p50 (ms) | p99 (ms) \
                | receiver JVM CPU per message (ms) | its PostgreSQL (ms) | sender CPU per message (ms) | errors |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        StringBuilder large = new StringBuilder("| receiver | large document | result | time | receiving heap (GC log) "
                + "|\n|---|---|---|---|---|\n");
        StringBuilder ratios = new StringBuilder("| concurrency | gateway rate / bare rate | gateway CPU / bare CPU (receiver JVM)"
                + " | gateway CPU / bare CPU (receiver JVM + its PostgreSQL) |\n|---|---|---|---|\n");
        List<Receiver> started = new ArrayList<>();
        try {
            for (String receiver : receivers) {
                int port = freePort();
                String endpoint = "http://127.0.0.1:" + port + "/as4";
                Path gcLog = dir.resolve("gc-" + receiver + ".log");
                Process process = switch (receiver) {
                    case "gateway" -> startGateway(jar, dir, port, largeMb, gcLog, pki);
                    case "bare" -> startBare(dir, port, endpoint, gcLog);
                    default -> throw new IllegalArgumentException("--receivers takes gateway and bare, not " + receiver);
                };
                started.add(new Receiver(receiver, process, endpoint, gcLog));
                awaitReady(receiver, port, process, dir.resolve(receiver + ".log"));
            }
            // every receiver is warmed before any is measured, and their series alternate: the sender's own JIT warms with
            // the messages it sends (measured: 10.5 ms per message against the first receiver, 8.5 against the same one
            // after the second), so measuring one receiver after the other gave the first a colder, costlier sender
            for (Receiver receiver : started) {
                // the JIT takes thousands of messages to settle in the gateway (measured: 29 msg/s after 1,500, 54 after 6,000)
                run(receiver.endpoint, crypto, gatewayCertificate, template, sequence, concurrencies.get(0), warmup);
            }
            for (int concurrency : concurrencies) {
                Map<String, double[]> measured = new HashMap<>();
                for (Receiver receiver : started) {
                    run(receiver.endpoint, crypto, gatewayCertificate, template, sequence, concurrency, Math.min(warmup, 300));
                    long receiverCpu = cpuNanos(receiver.process.toHandle());
                    long databaseCpu = databaseCpuNanos(dir);
                    long senderCpu = ownCpuNanos();
                    long idleCpu = idleCpuNanos(started, receiver);
                    Result r = run(receiver.endpoint, crypto, gatewayCertificate, template, sequence, concurrency, messages);
                    double receiverMs = (cpuNanos(receiver.process.toHandle()) - receiverCpu) / 1e6 / messages;
                    double databaseMs = (databaseCpuNanos(dir) - databaseCpu) / 1e6 / messages;
                    double senderMs = (ownCpuNanos() - senderCpu) / 1e6 / messages;
                    double idleMs = (idleCpuNanos(started, receiver) - idleCpu) / 1e6 / messages;
                    boolean bare = "bare".equals(receiver.name);
                    measured.put(receiver.name, new double[] {r.rate, receiverMs, bare ? 0 : databaseMs});
                    String line = "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %.1f | %d |".formatted(
                            receiver.name, concurrency, messages, r.rate, r.p50, r.p99, receiverMs,
                            bare ? "-" : "%.1f".formatted(databaseMs), senderMs, r.errors);
                    System.out.println(line + (r.firstError == null ? "" : "  first error: " + r.firstError)
                            + "  (idle receivers meanwhile: %.2f ms per message)".formatted(idleMs));
                    rates.append(line).append('\n');
                }
                double[] gateway = measured.get("gateway");
                double[] bare = measured.get("bare");
                if (gateway != null && bare != null) {
                    String line = "| %d | **%.2f** | %.2f | %.2f |".formatted(concurrency, gateway[0] / bare[0], gateway[1] / bare[1],
                            (gateway[1] + gateway[2]) / bare[1]);
                    System.out.println("gateway / bare " + line);
                    ratios.append(line).append('\n');
                }
            }
            if (largeMb > 0) {
                for (Receiver receiver : started) {
                    String line = "| " + receiver.name + " | "
                            + large(receiver.endpoint, crypto, gatewayCertificate, largeMb, receiver.gcLog, heapOf(receiver.name)) + " |";
                    System.out.println(line);
                    large.append(line).append('\n');
                }
            }
            String report = "# AS4 endpoint rate on loopback\n\n"
                    + "Signed (RSA-SHA256) and encrypted (AES-128-GCM, RSA-OAEP) ~5 KB certificates of origin, gzip, one-way push;"
                    + " a send counts when the receiver's signed non-repudiation receipt is back.\n"
                    + "Sender: bare phase4 4.4.1 in one JVM. Receivers, each alone in its own JVM: `gateway` is `gateway.jar`"
                    + " (verify, decrypt, validate, store in its own PostgreSQL, queue on its broker, then the receipt);"
                    + " `bare` is phase4 alone on a flat class path"
                    + " (`BareAs4Receiver`: verify, decrypt, read the payload, receipt), the reference. All receivers run at"
                    + " once, idle but for the one being measured; each first takes " + warmup + " warm-up messages, then their"
                    + " series alternate, each after 300 more messages. 2-core machine.\n\n"
                    + rates + (ratios.indexOf("**") < 0 ? "" : "\nThe gateway against bare phase4, series by series (issue 18's"
                    + " target: a rate ratio of at least 0.85):\n\n" + ratios)
                    + (largeMb > 0 ? "\n" + large : "")
                    + "\nReproduce: `mvn -B -q -pl bench -am package -DskipTests && java -cp bench/target/bench.jar "
                    + "org.casw.bench.e2e.As4ChannelRate --gateway-jar gateway/target/gateway.jar`\n";
            Files.writeString(reportFile, report + notesOf(reportFile));
        } finally {
            for (Receiver receiver : started) {
                receiver.process.destroy();
                receiver.process.waitFor();
            }
            deleteTree(dir);
        }
    }

    /** A receiver's JVM and where it listens. */
    private record Receiver(String name, Process process, String endpoint, Path gcLog) {
    }

    /** CPU time used so far by the receivers other than the one measured (idle, they should use next to none). */
    private static long idleCpuNanos(List<Receiver> receivers, Receiver measured) {
        return receivers.stream().filter(r -> r != measured).mapToLong(r -> cpuNanos(r.process.toHandle())).sum();
    }

    /** The partner side as a tuned partner would run it: no debug logging, no class-path scans per message. */
    static void quietPartnerSide() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        // WSS4J digests attachments itself; the JSR 105 reference then warns per message that its own input was empty
        JSR105_REFERENCES.setLevel(java.util.logging.Level.SEVERE);
        System.setProperty("javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
        System.setProperty("javax.xml.parsers.DocumentBuilderFactory",
                "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /** phase4's process-wide scope with the gateway's AS4 profile id (no profile validation: the P-Mode is the profile). */
    static void startPhase4(String scope) {
        ScopeManager.onGlobalBegin(scope);
        MetaAS4Manager.getProfileMgr().registerProfile(new AS4Profile(PROFILE_ID, "bench", () -> new IAS4ProfileValidator() {
        }, (a, b, c) -> null, IPModeIDProvider.DEFAULT_DYNAMIC, false, false));
    }

    /** The gateway's eDelivery signing values (As4Crypto.signing). */
    static AS4SigningParams signing() {
        return new AS4SigningParams().setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256)
                .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256)
                .setAlgorithmC14N(ECryptoAlgorithmC14N.C14N_EXCL_OMIT_COMMENTS);
    }

    /** CPU time used so far by the gateway's PostgreSQL: a daemon whose command line names the gateway's data directory. */
    private static long databaseCpuNanos(Path dir) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                        .map(args -> Arrays.stream(args).anyMatch(a -> a.startsWith(dir.toString()))).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .mapToLong(As4ChannelRate::cpuNanos).sum();
    }

    /** CPU time used so far by this JVM, the sender, alone (the receivers are its children). */
    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU time used so far by a process and its children, as far as the OS tells. */
    private static long cpuNanos(ProcessHandle process) {
        long total = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        for (ProcessHandle child : process.descendants().toList()) {
            total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    private static String heapOf(String receiver) {
        return "gateway".equals(receiver) ? "256m" : "1g";
    }

    private static Process startGateway(Path jar, Path dir, int port, int largeMb, Path gcLog, DevPki pki) throws Exception {
        Path agreements = Files.createDirectories(dir.resolve("agreements"));
        Path partnerPem = pem(dir.resolve("partner.pem"), pki.certificate("SG-NSW", KeyFamily.RSA_2048));
        Files.writeString(agreements.resolve("CN-CUSTOMS.yml"), """
                party: CN-CUSTOMS
                role: CUSTOMS
                country: CN
                receives:
                  - document-type: CERTIFICATE_OF_ORIGIN
                    when: {importing-country: [CN]}
                  - document-type: MANIFEST
                """);
        Files.writeString(agreements.resolve("SG-NSW.yml"), """
                party: SG-NSW
                role: PARTNER_SINGLE_WINDOW
                country: SG
                as4:
                  our-party-id: CN-CASW
                  party-id: SG-SWGW
                  service: %s
                  action: Deliver
                  certificate: %s
                """.formatted(SERVICE, partnerPem));
        // the receiving gateway gets the heap the large-document target allows, and logs its collections
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heapOf("gateway"),
                "-Xlog:gc:file=" + gcLog + ":uptime,level,tags"));
        command.addAll(childJvmArgs("gateway"));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--gateway.data-dir=" + dir,
                "--gateway.max-payload-size=" + (largeMb + 8) + "MB",
                "--gateway.agreements=file:" + agreements + "/*.yml", "--gateway.broker.acceptor-url=",
                // the partner's limits above any concurrency the run is given: it measures the channel, not the limits
                "--gateway.limits.rate-per-second=100000", "--gateway.limits.burst=100000", "--gateway.limits.in-flight=4000"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
    }

    private static Process startBare(Path dir, int port, String endpoint, Path gcLog) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heapOf("bare"), "-Xlog:gc:file=" + gcLog + ":uptime,level,tags"));
        command.addAll(childJvmArgs("bare"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareAs4Receiver.class.getName(), String.valueOf(port),
                dir.resolve("certs").toString(), endpoint));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("bare.log").toFile()).start();
    }

    /**
     * Diagnostics for a receiver's JVM, as bench/run.sh takes them: {@code -Dbench.childJvmArgs="..."}, where
     * {@code {receiver}} stands for its name, e.g. {@code -XX:StartFlightRecording=filename=/tmp/{receiver}.jfr,settings=profile}.
     */
    private static List<String> childJvmArgs(String receiver) {
        String args = System.getProperty("bench.childJvmArgs", "").trim();
        return args.isEmpty() ? List.of() : Arrays.stream(args.split("\\s+")).map(a -> a.replace("{receiver}", receiver)).toList();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One large manifest: how long to the receipt, and what the receiver's heap went through meanwhile. */
    private static String large(String endpoint, IAS4CryptoFactory crypto, X509Certificate gateway, int largeMb, Path gcLog, String heap)
            throws Exception {
        // a bill of lading carries at most ~2.9 KB (descriptions are Text512): 500 bills per MB reach any size asked for
        int containers = Math.max(10_000, largeMb * 500);
        byte[] manifest = LargeManifests.generate("AS4" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT),
                containers, largeMb * 1024L * 1024L);
        int gcLinesBefore = Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
        AtomicBoolean signed = new AtomicBoolean();
        long t0 = System.nanoTime();
        EAS4UserMessageSendResult result = send(endpoint, crypto, gateway, "bench-large-" + System.nanoTime() + "@sg-swgw.bench", manifest,
                signed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(2000); // let the receiver finish queueing and log its last collections
        List<String> gcLines = Files.readAllLines(gcLog);
        LargeManifestRun.GcSummary during = LargeManifestRun.summarize(gcLines.subList(Math.min(gcLinesBefore, gcLines.size()),
                gcLines.size()));
        return "%.1f MB MT1101 manifest (%,d containers), -Xmx%s | %s%s | %.1f s to the receipt | peak heap before a GC %d MB,"
                .formatted(manifest.length / 1048576.0, containers, heap, result.getID(),
                        signed.get() ? ", signed receipt" : ", NO signed receipt",
                        seconds, during.maxBeforeMb())
                + " after %d MB, committed %d MB, %d collections (%d full)".formatted(during.maxAfterMb(), during.committedMb(),
                        during.collections(), during.fullCollections());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Result(double rate, double p50, double p99, int errors, String firstError) {
    }

    private static Result run(String endpoint, IAS4CryptoFactory crypto, X509Certificate gateway, String template, AtomicInteger sequence,
            int concurrency, int messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long[] latencies = new long[messages];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> firstError = new ArrayList<>();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < messages) {
                    int n = sequence.incrementAndGet();
                    String certificateNo = "E26-BENCH-%07d".formatted(n);
                    byte[] document = template.replace("E26-SG-B2B-000418", certificateNo).getBytes(StandardCharsets.UTF_8);
                    AtomicBoolean signed = new AtomicBoolean();
                    long t0 = System.nanoTime();
                    EAS4UserMessageSendResult result = send(endpoint, crypto, gateway, "bench-" + n + "@sg-swgw.bench", document, signed);
                    latencies[i] = System.nanoTime() - t0;
                    if (result != EAS4UserMessageSendResult.SUCCESS || !signed.get()) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError.isEmpty()) {
                                firstError.add(result.getID() + (signed.get() ? "" : " (receipt not signed)"));
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(messages / seconds, sorted[(int) (messages * 0.50)] / 1e6,
                sorted[Math.min(messages - 1, (int) (messages * 0.99))] / 1e6,
                errors.get(), firstError.isEmpty() ? null : firstError.get(0));
    }

    /** The hand-written "Notes" section of an earlier report (findings a rerun must not erase), or nothing. */
    private static String notesOf(Path report) throws IOException {
        if (!Files.isRegularFile(report)) {
            return "";
        }
        String earlier = Files.readString(report);
        int notes = earlier.indexOf("\nNotes");
        return notes < 0 ? "" : earlier.substring(notes);
    }

    private static EAS4UserMessageSendResult send(String endpoint, IAS4CryptoFactory crypto, X509Certificate gateway, String messageId,
            byte[] document, AtomicBoolean signed) {
        AS4Sender.BuilderUserMessage builder = AS4Sender.builderUserMessage().as4ProfileID(PROFILE_ID).cryptoFactory(crypto)
                .pmode(pmode(endpoint))
                .messageID(messageId).conversationID(messageId)
                .fromPartyIDType(UNREGISTERED).fromPartyID("SG-SWGW").fromRole(INITIATOR)
                .toPartyIDType(UNREGISTERED).toPartyID("CN-CASW").toRole(RESPONDER)
                .service(SERVICE).action("Deliver").endpointURL(endpoint)
                .payload(AS4OutgoingAttachment.builder().data(document).mimeTypeXML().compressionGZIP())
                .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                .signalMsgConsumer((message, metadata, state) -> signed.set(state.isSoapSignatureChecked()
                        && message.getReceipt() != null));
        builder.signingParams().setAlgorithmSign(ECryptoAlgorithmSign.RSA_SHA_256)
                .setAlgorithmSignDigest(ECryptoAlgorithmSignDigest.DIGEST_SHA_256)
                .setAlgorithmC14N(ECryptoAlgorithmC14N.C14N_EXCL_OMIT_COMMENTS);
        builder.cryptParams().setAlgorithmCrypt(ECryptoAlgorithmCrypt.AES_128_GCM)
                .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)
                .setCertificate(gateway);
        return builder.sendMessageAndCheckForReceipt();
    }

    private static volatile IPMode pmode;

    /** The partner's sending P-Mode, as the gateway's As4PModes builds it: one-way push, signed receipts on the response. */
    static IPMode pmode(String endpoint) {
        if (pmode == null) {
            var security = new PModeLegSecurity();
            security.setWSSVersion(EWSSVersion.WSS_111);
            security.setX509SignatureAlgorithm(ECryptoAlgorithmSign.RSA_SHA_256);
            security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
            security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
            security.setSendReceipt(true);
            security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
            security.setSendReceiptNonRepudiation(true);
            var errors = PModeLegErrorHandling.createUndefined();
            errors.setReportAsResponse(true);
            var leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(endpoint),
                    new PModeLegBusinessInformation(SERVICE, null, "Deliver", null, null, null,
                            CAS4.DEFAULT_MPC_ID), errors, null, security);
            pmode = new PMode("bench-out",
                    new PModeParty(UNREGISTERED, "SG-SWGW", INITIATOR, null, null),
                    new PModeParty(UNREGISTERED, "CN-CASW", RESPONDER, null, null),
                    null, EMEP.ONE_WAY, EMEPBinding.PUSH, leg, null, null, null);
        }
        return pmode;
    }

    static IAS4CryptoFactory crypto(IssuedIdentity identity, X509Certificate trusted) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("key", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(identity.privateKey().getEncoded())),
                "pw".toCharArray(), identity.chainArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", trusted);
        return new AS4CryptoFactoryInMemoryKeyStore(keys, "key", "pw".toCharArray(), trust);
    }

    private static void awaitReady(String receiver, int port, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(receiver + " exited; see " + log);
            }
            if ("bare".equals(receiver)) {
                if (Files.exists(log) && Files.readString(log).contains("READY")) {
                    return;
                }
            } else {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(receiver + " not ready after 3 minutes; see " + log);
    }

    private static Path pem(Path file, X509Certificate certificate) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
