package org.casw.routes.transform.edifact;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.casw.routes.transform.edifact.EdifactMessageReader.ErrorPosition;
import org.casw.routes.transform.edifact.EdifactMessageReader.LocatedViolation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.interchange.Action;
import org.casw.schemas.interchange.Interchange;
import org.casw.schemas.interchange.InterchangeReport;
import org.casw.schemas.interchange.Message;
import org.casw.schemas.interchange.Party;
import org.casw.schemas.interchange.ReportedError;
import org.casw.schemas.interchange.ReportedErrors;

/**
 * Composes the gateway's report on an EDIFACT interchange it received (native {@code InterchangeReport}): the
 * envelope's verdict, and per message what the gateway decided with every error's syntax error code (0085) and
 * position. Syntax errors are read again from the interchange, one message at a time, so that each carries the
 * segment and element position a CONTRL reports; the gateway's other reasons (agreement, business rules) come from
 * the outcomes and have no position.
 */
public final class InterchangeReports {

    /** The message types whose directory schemas the gateway validates against, for re-reading the syntax errors. */
    private static final Set<String> READ_TYPES = Set.of("CUSCAR", "CODECO", "COARRI", "CUSRES");
    /** A violation path {@code CUSCAR/EQD[2]/C237/8260} or {@code INTERCHANGE/UNZ/0036}: the segment tag is the second part. */
    private static final Pattern PATH_TAG = Pattern.compile("^[A-Z]+/([A-Z]{3})(?:\\[\\d+])?(?:/(\\w+))?");
    /** Where the data elements the envelope check names sit in their segments (UNZ/UNE: count first, reference second). */
    private static final Map<String, Integer> ENVELOPE_ELEMENTS = Map.of("0036", 1, "0020", 2, "0060", 1, "0048", 2);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private InterchangeReports() {
    }

    /** The report on the interchange as native XML; the interchange must start with UNA or UNB. */
    public static byte[] compose(byte[] interchange, List<MessageOutcome> outcomes) {
        return NativeXml.write(report(interchange, outcomes, OffsetDateTime.now(CHINA)));
    }

    static InterchangeReport report(byte[] interchange, List<MessageOutcome> outcomes, OffsetDateTime issuedAt) {
        InterchangeSplit split = EdifactInterchanges.split(interchange)
                .orElseThrow(() -> new IllegalArgumentException("Not a UN/EDIFACT interchange: it starts with neither UNA nor UNB."));
        InterchangeReport report = new InterchangeReport();
        report.setReportId("IR-" + UUID.randomUUID().toString().replace("-", ""));
        report.setIssuedAt(xmlDateTime(issuedAt));
        report.setInterchange(interchange(split.envelope()));

        List<ReportedError> envelopeErrors = new ArrayList<>();
        for (Violation v : split.envelopeViolations()) {
            envelopeErrors.add(error(v, null));
        }
        Set<String> seenEnvelope = new HashSet<>();
        Map<String, Deque<MessageOutcome>> byReference = new HashMap<>();
        for (MessageOutcome outcome : outcomes) {
            byReference.computeIfAbsent(String.valueOf(outcome.messageReference()), r -> new ArrayDeque<>()).add(outcome);
        }
        List<Message> messages = new ArrayList<>();
        for (MessagePart part : split.messages()) {
            EdifactMessageReader.Result read = EdifactMessageReader.read(part.payload(), READ_TYPES, 1, (segment, problems) -> {
            });
            List<ReportedError> errors = new ArrayList<>();
            Set<Violation> reported = new HashSet<>();
            for (LocatedViolation located : read.problems().located()) {
                ErrorPosition at = located.position();
                if (at != null && !at.inMessage()) {
                    // the UNB (and UNG) is repeated in every part: report its errors once, for the interchange
                    if (seenEnvelope.add(located.violation().code() + "|" + located.violation().path())) {
                        envelopeErrors.add(error(located.violation(), at));
                    }
                } else {
                    errors.add(error(located.violation(), at));
                }
                reported.add(located.violation());
            }
            Deque<MessageOutcome> candidates = byReference.get(String.valueOf(part.messageReference()));
            MessageOutcome outcome = candidates == null ? null : candidates.poll();
            if (outcome != null) {
                for (Violation v : outcome.violations()) {
                    if (!reported.contains(v)) {
                        errors.add(error(v, null));
                    }
                }
            }
            boolean accepted = outcome != null ? outcome.accepted() : errors.isEmpty();
            messages.add(message(part, accepted && split.envelopeViolations().isEmpty(), accepted ? trackingId(outcome) : null,
                    errors));
        }
        boolean rejected = !envelopeErrors.isEmpty();
        report.setAction(rejected ? Action.REJECTED : Action.ACCEPTED);
        report.setErrors(errors(envelopeErrors));
        if (rejected) {
            // the interchange is refused as one document: none of its messages was taken in
            messages.forEach(m -> {
                m.setAction(Action.REJECTED);
                m.setTrackingId(null);
            });
        }
        report.getMessage().addAll(messages);
        return report;
    }

    private static String trackingId(MessageOutcome outcome) {
        return outcome == null ? null : outcome.trackingId();
    }

    private static Interchange interchange(Envelope envelope) {
        Interchange interchange = new Interchange();
        interchange.setSender(party(envelope.senderId(), envelope.senderQualifier()));
        interchange.setRecipient(party(envelope.recipientId(), envelope.recipientQualifier()));
        interchange.setControlReference(envelope.controlReference());
        interchange.setSyntaxIdentifier(envelope.syntaxIdentifier());
        interchange.setSyntaxVersion(envelope.syntaxVersion());
        interchange.setPreparedDate(digits(envelope.preparedDate()));
        interchange.setPreparedTime(digits(envelope.preparedTime()));
        return interchange;
    }

    private static String digits(String value) {
        return value != null && value.matches("[0-9]{4,8}") ? value : null;
    }

    private static Party party(String id, String qualifier) {
        if (id == null) {
            return null;
        }
        Party party = new Party();
        party.setId(id);
        party.setQualifier(qualifier);
        return party;
    }

    private static Message message(MessagePart part, boolean accepted, String trackingId, List<ReportedError> errors) {
        Message message = new Message();
        message.setReference(part.messageReference());
        message.setType(part.messageType());
        EdifactTokens.read(part.payload()).ifPresent(tokens -> tokens.segments().stream().filter(s -> "UNH".equals(s.tag())).findFirst()
                .ifPresent(unh -> {
                    message.setVersion(unh.value(2, 2));
                    message.setRelease(unh.value(2, 3));
                    message.setAgency(unh.value(2, 4));
                }));
        message.setAction(accepted ? Action.ACCEPTED : Action.REJECTED);
        message.setTrackingId(trackingId);
        message.setErrors(errors(errors));
        return message;
    }

    private static ReportedErrors errors(List<ReportedError> errors) {
        if (errors.isEmpty()) {
            return null;
        }
        ReportedErrors list = new ReportedErrors();
        list.getError().addAll(errors);
        return list;
    }

    /** One error: its 0085 code and position from the reader where known, else what its path says. */
    private static ReportedError error(Violation v, ErrorPosition at) {
        ReportedError error = new ReportedError();
        error.setCode(v.code());
        error.setMessage(v.message());
        if (at != null) {
            error.setSyntaxError(at.syntaxError());
            error.setSegmentTag(at.segmentTag());
            error.setSegmentPosition(positive(at.segmentPosition()));
            error.setElementPosition(positive(at.element()));
            error.setComponentPosition(positive(at.component()));
            return error;
        }
        error.setSyntaxError(SyntaxErrorCodes.of(v.code()));
        Matcher m = v.path() == null ? null : PATH_TAG.matcher(v.path());
        if (m != null && m.find()) {
            error.setSegmentTag(m.group(1));
            if (v.path().startsWith("INTERCHANGE/") && m.group(2) != null) {
                error.setElementPosition(positive(ENVELOPE_ELEMENTS.get(m.group(2))));
            }
        }
        return error;
    }

    private static BigInteger positive(Integer value) {
        return value == null || value < 1 ? null : BigInteger.valueOf(value);
    }

    private static javax.xml.datatype.XMLGregorianCalendar xmlDateTime(OffsetDateTime at) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(GregorianCalendar.from(at.withNano(0).toZonedDateTime()));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
