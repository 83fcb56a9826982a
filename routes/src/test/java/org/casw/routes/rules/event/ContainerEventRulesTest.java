package org.casw.routes.rules.event;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.validation.Violation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.TransportMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Container event samples behave as their folder and file name say, and each rule's edges hold. */
class ContainerEventRulesTest {

    private static final String SCHEMA_INVALID_PREFIX = "schema-";

    private final ContainerEventRules rules = new ContainerEventRules(ContainerEventSamples.CLOCK);

    static Stream<Path> validSamples() {
        return ContainerEventSamples.valid();
    }

    static Stream<Path> ruleInvalidSamples() {
        return ContainerEventSamples.invalid().filter(p -> !p.getFileName().toString().startsWith(SCHEMA_INVALID_PREFIX));
    }

    static Stream<Path> schemaInvalidSamples() {
        return ContainerEventSamples.invalid().filter(p -> p.getFileName().toString().startsWith(SCHEMA_INVALID_PREFIX));
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validSamplePassesSchemaAndRules(Path sample) {
        assertThat(ContainerEventSamples.schemaErrors(ContainerEventSamples.bytes(sample))).isEmpty();
        assertThat(check(ContainerEventSamples.read(sample))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("ruleInvalidSamples")
    void ruleInvalidSampleIsSchemaValidAndBreaksExactlyTheRuleItIsNamedAfter(Path sample) {
        String expected = codeOf(sample);

        assertThat(ContainerEventSamples.schemaErrors(ContainerEventSamples.bytes(sample))).isEmpty();
        assertThat(check(ContainerEventSamples.read(sample))).extracting(Violation::code).containsExactly(expected);
    }

    @ParameterizedTest
    @MethodSource("schemaInvalidSamples")
    void schemaInvalidSampleIsRefusedByTheSchema(Path sample) {
        assertThat(ContainerEventSamples.schemaErrors(ContainerEventSamples.bytes(sample))).isNotEmpty();
    }

    @Test
    void everyRuleCodeHasAnInvalidSample() throws IllegalAccessException {
        List<String> sampled = ruleInvalidSamples().map(ContainerEventRulesTest::codeOf).toList();

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(ruleCodes());
    }

    @Test
    void schemaRefusesUnknownEventTypeAndTimeWithoutOffset() {
        String valid = new String(ContainerEventSamples.bytes(
                ContainerEventSamples.sample("valid", "qinzhou-bonded-zone-gate-in-out.xml")), StandardCharsets.UTF_8);

        assertThat(errors(valid.replace("<EventType>ZONE_GATE_IN<", "<EventType>ARRIVED<"))).isNotEmpty();
        assertThat(errors(valid.replace("2026-11-21T01:58:04Z", "2026-11-21T01:58:04"))).isNotEmpty();
        assertThat(errors(valid)).isEmpty();
    }

    @Test
    void violationPathsCarryTheEventPosition() {
        assertThat(check(ContainerEventSamples.read(ContainerEventSamples.sample("invalid", "container-check-digit.xml"))))
                .extracting(Violation::path).containsExactly("/ContainerEvents/Event[2]/ContainerNumber");
        assertThat(check(ContainerEventSamples.read(ContainerEventSamples.sample("invalid", "event-duplicate.xml"))))
                .extracting(Violation::path).containsExactly("/ContainerEvents/Event[3]/EventId");
        assertThat(check(ContainerEventSamples.read(ContainerEventSamples.sample("invalid", "location-unknown.xml"))))
                .extracting(Violation::path).containsExactly("/ContainerEvents/Event/Location/UnLocode");
        assertThat(check(ContainerEventSamples.read(ContainerEventSamples.sample("invalid", "vessel-imo-check-digit.xml"))))
                .extracting(Violation::path).containsExactly("/ContainerEvents/Event/TransportMeans/Id");
    }

    @Test
    void containerCheckDigitMessageNamesTheExpectedDigit() {
        List<Violation> violations = check(ContainerEventSamples.read(ContainerEventSamples.sample("invalid", "container-check-digit.xml")));

        assertThat(violations.get(0).message()).contains("CSQU3054384").contains("should be 3");
    }

    @Test
    void eventUpToAnHourAheadIsAcceptedForClockDrift() {
        ContainerEvents batch = portBatch();
        Event event = batch.getEvent().get(0);

        event.setOccurredAt(at(ContainerEventSamples.CLOCK, Duration.ofMinutes(59)));
        assertThat(check(batch)).isEmpty();

        event.setOccurredAt(at(ContainerEventSamples.CLOCK, Duration.ofMinutes(61)));
        assertThat(check(batch)).extracting(Violation::code).containsExactly(ContainerEventRules.EVENT_IN_FUTURE);
    }

    @Test
    void shipEventAtRailOnlyLocationBreaksLocationFunction() {
        ContainerEvents batch = portBatch();
        batch.getEvent().get(0).getLocation().setUnLocode("CNCQD"); // Chongqingdong Railway Station, rail only

        assertThat(check(batch)).extracting(Violation::code).containsExactly(ContainerEventRules.LOCATION_FUNCTION);
    }

    @Test
    void gateAndZoneEventsNeedNoParticularLocationFunction() {
        ContainerEvents batch = portBatch();
        for (Event event : batch.getEvent()) {
            event.setEventType(EventType.GATE_IN);
            event.getLocation().setUnLocode("CNCQD");
        }
        batch.getEvent().get(1).setEventType(EventType.ZONE_GATE_OUT);

        assertThat(check(batch)).isEmpty();
    }

    @Test
    void unknownLocationIsReportedOnceWithoutAFunctionViolation() {
        ContainerEvents batch = portBatch();
        batch.getEvent().get(0).getLocation().setUnLocode("CNQZX");

        assertThat(check(batch)).extracting(Violation::code).containsExactly(ContainerEventRules.LOCATION_UNKNOWN);
    }

    @Test
    void imoCheckAppliesOnlyToSeaTransportWithAnImoLookingId() {
        ContainerEvents batch = portBatch();
        Event discharge = batch.getEvent().get(0);

        discharge.getTransportMeans().setId("IMO 9321484");
        assertThat(check(batch)).extracting(Violation::code).containsExactly(ContainerEventRules.VESSEL_IMO_CHECK_DIGIT);

        discharge.getTransportMeans().setId("XIN NAN SHA");
        assertThat(check(batch)).isEmpty();

        discharge.getTransportMeans().setId("IMO9321484");
        discharge.getTransportMeans().setMode(TransportMode.RAIL);
        assertThat(check(batch)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReportedNotOnlyTheFirst() {
        ContainerEvents batch = portBatch();
        Event event = batch.getEvent().get(1);
        event.setEventId(batch.getEvent().get(0).getEventId());
        event.setContainerNumber("CSQU3054384");
        event.getLocation().setUnLocode("CNQZX");
        event.setOccurredAt(at(ContainerEventSamples.CLOCK, Duration.ofDays(2)));
        event.getTransportMeans().setId("IMO9321484");

        assertThat(check(batch)).extracting(Violation::code).containsExactly(
                ContainerEventRules.EVENT_DUPLICATE, ContainerEventRules.CONTAINER_CHECK_DIGIT,
                ContainerEventRules.LOCATION_UNKNOWN, ContainerEventRules.EVENT_IN_FUTURE,
                ContainerEventRules.VESSEL_IMO_CHECK_DIGIT);
    }

    @Test
    void generatedModelLivesInTheEventPackage() {
        assertThat(ContainerEvents.class.getPackageName()).isEqualTo("org.casw.schemas.event");
        assertThat(new ContainerEventRules(ContainerEventSamples.CLOCK).documentClass()).isEqualTo(ContainerEvents.class);
    }

    private List<Violation> check(ContainerEvents batch) {
        RuleViolations violations = new RuleViolations();
        rules.check(batch, violations);
        return violations.list();
    }

    /** The port sample: two discharges from IMO9321483 at CNQZH, then two gate-outs to rail. */
    private static ContainerEvents portBatch() {
        return ContainerEventSamples.read(ContainerEventSamples.sample("valid", "qinzhou-port-discharge-and-gate-out-to-rail.xml"));
    }

    /** The clock's instant plus {@code ahead}, written in China time as a sender would. */
    private static XMLGregorianCalendar at(Clock clock, Duration ahead) {
        String lexical = clock.instant().plus(ahead).atOffset(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(lexical);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> errors(String xml) {
        return ContainerEventSamples.schemaErrors(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** container-check-digit.xml -> CONTAINER_CHECK_DIGIT */
    private static String codeOf(Path sample) {
        String name = sample.getFileName().toString();
        return name.substring(0, name.length() - ".xml".length()).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static List<String> ruleCodes() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : ContainerEventRules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        return codes;
    }
}
