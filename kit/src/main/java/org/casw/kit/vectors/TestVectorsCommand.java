package org.casw.kit.vectors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.casw.kit.conformance.ConformanceSamples;

/**
 * {@code test-vectors [--out DIR] [--samples DIR]}: regenerates the signature test vectors (default into
 * {@code test-vectors}) with new keys that are never written; prints one line per vector. Exits 0, or 2 on an error.
 */
public final class TestVectorsCommand {

    static final String USAGE = "usage: test-vectors [--out DIR] [--samples DIR]";

    private TestVectorsCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path target = Path.of("test-vectors");
        Path samples = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> target = Path.of(args[++i]);
                    case "--samples" -> samples = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println((e.getMessage() == null ? "" : e.getMessage() + "\n") + USAGE);
            return 2;
        }
        try {
            List<SignatureTestVectors.Vector> vectors = new SignatureTestVectors(new ConformanceSamples(samples, "TV"),
                    Clock.systemUTC()).write(target);
            for (SignatureTestVectors.Vector v : vectors) {
                out.printf("%-48s %-22s %s%n", v.id(), v.expected(), v.file() + (v.signature() == null ? "" : " + " + v.signature()));
            }
            out.println(vectors.size() + " vectors and " + SignatureTestVectors.INDEX + " written to " + target);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("test-vectors: " + e.getMessage());
            return 2;
        }
    }
}
