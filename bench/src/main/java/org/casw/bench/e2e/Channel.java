package org.casw.bench.e2e;

import java.util.concurrent.CompletableFuture;

/**
 * How a workload submits a document: over the HTTP API or onto the sender's JMS inbound address. The future
 * completes when the system answered (HTTP 202, or the gateway receipt on the sender's reply address) with
 * null for an accepted document and a short error text otherwise.
 */
public interface Channel extends AutoCloseable {

    /** Submits and tells when the system answered, and how. */
    CompletableFuture<String> submit(Documents.Document document);

    /** "HTTP" or "JMS", for the report. */
    String name();

    @Override
    void close();
}
