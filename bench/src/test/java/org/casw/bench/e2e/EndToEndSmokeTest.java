package org.casw.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the end-to-end driver against both systems for a few seconds at a low rate, so the benchmark
 * cannot rot: every document must be accepted and reach the loopback partner, signed as the system says. The
 * gateway also takes certificates of origin (to SG-NSW) and manifests over JMS. No timing assertions.
 */
class EndToEndSmokeTest {

    /** Built earlier in the same reactor (bench depends on the gateway module for this). */
    private static final Path GATEWAY_JAR = Path.of(System.getProperty("casw.gateway.jar", "../kit/target/gateway-kit.jar"));

    @Test
    void bothSystemsDeliverEveryDocumentTheyAccept() throws Exception {
        assertTrue(Files.isRegularFile(GATEWAY_JAR), "build the gateway first: " + GATEWAY_JAR.toAbsolutePath());
        LoadDriver.Options options = LoadDriver.Options.parse("--systems", "gateway:declarations+certificates+manifests-jms,baseline",
                "--loads", "10", "--duration", "3", "--warmup", "0", "--drain", "60", "--heap", "384m", "--gateway-jar", GATEWAY_JAR.toString(),
                // the certificates are copies of a published sample: the gateway judges their dates in the samples' era
                "--gateway-arg", "--casw.test.business-clock=" + SampleEra.INSTANT);

        List<StepResult> results = LoadDriver.run(options);

        assertEquals(List.of("gateway/declarations", "gateway/certificates", "gateway/manifests-jms", "baseline/declarations"),
                results.stream().map(r -> r.system() + "/" + r.workload()).toList());
        for (StepResult r : results) {
            assertTrue(r.sent() > 0, r.system() + " sent nothing");
            assertEquals(0, r.errors(), r.system() + ": " + r.firstError());
            assertEquals(r.sent(), r.delivered(), r.system() + " did not deliver every declaration it accepted");
        }
    }

    @Test
    void partnerKeysArrivalsByTheDriversOwnKey() {
        byte[] body = "<DecMessage><DecSign><ClientSeqNo>BENCH-x-7</ClientSeqNo></DecSign></DecMessage>".getBytes();
        assertEquals("BENCH-x-7", PartnerInbox.key(body));
        assertEquals("BENCH-y-8", PartnerInbox.key("<m:Head><m:MessageID>BENCH-y-8</m:MessageID></m:Head>".getBytes()));
        assertEquals(null, PartnerInbox.key("<DecMessage><ClientSeqNo>OTHER-1</ClientSeqNo></DecMessage>".getBytes()));
        assertEquals("EcoMessage", PartnerInbox.root("<?xml version=\"1.0\"?>\n<!-- <x> -->\n<e:EcoMessage xmlns:e=\"urn:x\">".getBytes()));
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", PartnerInbox.signatureMethod(
                "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>".getBytes()));
    }

    @Test
    void declarationsAreFiveKilobytesAndEachHasItsOwnSequenceNumber() throws Exception {
        Documents declarations = new Documents(Documents.Family.DECLARATION, "t");
        Documents.Document a = declarations.next();
        Documents.Document b = declarations.next();
        assertTrue(a.body().length > 4_000 && a.body().length < 6_500, "size " + a.body().length);
        assertEquals(a.key(), PartnerInbox.key(a.body()));
        assertTrue(new String(a.body()).contains("<ClientSeqNo>" + a.key() + "</ClientSeqNo>"));
        assertTrue(!a.key().equals(b.key()));
        assertTrue(!new String(a.body()).contains("EcoCertNo"), "the declaration must not cite an unknown certificate of origin");
    }

    @ParameterizedTest
    @EnumSource(Documents.Family.class)
    void everyCopyHasItsOwnKeyBillsAndContainersAndIsValid(Documents.Family family) throws Exception {
        Documents documents = new Documents(family, "t");
        String a = new String(documents.next().body(), StandardCharsets.UTF_8);
        Documents.Document second = documents.next();
        String b = new String(second.body(), StandardCharsets.UTF_8);
        assertEquals(second.key(), PartnerInbox.key(second.body()));
        assertEquals(1, b.split(">BENCH-", -1).length - 1, "exactly one key in a copy");
        assertTrue(!values(a, BILLS).isEmpty() || family.name().startsWith("CERTIFICATE"), "bills in " + family);
        java.util.Set<String> shared = values(a, BILLS);
        shared.retainAll(values(b, BILLS));
        assertEquals(java.util.Set.of(), shared, "two copies share a bill");
        java.util.Set<String> containers = values(a, CONTAINERS);
        containers.retainAll(values(b, CONTAINERS));
        assertEquals(java.util.Set.of(), containers, "two copies share a container");
        List<Violation> violations = VALIDATOR.validate(b.getBytes(StandardCharsets.UTF_8)).violations();
        assertEquals(List.of(), violations, family + " copy is not valid");
    }

    @Test
    void containerNumbersCarryTheirIso6346CheckDigit() {
        // CSQU305438 3 is the ISO 6346 standard's own example
        assertEquals("CSQU3054383", checkDigitOf("CSQU305438"));
        String generated = Documents.container("t", 42);
        assertEquals(generated, checkDigitOf(generated.substring(0, 10)));
    }

    @Test
    void theSigningProfileOfEachSystemIsChecked() {
        SystemSpec ecdsa = SystemSpec.parse("gateway-ecdsa", List.of(Workload.named("declarations")), List.of(), List.of());
        List<String> expected = new java.util.ArrayList<>(List.of("--gateway.partners.CN-CUSTOMS.signatures.sign-with=xmldsig-ecdsa-sha256"));
        expected.addAll(SystemSpec.GENEROUS_LIMITS); // the bench's own submission limits, above any load it offers
        assertEquals(expected, ecdsa.extraArgs());
        Workload declarations = Workload.named("declarations");
        StepResult ok = new StepResult("gateway-ecdsa", "declarations", "10/s", 10, 5, 5, 5, 1, 1, 1, 1, 1, 1, 0, 0, null, null, Double.NaN, Double.NaN, Double.NaN);
        assertEquals(0, LoadDriver.checkSignatures(ecdsa, declarations, java.util.Map.of("CN-CUSTOMS",
                java.util.Map.of(SystemSpec.ECDSA, 5L)), ok).errors());
        assertEquals("ecdsa-sha256", LoadDriver.checkSignatures(ecdsa, declarations, java.util.Map.of("CN-CUSTOMS",
                java.util.Map.of(SystemSpec.ECDSA, 5L)), ok).signedWith());
        StepResult wrong = LoadDriver.checkSignatures(ecdsa, declarations, java.util.Map.of("CN-CUSTOMS",
                java.util.Map.of(SystemSpec.SM2, 5L)), ok);
        assertTrue(wrong.errors() > 0 && wrong.firstError().contains("SIGNATURE MISMATCH"), wrong.firstError());
        SystemSpec certificatesOnRsa = SystemSpec.parse("gateway-rsa:certificates", List.of(), List.of(), List.of());
        assertEquals(SystemSpec.ECDSA, certificatesOnRsa.expectedSignatureMethod("SG-NSW"), "SG-NSW signs by its own agreement");
    }

    private static final java.util.regex.Pattern BILLS = java.util.regex.Pattern.compile(
            "<(?:BillNo|TransportContractDocument>\\s*<ID|AssociatedTransportDocument>\\s*<ID)>([^<]+)<");
    private static final java.util.regex.Pattern CONTAINERS = java.util.regex.Pattern.compile(">([A-Z]{4}[0-9]{7})<");
    private static final DocumentValidator VALIDATOR = new DocumentValidator(null, SampleEra.CLOCK);

    private static java.util.Set<String> values(String xml, java.util.regex.Pattern pattern) {
        java.util.Set<String> found = new java.util.HashSet<>();
        java.util.regex.Matcher m = pattern.matcher(xml);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String checkDigitOf(String first10) {
        String letters = "A0B1C2D3E4F5G6H7I8J9K0L1M2N3O4P5Q6R7S8T9U0V1W2X3Y4Z5";
        int[] values = new int[26];
        for (int i = 0, v = 10; i < 26; i++, v++) {
            if (v % 11 == 0) {
                v++;
            }
            values[i] = v;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = first10.charAt(i);
            sum += (Character.isDigit(c) ? c - '0' : values[c - 'A']) << i;
        }
        return first10 + (sum % 11 % 10);
    }
}
