package org.casw.gateway.cli;

import java.io.PrintStream;

/**
 * A command that writes bytes, not only text (a signed document, a translation): it keeps the process's standard
 * streams, or a test's, rather than picocli's writers.
 */
public abstract class ConsoleCommand {

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    protected PrintStream out() {
        return out;
    }

    protected PrintStream err() {
        return err;
    }

    void useStreams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
