package org.casw.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Stages of a long command on standard error, with the time since it began; silent when there is nowhere to say it. */
final class Progress {

    private final PrintStream err;
    private final String subject;
    private final long started = System.nanoTime();

    /** @param err where to report, or null to stay silent (a small job) */
    Progress(PrintStream err, Path subject) {
        this.err = err;
        this.subject = subject.toString();
    }

    void step(String what) {
        if (err != null) {
            err.printf("%s: %s (%.1f s)%n", subject, what, (System.nanoTime() - started) / 1e9);
            err.flush();
        }
    }
}
