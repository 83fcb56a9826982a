package org.casw.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operations per second of this thread's CPU time for the translation and validation benchmarks'
 * operations. On a shared machine JMH's wall-clock throughput moves with the neighbours' load; the
 * CPU time one operation takes does not (much), so this is the figure to compare across runs.
 * Run: {@code java -cp bench/target/bench.jar org.casw.bench.CpuTimeRates [seconds-per-operation]}.
 */
public final class CpuTimeRates {

    private CpuTimeRates() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        TranslationBenchmark translations = new TranslationBenchmark();
        translations.setUp();
        ValidationBenchmark validation = new ValidationBenchmark();
        validation.setUp();
        Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
        operations.put("exportToAcdd", translations::exportToAcdd);
        operations.put("customsResponseToReceipt", translations::customsResponseToReceipt);
        operations.put("certificateToAswEco", translations::certificateToAswEco);
        operations.put("aswEcoToCertificate", translations::aswEcoToCertificate);
        operations.put("recogniseAswEco", translations::recogniseAswEco);
        operations.put("validation declaration5k (reference)", validation::declaration5k);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, Supplier<Object>> operation : operations.entrySet()) {
            run(operation.getValue(), cpu, seconds / 2); // warm-up: let the JIT compile the path
            double rate = run(operation.getValue(), cpu, seconds);
            System.out.printf("%-40s %,10.0f ops per CPU-second%n", operation.getKey(), rate);
        }
    }

    private static double run(Supplier<Object> operation, ThreadMXBean cpu, double cpuSeconds) {
        long budget = (long) (cpuSeconds * 1e9);
        long start = cpu.getCurrentThreadCpuTime();
        long count = 0;
        int sink = 0;
        while (cpu.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < 100; i++) {
                sink += System.identityHashCode(operation.get()) & 1;
            }
            count += 100;
        }
        if (sink < 0) {
            throw new AssertionError(); // keeps the results alive
        }
        return count / ((cpu.getCurrentThreadCpuTime() - start) / 1e9);
    }
}
