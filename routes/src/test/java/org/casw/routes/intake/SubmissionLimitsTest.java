package org.casw.routes.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.casw.routes.partner.PartyLimits;
import org.casw.routes.validation.ViolationCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-party admission at the head of the intake: rate (token bucket), in-flight cap, and how refusals are told. */
class SubmissionLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(42 * SECOND);
    private final List<String> refusals = new ArrayList<>();
    private CamelContext camel;

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    private SubmissionLimits limits(Map<String, PartyLimits> byParty) {
        return new SubmissionLimits(party -> byParty.getOrDefault(party, PartyLimits.NONE), clock::get,
                (party, code) -> refusals.add(party + ":" + code), Duration.ofMinutes(1));
    }

    @Test
    void aBurstOverTheBucketIsRefusedWithAPauseAndAcceptedAgainOnceTheBucketRefills() {
        SubmissionLimits limits = limits(Map.of("PORT-QINZHOU", new PartyLimits(1, 2, 0)));

        assertThat(limits.admit("PORT-QINZHOU").admitted()).isTrue();
        assertThat(limits.admit("PORT-QINZHOU").admitted()).isTrue();
        SubmissionLimits.Admission third = limits.admit("PORT-QINZHOU");

        assertThat(third.admitted()).isFalse();
        assertThat(third.code()).isEqualTo(ViolationCodes.RATE_LIMITED);
        assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(third.reason()).contains("rate 1/s, burst 2").contains("not stored");

        clock.addAndGet(SECOND);
        assertThat(limits.admit("PORT-QINZHOU").admitted()).as("one token back after a second").isTrue();
        assertThat(limits.admit("PORT-QINZHOU").admitted()).isFalse();
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextTokenRoundedUp() {
        SubmissionLimits limits = limits(Map.of("RAIL-QINZHOU", new PartyLimits(0.25, 1, 0)));
        limits.admit("RAIL-QINZHOU");

        clock.addAndGet(SECOND / 2);
        assertThat(limits.admit("RAIL-QINZHOU").retryAfter()).as("3.5 s to go").isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void eachPartyHasItsOwnBucketAndPartiesWithoutLimitsAreNotLimited() {
        SubmissionLimits limits = limits(Map.of("PORT-QINZHOU", new PartyLimits(1, 1, 0)));

        assertThat(limits.admit("PORT-QINZHOU").admitted()).isTrue();
        assertThat(limits.admit("PORT-QINZHOU").admitted()).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.admit("DEMO-ENTERPRISE").admitted()).isTrue();
        }
    }

    @Test
    void aSubmissionOverTheInFlightCapIsRefusedWhileTheFirstIsHeldAndAdmittedOnceTheFirstIsAnswered() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        ProducerTemplate intake = intakeWith(limits(Map.of("PORT-QINZHOU", new PartyLimits(0, 0, 1))), exchange -> {
            if ("first".equals(new String(Intake.of(exchange).submission.payload(), StandardCharsets.UTF_8))) {
                held.countDown();
                assertThat(letGo.await(30, TimeUnit.SECONDS)).isTrue();
            }
        });

        CompletableFuture<IntakeResult> first = CompletableFuture.supplyAsync(() -> submit(intake, "PORT-QINZHOU", "first"));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        IntakeResult second = submit(intake, "PORT-QINZHOU", "second");
        IntakeResult otherParty = submit(intake, "RAIL-QINZHOU", "other");
        letGo.countDown();

        assertThat(second.outcome()).isEqualTo(IntakeResult.Outcome.RATE_LIMITED);
        assertThat(second.violations()).singleElement().satisfies(v -> assertThat(v.code()).isEqualTo(ViolationCodes.IN_FLIGHT_LIMIT));
        assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(second.trackingId()).as("nothing stored").isNull();
        assertThat(otherParty.outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(first.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(submit(intake, "PORT-QINZHOU", "third").outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(refusals).containsExactly("PORT-QINZHOU:IN_FLIGHT_LIMIT");
    }

    @Test
    void theInFlightPermitComesBackWhenTheIntakeFails() {
        ProducerTemplate intake = intakeWith(limits(Map.of("PORT-QINZHOU", new PartyLimits(0, 0, 1))), exchange -> {
            if ("broken".equals(new String(Intake.of(exchange).submission.payload(), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("database down");
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit(intake, "PORT-QINZHOU", "broken"))
                .hasRootCauseMessage("database down");
        assertThat(submit(intake, "PORT-QINZHOU", "next").outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
        assertThat(submit(intake, "PORT-QINZHOU", "and the next").outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
    }

    @Test
    void aRefusedSubmissionGoesNoFurtherThanTheGate() {
        List<String> reached = new ArrayList<>();
        ProducerTemplate intake = intakeWith(limits(Map.of("PORT-QINZHOU", new PartyLimits(1, 1, 0))),
                exchange -> reached.add(new String(Intake.of(exchange).submission.payload(), StandardCharsets.UTF_8)));

        submit(intake, "PORT-QINZHOU", "first");
        IntakeResult second = submit(intake, "PORT-QINZHOU", "second");

        assertThat(second.outcome()).isEqualTo(IntakeResult.Outcome.RATE_LIMITED);
        assertThat(second.status()).isNull();
        assertThat(reached).containsExactly("first");
    }

    @Test
    void aMessageTheGatewayResumesItselfIsNotLimited() {
        ProducerTemplate intake = intakeWith(limits(Map.of("PORT-QINZHOU", new PartyLimits(1, 1, 1))), exchange -> { });
        submit(intake, "PORT-QINZHOU", "first");

        IntakeResult resumed = intake.request("direct:test", exchange -> {
            exchange.setProperty(SubmissionLimits.RESUMED, true);
            exchange.getMessage().setBody(new Submission("PORT-QINZHOU", "JMS", "stored".getBytes(StandardCharsets.UTF_8), null));
        }).getMessage().getBody(IntakeResult.class);

        assertThat(resumed.outcome()).isEqualTo(IntakeResult.Outcome.ACCEPTED);
    }

    @Test
    void everyRefusalIsCountedButLoggedOncePerPartyPerInterval() {
        Logger logger = (Logger) LoggerFactory.getLogger(SubmissionLimits.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            SubmissionLimits limits = limits(Map.of("PORT-QINZHOU", new PartyLimits(1, 1, 0), "RAIL-QINZHOU", new PartyLimits(1, 1, 0)));
            limits.admit("PORT-QINZHOU");
            limits.admit("RAIL-QINZHOU");
            for (int i = 0; i < 100; i++) {
                limits.admit("PORT-QINZHOU");
                limits.admit("RAIL-QINZHOU");
            }
            assertThat(refusals).hasSize(200);
            assertThat(lines.list).hasSize(2);

            clock.addAndGet(61 * SECOND);
            limits.admit("PORT-QINZHOU");
            limits.admit("PORT-QINZHOU");
            assertThat(lines.list).hasSize(3);
            assertThat(lines.list.get(2).getFormattedMessage()).contains("PORT-QINZHOU").contains("100 submission(s) refused")
                    .contains("RATE_LIMITED");
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static IntakeResult submit(ProducerTemplate intake, String party, String payload) {
        return intake.requestBody("direct:test", new Submission(party, "HTTP", payload.getBytes(StandardCharsets.UTF_8), null),
                IntakeResult.class);
    }

    /** The head of the intake route: begin, the gate, then a stand-in for the remaining stages, then the answer. */
    private ProducerTemplate intakeWith(SubmissionLimits limits, org.apache.camel.Processor rest) {
        camel = new DefaultCamelContext();
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:test")
                            // as in the intake route: an answer before intake leaves the flow for the answer
                            .onException(SubmissionAnswered.class).continued(true).end()
                            .process(exchange -> exchange.setProperty(Intake.PROPERTY, new Intake(exchange.getMessage().getBody(Submission.class))))
                            .to("direct:take-in")
                            .process(exchange -> exchange.getMessage().setBody(Intake.of(exchange).result));
                    from("direct:take-in").errorHandler(noErrorHandler())
                            .process(limits.gate())
                            .process(exchange -> {
                                rest.process(exchange);
                                Intake.of(exchange).settle(IntakeResult.Outcome.ACCEPTED, null, List.of());
                            });
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        camel.start();
        return camel.createProducerTemplate();
    }
}
