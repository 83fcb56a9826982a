package org.casw.gateway.as4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * phase4 looks up its {@code ServiceLoader} extensions through the thread's context class loader on every
 * message ({@code IAS4IncomingMessageProcessingStatusSPI} in {@code AS4IncomingHandler}); in the Spring
 * Boot jar each lookup opens every nested jar (measured: 8 % of the AS4 endpoint's CPU). The class path
 * does not change while the gateway runs, so this answers {@code META-INF/services/} lookups from the
 * first answer and delegates everything else, classes included, to the real loader.
 */
final class ServiceLookups extends ClassLoader {

    static {
        // class loading through this loader must not serialise the request threads on one lock
        ClassLoader.registerAsParallelCapable();
    }

    private static final String SERVICES = "META-INF/services/";
    private static final ConcurrentMap<ClassLoader, ServiceLookups> CACHES = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, List<URL>> providerFiles = new ConcurrentHashMap<>();

    private ServiceLookups(ClassLoader real) {
        super("casw-as4-service-lookups", real);
    }

    /** Runs phase4 work with the calling thread's loader behind a lookup cache (one cache per real loader). */
    static <T> T around(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader real = thread.getContextClassLoader();
        if (real == null || real instanceof ServiceLookups) {
            return work.call();
        }
        thread.setContextClassLoader(CACHES.computeIfAbsent(real, ServiceLookups::new));
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(real);
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        try {
            return Collections.enumeration(providerFiles.computeIfAbsent(name, file -> {
                try {
                    return List.copyOf(Collections.list(getParent().getResources(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
