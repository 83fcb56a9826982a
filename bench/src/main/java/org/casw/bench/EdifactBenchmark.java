package org.casw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.edifact.CuscarTranslator;
import org.casw.routes.transform.edifact.CuscarWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * UN/EDIFACT D.96B translation per second, one thread: a carrier's 3-container CUSCAR (the sample
 * {@code cuscar-mt1101-port-klang-qinzhou.edi}: 3 bills, 2 reefers with set temperatures, dangerous goods,
 * contacts, CST tariff codes; ~2 KB) and a 1,000-container CUSCAR (50 bills of 20, ~155 KB, written in the
 * set-up by the gateway's own CUSCAR writer from a generated manifest with valid ISO 6346 check digits) to the
 * native manifest (StAEDI streaming read validated against the whole D.96B directory, JAXB write), and the same
 * manifests written as CUSCAR (validated against the directory while written).
 * Run: {@code java -jar bench/target/bench.jar EdifactBenchmark}; a smoke run:
 * {@code java -jar bench/target/bench.jar EdifactBenchmark -f 1 -wi 1 -w 1s -i 1 -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class EdifactBenchmark {

    private final CuscarTranslator reader = new CuscarTranslator();
    private final CuscarWriter writer = new CuscarWriter();
    private byte[] threeContainerCuscar;
    private byte[] largeCuscar;
    private byte[] threeContainerManifest;
    private byte[] largeManifest;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = EdifactBenchmark.class.getResourceAsStream("/bench/cuscar-mt1101-port-klang-qinzhou.edi")) {
            threeContainerCuscar = in.readAllBytes();
        }
        largeManifest = Samples.manifest(50, 20).getBytes(StandardCharsets.UTF_8);
        largeCuscar = ok(writer.fromNative(DocumentType.MANIFEST, largeManifest)).payload();
        threeContainerManifest = ok(reader.toNative(threeContainerCuscar)).payload();
        ok(reader.toNative(largeCuscar));
        System.out.printf("%n3-container CUSCAR %d bytes, 1,000-container CUSCAR %d bytes%n", threeContainerCuscar.length,
                largeCuscar.length);
    }

    private static Translation ok(Translation translation) {
        if (!translation.ok()) {
            throw new IllegalStateException("benchmark inputs must translate: " + translation.violations());
        }
        return translation;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation cuscar3ContainersToManifest() {
        return reader.toNative(threeContainerCuscar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation cuscar1000ContainersToManifest() {
        return reader.toNative(largeCuscar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation manifest3ContainersToCuscar() {
        return writer.fromNative(DocumentType.MANIFEST, threeContainerManifest);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation manifest1000ContainersToCuscar() {
        return writer.fromNative(DocumentType.MANIFEST, largeManifest);
    }
}
