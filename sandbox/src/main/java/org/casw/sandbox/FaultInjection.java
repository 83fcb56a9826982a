package org.casw.sandbox;

import java.util.Random;

/**
 * The faults a sandbox partner injects, drawn per answer from its configured rates with a seedable random,
 * so a test with a seed sees the same sequence every run. One draw per answer: at most one fault each time.
 */
public final class FaultInjection {

    /** What a sandbox partner does to one answer. */
    public enum Fault { NONE, ERROR, TIMEOUT, INVALID_SIGNATURE }

    // changed by an operator from the console's sandbox page (SandboxFaultsPage) while the sandbox runs
    private double errorRate;
    private double timeoutRate;
    private double invalidSignatureRate;
    private final Random random;

    public FaultInjection(double errorRate, double timeoutRate, double invalidSignatureRate, Long seed) {
        this.errorRate = errorRate;
        this.timeoutRate = timeoutRate;
        this.invalidSignatureRate = invalidSignatureRate;
        this.random = seed == null ? new Random() : new Random(seed);
    }

    /** The faults of a sandbox partner's settings, checked: each rate in 0-1 and together at most 1. */
    public static FaultInjection of(String name, SandboxProperties.Partner settings) {
        String prefix = "sandbox." + name + ".";
        rate(prefix + "error-rate", settings.errorRate());
        rate(prefix + "timeout-rate", settings.timeoutRate());
        rate(prefix + "invalid-signature-rate", settings.invalidSignatureRate());
        if (settings.errorRate() + settings.timeoutRate() + settings.invalidSignatureRate() > 1.0 + 1e-9) {
            throw new IllegalStateException(prefix + "error-rate, timeout-rate and invalid-signature-rate add up to more than 1");
        }
        return new FaultInjection(settings.errorRate(), settings.timeoutRate(), settings.invalidSignatureRate(), settings.seed());
    }

    /** New rates from now on, each in 0-1 and together at most 1; refused whole otherwise. */
    public synchronized void set(double error, double timeout, double invalidSignature) {
        rate("error-rate", error);
        rate("timeout-rate", timeout);
        rate("invalid-signature-rate", invalidSignature);
        if (error + timeout + invalidSignature > 1.0 + 1e-9) {
            throw new IllegalStateException("error-rate, timeout-rate and invalid-signature-rate add up to more than 1");
        }
        this.errorRate = error;
        this.timeoutRate = timeout;
        this.invalidSignatureRate = invalidSignature;
    }

    public synchronized double errorRate() {
        return errorRate;
    }

    public synchronized double timeoutRate() {
        return timeoutRate;
    }

    public synchronized double invalidSignatureRate() {
        return invalidSignatureRate;
    }

    /** The fault for the next answer. */
    public synchronized Fault next() {
        if (errorRate == 0 && timeoutRate == 0 && invalidSignatureRate == 0) {
            return Fault.NONE;
        }
        double draw = random.nextDouble();
        if (draw < errorRate) {
            return Fault.ERROR;
        }
        if (draw < errorRate + timeoutRate) {
            return Fault.TIMEOUT;
        }
        return draw < errorRate + timeoutRate + invalidSignatureRate ? Fault.INVALID_SIGNATURE : Fault.NONE;
    }

    /** Rates as configured, for the sandbox's status page. */
    public synchronized String describe() {
        return "error-rate " + errorRate + ", timeout-rate " + timeoutRate + ", invalid-signature-rate " + invalidSignatureRate;
    }

    private static void rate(String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalStateException(setting + " must be between 0 and 1, not " + value);
        }
    }
}
