package org.casw.gateway.as4;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * phase4's per-message ServiceLoader lookups reach the class path once: later ones are answered from the
 * first answer, other resources and classes still come from the real loader, and the thread's own loader is
 * back in place afterwards.
 */
class ServiceLookupsTest {

    /** A class loader that counts how often it is asked for resources. */
    static final class Counting extends ClassLoader {
        final AtomicInteger serviceLookups = new AtomicInteger();
        final AtomicInteger otherLookups = new AtomicInteger();

        Counting() {
            super(ServiceLookupsTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            (name.startsWith("META-INF/services/") ? serviceLookups : otherLookups).incrementAndGet();
            return super.getResources(name);
        }
    }

    @Test
    void serviceLookupsReachTheRealLoaderOnceAndTheThreadKeepsItsLoader() throws Exception {
        Counting real = new Counting();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(real);
        try {
            List<Integer> found = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                found.add(ServiceLookups.around(() -> {
                    assertThat(thread.getContextClassLoader()).isNotSameAs(real);
                    // a service the class path provides (Jakarta Mail's stream provider), looked up as phase4 does
                    int providers = 0;
                    for (Object ignored : ServiceLoader.load(jakarta.mail.util.StreamProvider.class)) {
                        providers++;
                    }
                    Collections.list(thread.getContextClassLoader().getResources("application.yml"));
                    return providers;
                }));
            }
            assertThat(found).containsOnly(found.get(0)).first().isNotEqualTo(0);
            assertThat(real.serviceLookups).hasValue(1);
            assertThat(real.otherLookups).hasValue(3);
            assertThat(thread.getContextClassLoader()).isSameAs(real);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void theThreadGetsItsLoaderBackWhenTheWorkFails() {
        Counting real = new Counting();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(real);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceLookups.around(() -> {
                throw new IllegalStateException("phase4 failed");
            })).hasMessage("phase4 failed");
            assertThat(thread.getContextClassLoader()).isSameAs(real);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
