package org.casw.routes.rules.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.datatype.XMLGregorianCalendar;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.casw.schemas.event.TransportMeans;
import org.casw.schemas.event.TransportMode;

/** Business rules of a container event batch beyond its schema: container and vessel check digits, locations, times, duplicates. */
public class ContainerEventRules implements DocumentRules<ContainerEvents> {

    public static final String CONTAINER_CHECK_DIGIT = "CONTAINER_CHECK_DIGIT";
    public static final String LOCATION_UNKNOWN = "LOCATION_UNKNOWN";
    public static final String LOCATION_FUNCTION = "LOCATION_FUNCTION";
    public static final String EVENT_IN_FUTURE = "EVENT_IN_FUTURE";
    public static final String EVENT_DUPLICATE = "EVENT_DUPLICATE";
    public static final String VESSEL_IMO_CHECK_DIGIT = "VESSEL_IMO_CHECK_DIGIT";

    /** Clocks of terminals and rail systems drift; an event up to this far ahead of ours is accepted. */
    static final Duration CLOCK_TOLERANCE = Duration.ofHours(1);

    /** What an IMO ship number looks like in TransportMeans/Id (an optional space after "IMO" is tolerated). */
    private static final Pattern IMO_NUMBER = Pattern.compile("IMO ?[0-9]{7}");
    private static final String CONTAINER_SHAPE = "[A-Z]{3}[UJZ][0-9]{7}";

    private final CodeLists codes = CodeLists.shared();
    private final Clock clock;

    public ContainerEventRules() {
        this(Clock.systemUTC());
    }

    public ContainerEventRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Class<ContainerEvents> documentClass() {
        return ContainerEvents.class;
    }

    @Override
    public void check(ContainerEvents batch, RuleViolations out) {
        Instant latest = clock.instant().plus(CLOCK_TOLERANCE);
        Set<String> eventIds = new HashSet<>();
        List<Event> events = batch.getEvent();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String at = "/ContainerEvents/" + indexed("Event", i) + "/";
            if (!eventIds.add(event.getEventId())) {
                out.add(EVENT_DUPLICATE, at + "EventId", "Event id " + event.getEventId()
                        + " is used more than once in this batch.");
            }
            container(event.getContainerNumber(), at + "ContainerNumber", out);
            location(event, at + "Location/UnLocode", out);
            occurredAt(event.getOccurredAt(), latest, at + "OccurredAt", out);
            vessel(event.getTransportMeans(), at + "TransportMeans/Id", out);
        }
    }

    private static void container(String number, String path, RuleViolations out) {
        if (!CheckDigits.isValidContainerNumber(number)) {
            out.add(CONTAINER_CHECK_DIGIT, path, "Container number " + number + " fails the ISO 6346 check"
                    + (number.matches(CONTAINER_SHAPE) ? " (check digit should be "
                    + CheckDigits.containerCheckDigit(number) + ")." : " (owner code, category U/J/Z, 6 digits, check digit)."));
        }
    }

    private void location(Event event, String path, RuleViolations out) {
        String unlocode = event.getLocation().getUnLocode();
        Optional<CodeLists.Location> location = codes.location(unlocode);
        if (location.isEmpty()) {
            out.add(LOCATION_UNKNOWN, path, "Location " + unlocode + " is not a UN/LOCODE.");
            return;
        }
        EventType type = event.getEventType();
        boolean railEvent = type == EventType.RAIL_DEPARTURE || type == EventType.RAIL_ARRIVAL;
        boolean shipEvent = type == EventType.LOAD || type == EventType.DISCHARGE;
        if (railEvent && !location.get().isRailTerminal()) {
            out.add(LOCATION_FUNCTION, path, functionMessage(type, location.get(), "a rail terminal"));
        } else if (shipEvent && !location.get().isPort()) {
            out.add(LOCATION_FUNCTION, path, functionMessage(type, location.get(), "a port"));
        }
    }

    private static String functionMessage(EventType type, CodeLists.Location location, String needed) {
        return "A " + type.value() + " event needs " + needed + ", but UN/LOCODE " + location.code() + " ("
                + location.name() + ") is not listed as one (function " + location.function() + ").";
    }

    private static void occurredAt(XMLGregorianCalendar when, Instant latest, String path, RuleViolations out) {
        Instant instant = when.toGregorianCalendar().toInstant();
        if (instant.isAfter(latest)) {
            out.add(EVENT_IN_FUTURE, path, "Event time " + when.toXMLFormat() + " is more than "
                    + CLOCK_TOLERANCE.toHours() + " hour(s) in the future.");
        }
    }

    private static void vessel(TransportMeans means, String path, RuleViolations out) {
        if (means == null || means.getMode() != TransportMode.SEA) {
            return;
        }
        String id = means.getId();
        if (IMO_NUMBER.matcher(id).matches() && !CheckDigits.isValidImo(id)) {
            out.add(VESSEL_IMO_CHECK_DIGIT, path, "Vessel " + id + " fails the IMO ship number check digit.");
        }
    }

    /** Element name with its position among same-named siblings, as the schema validator writes paths. */
    static String indexed(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }
}
