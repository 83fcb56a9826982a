package org.casw.bench.e2e;

import java.util.Arrays;

/**
 * What one load step of one system and workload measured: offered rate (0 for the closed-loop maximum), achieved delivery rate,
 * end-to-end latency percentiles (submit -> delivered to the partner, in ms), how long the submit itself took to
 * be answered (p50/p99, ms: tells ingress from delivery), errors, and the XML-DSig SignatureMethod(s) the receiver got.
 */
public record StepResult(String system, String workload, String load, double offered, int sent, int delivered, double achieved,
        double p50, double p95, double p99, double max, double answerP50, double answerP99, int submitErrors, int undelivered,
        String firstError, String signedWith, double cpuMsPerMessage, double databaseCpuMsPerMessage, double rssMb) {

    /** Errors of any kind: refused or failed submissions, and accepted messages never delivered. */
    public int errors() {
        return submitErrors + undelivered;
    }

    /** The same step, failed for a reason found after it ran (e.g. deliveries signed with the wrong profile). */
    public StepResult failed(String why) {
        return new StepResult(system, workload, load, offered, sent, delivered, achieved, p50, p95, p99, max, answerP50, answerP99,
                submitErrors + Math.max(1, delivered), undelivered, why + (firstError == null ? "" : "; " + firstError), signedWith,
                cpuMsPerMessage, databaseCpuMsPerMessage, rssMb);
    }

    /** The same step, with the signature methods its receiver got (checked by the driver). */
    public StepResult signed(String methods) {
        return new StepResult(system, workload, load, offered, sent, delivered, achieved, p50, p95, p99, max, answerP50, answerP99,
                submitErrors, undelivered, firstError, methods, cpuMsPerMessage, databaseCpuMsPerMessage, rssMb);
    }

    /**
     * The same step, with what the system under test used: CPU time of its processes (the JVM and, for the
     * gateway, its embedded PostgreSQL) from the step's start until its last delivery, per delivered message, the
     * PostgreSQL part of it, and their resident memory at the end.
     */
    public StepResult used(double cpuSeconds, double databaseCpuSeconds, double residentMb) {
        return new StepResult(system, workload, load, offered, sent, delivered, achieved, p50, p95, p99, max, answerP50, answerP99,
                submitErrors, undelivered, firstError, signedWith, delivered > 0 ? cpuSeconds * 1000 / delivered : Double.NaN,
                delivered > 0 ? databaseCpuSeconds * 1000 / delivered : Double.NaN, residentMb);
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    static long[] sorted(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return copy;
    }
}
