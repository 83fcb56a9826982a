package org.casw.kit.vectors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.casw.gateway.cli.ConsoleCommand;
import org.casw.gateway.cli.GatewayCommandLine;
import org.casw.gateway.cli.GatewayVersion;
import org.casw.kit.conformance.ConformanceSamples;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code test-vectors [--out DIR] [--samples DIR]}: regenerates the signature test vectors (default into
 * {@code test-vectors}) with new keys that are never written; prints one line per vector.
 */
@Command(name = "test-vectors", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = "Regenerate the published signature test vectors with new keys that are never written; one line per vector.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "2:usage or write error"})
public final class TestVectorsCommand extends ConsoleCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "test-vectors", paramLabel = "DIR", description = "where to write (default: ${DEFAULT-VALUE})")
    Path target;

    @Option(names = "--samples", paramLabel = "DIR", description = "samples to sign instead of the published ones")
    Path samples;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new TestVectorsCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        PrintStream out = out();
        PrintStream err = err();
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
