package org.casw.gateway.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.jms.Message;
import org.casw.gateway.GatewayApplication;
import org.casw.gateway.GatewayClient;
import org.casw.testsupport.Samples;
import org.casw.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing is off by default: no spans, and no trace context on the delivery queue's messages. With
 * {@code management.tracing.enabled=true} one submission is one trace, from the HTTP intake through the JMS delivery queue
 * (the context travels on the message) to the delivery to its receiver.
 */
class TracingTest {

    private static final String OPERATOR = "demo-operator-key";
    private static final String QUEUE = "sw.out.CN-CUSTOMS";

    @Test
    void oneSubmissionIsOneTraceFromIntakeThroughTheQueueToDelivery() {
        try (ConfigurableApplicationContext gateway = start("tracing-on", "--management.tracing.enabled=true")) {
            GatewayClient client = client(gateway);
            Spans spans = gateway.getBean(Spans.class);

            String waiting = browseWhileSuspended(gateway, client, "TRACE-ON-1");
            assertThat(waiting).as("trace context carried on the JMS message").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            String traceId = waiting.substring(3, 35);

            // the delivery, from the queue to customs, joins the intake's trace
            await().atMost(Duration.ofSeconds(30)).until(() -> spans.of(traceId).stream()
                    .anyMatch(s -> s.getKind() == SpanKind.CONSUMER && uri(s).contains(QUEUE)));
            List<SpanData> trace = spans.of(traceId);
            assertThat(trace).as(Spans.describe(trace)).anyMatch(s -> uri(s).startsWith("direct://intake"));
            // the enqueue sends to the receiver's queue by a dynamic endpoint (jms:queue:sw.out.${receiver})
            assertThat(trace).as(Spans.describe(trace)).anyMatch(s -> s.getKind() == SpanKind.PRODUCER
                    && uri(s).startsWith("jms://queue:sw.out."));
            assertThat(trace).as(Spans.describe(trace)).anyMatch(s -> s.getKind() == SpanKind.CONSUMER
                    && uri(s).contains(QUEUE));
            assertThat(trace).as(Spans.describe(trace)).anyMatch(s -> s.getName().toLowerCase().startsWith("http post"));
        }
    }

    @Test
    void offByDefaultNoSpansAndNoTraceContextOnTheQueue() {
        try (ConfigurableApplicationContext gateway = start("tracing-off")) {
            GatewayClient client = client(gateway);
            Spans spans = gateway.getBean(Spans.class);

            String waiting = browseWhileSuspended(gateway, client, "TRACE-OFF-1");
            assertThat(waiting).isNull();
            assertThat(client.get(OPERATOR, "/actuator/prometheus").body()).contains("gateway_messages_received_total");
            assertThat(spans.all()).isEmpty();
        }
    }

    /** Submits a declaration while customs is suspended, reads the traceparent of what waits on its queue, then resumes it. */
    private static String browseWhileSuspended(ConfigurableApplicationContext gateway, GatewayClient client, String clientSeqNo) {
        assertThat(client.postTo(OPERATOR, "/api/v1/partners/CN-CUSTOMS/suspend").statusCode()).isEqualTo(200);
        HttpResponse<String> accepted = client.postXml("demo-enterprise-key", Samples.declaration(clientSeqNo));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JmsTemplate jms = gateway.getBean(JmsTemplate.class);
        List<String> properties = new ArrayList<>();
        String traceparent = jms.browse(QUEUE, (session, browser) -> {
            Message message = browser.getEnumeration().hasMoreElements() ? (Message) browser.getEnumeration().nextElement() : null;
            assertThat(message).as("the declaration waits on " + QUEUE).isNotNull();
            Collections.list((java.util.Enumeration<?>) message.getPropertyNames()).forEach(p -> properties.add(String.valueOf(p)));
            return message.getStringProperty("traceparent");
        });
        assertThat(properties).as("no other trace header either").noneMatch(p -> p.toLowerCase().contains("b3"));
        assertThat(client.postTo(OPERATOR, "/api/v1/partners/CN-CUSTOMS/resume").statusCode()).isEqualTo(200);
        return traceparent;
    }

    private static ConfigurableApplicationContext start(String dataDir, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--gateway.data-dir=" + TestData.newDataDir(dataDir),
                "--gateway.broker.acceptor-url=", "--sandbox.port.enabled=false", "--sandbox.rail.enabled=false",
                "--sandbox.customs.delay=100ms"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(GatewayApplication.class, Spans.class).run(arguments.toArray(String[]::new));
    }

    private static GatewayClient client(ConfigurableApplicationContext gateway) {
        return new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
    }

    private static String uri(SpanData span) {
        Object uri = span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("camel.uri"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse("");
        return String.valueOf(uri);
    }

    /** Keeps every span the gateway exports, in memory (the OTLP exporter is not configured). */
    @Configuration(proxyBeanMethods = false)
    static class Spans {

        private final List<SpanData> exported = Collections.synchronizedList(new ArrayList<>());

        @Bean
        SpanExporter inMemorySpans() {
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }

        List<SpanData> all() {
            synchronized (exported) {
                return List.copyOf(exported);
            }
        }

        List<SpanData> of(String traceId) {
            return all().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        }

        static String describe(List<SpanData> spans) {
            Set<String> lines = spans.stream().map(s -> s.getKind() + " " + s.getName() + " " + uri(s)).collect(Collectors.toSet());
            return String.join("\n", lines);
        }
    }
}
