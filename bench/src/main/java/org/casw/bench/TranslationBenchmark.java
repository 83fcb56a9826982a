package org.casw.bench;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.acdd.AcddDeclarationTranslator;
import org.casw.routes.transform.asean.acdd.AcddResponseTranslator;
import org.casw.routes.transform.asean.eco.AswEcoInboundTranslator;
import org.casw.routes.transform.asean.eco.AswEcoOutboundTranslator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ASEAN partner translations, one thread: native export declaration to WCO-ACDD (JAXB read,
 * StAX write), partner Customs Response to native receipt and partner ASW-ECO to native certificate
 * (StAX peek, partner XSD, JAXB read, StAX write), native certificate to ASW-ECO.
 * Run: {@code java -jar bench/target/bench.jar TranslationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TranslationBenchmark {

    private AcddDeclarationTranslator acdd;
    private AcddResponseTranslator acddResponse;
    private AswEcoOutboundTranslator ecoOut;
    private AswEcoInboundTranslator ecoIn;
    private byte[] exportDeclaration;
    private byte[] customsResponse;
    private byte[] certificate;
    private byte[] partnerCertificate;

    @Setup
    public void setUp() throws IOException {
        DocumentReader reader = new DocumentReader();
        acdd = new AcddDeclarationTranslator(reader);
        acddResponse = new AcddResponseTranslator();
        ecoOut = new AswEcoOutboundTranslator(reader, Clock.systemUTC(), certificateNo -> Optional.of("TH"));
        ecoIn = new AswEcoInboundTranslator();
        exportDeclaration = ValidationBenchmark.resource("/bench/export-sea-ev-csfta.xml");
        customsResponse = ValidationBenchmark.resource("/bench/customs-response-rejected.xml");
        certificate = ValidationBenchmark.resource("/bench/form-e-durian-th-cn.xml");
        partnerCertificate = ValidationBenchmark.resource("/bench/form-e-dragon-fruit-vn-cn.xml");
        for (Translation t : new Translation[] {exportToAcdd(), customsResponseToReceipt(), certificateToAswEco(), aswEcoToCertificate()}) {
            if (!t.ok()) {
                throw new IllegalStateException("benchmark inputs must translate: " + t.violations());
            }
        }
    }

    @Benchmark
    public Translation exportToAcdd() {
        return acdd.fromNative(DocumentType.DECLARATION, exportDeclaration);
    }

    @Benchmark
    public Translation customsResponseToReceipt() {
        return acddResponse.toNative(customsResponse);
    }

    @Benchmark
    public Translation certificateToAswEco() {
        return ecoOut.fromNative(DocumentType.CERTIFICATE_OF_ORIGIN, certificate);
    }

    @Benchmark
    public Translation aswEcoToCertificate() {
        return ecoIn.toNative(partnerCertificate);
    }

    @Benchmark
    public boolean recogniseAswEco() {
        return ecoIn.recognises(partnerCertificate);
    }
}
