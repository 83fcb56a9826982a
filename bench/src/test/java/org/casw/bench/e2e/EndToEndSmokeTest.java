package org.casw.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the end-to-end driver against both systems for a few seconds at a low rate, so the benchmark
 * cannot rot: every declaration must be accepted and reach the loopback partner. No timing assertions.
 */
class EndToEndSmokeTest {

    /** Built earlier in the same reactor (bench depends on the gateway module for this). */
    private static final Path GATEWAY_JAR = Path.of(System.getProperty("casw.gateway.jar", "../gateway/target/gateway.jar"));

    @Test
    void bothSystemsDeliverEveryDeclarationTheyAccept() throws Exception {
        assertTrue(Files.isRegularFile(GATEWAY_JAR), "build the gateway first: " + GATEWAY_JAR.toAbsolutePath());
        LoadDriver.Options options = LoadDriver.Options.parse("--systems", "gateway,baseline", "--loads", "10", "--duration", "3",
                "--warmup", "0", "--drain", "60", "--heap", "384m", "--gateway-jar", GATEWAY_JAR.toString());

        List<StepResult> results = LoadDriver.run(options);

        assertEquals(List.of("gateway", "baseline"), results.stream().map(StepResult::system).toList());
        for (StepResult r : results) {
            assertTrue(r.sent() > 0, r.system() + " sent nothing");
            assertEquals(0, r.errors(), r.system() + ": " + r.firstError());
            assertEquals(r.sent(), r.delivered(), r.system() + " did not deliver every declaration it accepted");
        }
    }

    @Test
    void partnerKeysArrivalsByTheDeclarantsSequenceNumber() {
        byte[] body = "<DecMessage><DecSign><ClientSeqNo>BENCH-x-7</ClientSeqNo></DecSign></DecMessage>".getBytes();
        assertEquals("BENCH-x-7", PartnerInbox.clientSeqNo(body));
        assertEquals(null, PartnerInbox.clientSeqNo("<DecMessage/>".getBytes()));
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", PartnerInbox.signatureMethod(
                "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/>".getBytes()));
    }

    @Test
    void declarationsAreFiveKilobytesAndEachHasItsOwnSequenceNumber() throws Exception {
        Declarations declarations = new Declarations("t");
        Declarations.Declaration a = declarations.next();
        Declarations.Declaration b = declarations.next();
        assertTrue(a.body().length > 4_000 && a.body().length < 6_500, "size " + a.body().length);
        assertEquals(a.clientSeqNo(), PartnerInbox.clientSeqNo(a.body()));
        assertTrue(!a.clientSeqNo().equals(b.clientSeqNo()));
        assertTrue(!new String(a.body()).contains("EcoCertNo"), "the declaration must not cite an unknown certificate of origin");
    }
}
