package org.casw.gateway.observability;

import org.apache.camel.CamelContext;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

/**
 * Camel's spans, on with the gateway's one tracing setting ({@code management.tracing.enabled=true}; off by default, and
 * then nothing is installed in the routes). A span per endpoint a document passes, the intake's, the delivery queue's send
 * and receive, the delivery's: the trace context travels on the JMS message, so the intake and the delivery of one
 * document share one trace. camel-observation-starter's own configuration stands aside when Spring Boot's actuator is
 * present, so the tracer is made here, as it would make it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "management.tracing.enabled", havingValue = "true")
public class CamelTracing {

    @Bean
    MicrometerObservationTracer camelObservationTracer(CamelContext camel, Tracer tracer, ObservationRegistry observations) {
        MicrometerObservationTracer camelTracer = new MicrometerObservationTracer();
        camelTracer.setTracer(tracer);
        camelTracer.setObservationRegistry(observations);
        // JMS property names must be identifiers: dashes in propagation headers are encoded
        camelTracer.setEncoding(true);
        camelTracer.init(camel);
        return camelTracer;
    }
}
