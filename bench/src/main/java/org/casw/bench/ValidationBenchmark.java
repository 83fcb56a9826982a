package org.casw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.casw.routes.validation.DocumentValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The gateway's full document check (well-formedness, identification, XSD, JAXB model, business
 * rules) on a ~5 KB declaration and on a 10,000-container manifest, one thread.
 * Run: {@code java -jar bench/target/bench.jar ValidationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class ValidationBenchmark {

    private DocumentValidator validator;
    private byte[] declaration;
    private byte[] manifest;

    @Setup
    public void setUp() throws IOException {
        validator = new DocumentValidator();
        declaration = Samples.declaration5k();
        manifest = Samples.manifest(500, 20).getBytes(StandardCharsets.UTF_8);
        if (!validator.validate(declaration).valid() || !validator.validate(manifest).valid()) {
            throw new IllegalStateException("benchmark inputs must be valid: " + validator.validate(declaration).violations()
                    + validator.validate(manifest).violations());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public DocumentValidator.Report declaration5k() {
        return validator.validate(declaration);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public DocumentValidator.Report manifest10000Containers() {
        return validator.validate(manifest);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ValidationBenchmark.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
