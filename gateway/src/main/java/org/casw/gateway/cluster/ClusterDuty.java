package org.casw.gateway.cluster;

import java.time.Duration;

/**
 * Work that must exist once per cluster, however many gateway nodes share the database and the broker (recovery of
 * stranded messages, forgetting old duplicates, watching certificates, purging old payloads). A bean implementing this
 * is run by the node that currently leads, every {@link #interval()}, and by the next
 * leader when that node dies. A duty must be safe to run again after being interrupted half-way.
 */
public interface ClusterDuty {

    /** A short name for logs and health, e.g. {@code stranded-message-recovery}. */
    String name();

    /** How long after one run ends the next one starts. */
    Duration interval();

    /** One run; exceptions are logged by the leadership and the duty runs again after its interval. */
    void perform();
}
