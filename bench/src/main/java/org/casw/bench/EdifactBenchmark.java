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
 * UN/EDIFACT D.96B translation, one thread: the CUSCAR sample (2 bills, 2 containers, ~1.5 KB) and a
 * generated 1,000-container CUSCAR (50 bills of 20, ~80 KB) to the native manifest (StAEDI streaming
 * read with schema validation, JAXB write), and the same manifests written as CUSCAR.
 * Run: {@code java -jar bench/target/bench.jar EdifactBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class EdifactBenchmark {

    private final CuscarTranslator reader = new CuscarTranslator();
    private final CuscarWriter writer = new CuscarWriter();
    private byte[] sampleCuscar;
    private byte[] largeCuscar;
    private byte[] sampleManifest;
    private byte[] largeManifest;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = EdifactBenchmark.class.getResourceAsStream("/bench/cuscar-mt1101-laem-chabang-qinzhou.edi")) {
            sampleCuscar = in.readAllBytes();
        }
        largeManifest = Samples.manifest(50, 20).getBytes(StandardCharsets.UTF_8);
        largeCuscar = ok(writer.fromNative(DocumentType.MANIFEST, largeManifest)).payload();
        sampleManifest = ok(reader.toNative(sampleCuscar)).payload();
        ok(reader.toNative(largeCuscar));
        System.out.printf("%nCUSCAR sample %d bytes, 1,000-container CUSCAR %d bytes%n", sampleCuscar.length, largeCuscar.length);
    }

    private static Translation ok(Translation translation) {
        if (!translation.ok()) {
            throw new IllegalStateException("benchmark inputs must translate: " + translation.violations());
        }
        return translation;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation cuscarSampleToManifest() {
        return reader.toNative(sampleCuscar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation cuscar1000ContainersToManifest() {
        return reader.toNative(largeCuscar);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation manifestSampleToCuscar() {
        return writer.fromNative(DocumentType.MANIFEST, sampleManifest);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Translation manifest1000ContainersToCuscar() {
        return writer.fromNative(DocumentType.MANIFEST, largeManifest);
    }
}
