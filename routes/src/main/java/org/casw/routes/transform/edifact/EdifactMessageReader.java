package org.casw.routes.transform.edifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.validation.Violation;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARACTER_INVALID;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CHARSET_UNSUPPORTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CONTROL_COUNT;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_DIRECTORY_NOT_AGREED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_INVALID;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_MISSING;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_ELEMENT_TOO_LONG;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_PAYLOAD_TOO_LARGE;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_MISSING;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SYNTAX;

/**
 * Streams a UN/EDIFACT interchange through StAEDI, validating each message against the schema of the
 * directory its UNH names (D.96B, or D.95B and D.00B for CODECO and COARRI),
 * and hands every segment to a translator as it ends. Every problem becomes a {@link Violation}
 * (code, segment path, line, English message); reading goes on after a problem so all are reported,
 * and stops only where the parser cannot continue. Nothing is thrown for bad input.
 */
final class EdifactMessageReader {

    /** The gateway's default payload limit; an interchange above it is refused before parsing. */
    static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    /** Stop collecting after this many problems: a garbage file must not produce a million violations. */
    static final int MAX_VIOLATIONS = 200;

    /** What a translator does with the segments of the messages it accepts. */
    interface Handler {

        /** Every segment of an accepted message, UNH and UNT included, plus the interchange's UNB. */
        void segment(Segment segment, Problems problems);

        /** After the last segment, when the interchange was read to its end: check what must have been there. */
        default void end(Problems problems) {
        }
    }

    /**
     * Where a syntax error is, as a CONTRL reports it (UCS/UCD or UCM/UCI): the segment's tag and position (in its
     * message counting UNH as 1, or in the interchange for service segments outside a message), the 1-based element
     * and component positions when the error is in one, and the syntax error code (0085, {@link SyntaxErrorCodes}).
     */
    record ErrorPosition(String segmentTag, int segmentPosition, Integer element, Integer component, boolean inMessage,
                         String syntaxError) {
    }

    /** A syntax violation and where it is; the position is null where the reader cannot say (a broken delimiter). */
    record LocatedViolation(Violation violation, ErrorPosition position) {
    }

    /** Where translators report what they cannot map. */
    static final class Problems {

        private final List<Violation> syntax = new ArrayList<>();
        private final List<LocatedViolation> located = new ArrayList<>();
        private final List<Violation> mapping = new ArrayList<>();

        void syntax(Violation v) {
            syntax(v, null);
        }

        void syntax(Violation v, ErrorPosition position) {
            if (syntax.size() < MAX_VIOLATIONS) {
                syntax.add(v);
                located.add(new LocatedViolation(v, position));
            }
        }

        /** The syntax violations with their positions, in the order found. */
        List<LocatedViolation> located() {
            return List.copyOf(located);
        }

        /** A value that is valid EDIFACT but cannot be expressed in the native document. */
        void unmappable(Segment segment, String element, String message) {
            if (mapping.size() < MAX_VIOLATIONS) {
                mapping.add(new Violation(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, segment.path(element),
                        segment + ": " + message, segment.line(), null));
            }
        }

        void unmappable(String path, String message) {
            if (mapping.size() < MAX_VIOLATIONS) {
                mapping.add(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, path, message));
            }
        }

        /** Syntax and schema problems first; mapping problems only count when the EDIFACT itself is sound. */
        List<Violation> all() {
            return syntax.isEmpty() ? List.copyOf(mapping) : List.copyOf(syntax);
        }

        boolean any() {
            return !syntax.isEmpty() || !mapping.isEmpty();
        }
    }

    /** What was read: the interchange, how many messages were accepted, and the problems. */
    record Result(Optional<EdifactInterchange> interchange, int messages, Problems problems) {
    }

    private static final EDIInputFactory FACTORY = EDIInputFactory.newFactory();

    private EdifactMessageReader() {
    }

    static Result read(byte[] payload, Set<String> acceptedTypes, int maxMessages, Handler handler) {
        return read(payload, acceptedTypes, maxMessages, handler, DEFAULT_MAX_BYTES);
    }

    static Result read(byte[] payload, Set<String> acceptedTypes, int maxMessages, Handler handler, int maxBytes) {
        return read(payload, acceptedTypes, maxMessages, handler, maxBytes, null);
    }

    /**
     * As above, refusing a message whose directory (UNH S009, e.g. {@code D95B}) is not in {@code agreed},
     * the sender's agreement's list; null agrees to every directory the gateway reads.
     */
    static Result read(byte[] payload, Set<String> acceptedTypes, int maxMessages, Handler handler, int maxBytes,
            List<String> agreed) {
        Problems problems = new Problems();
        if (payload == null || payload.length == 0) {
            problems.syntax(Violation.of(EDIFACT_SYNTAX, null, "The payload is empty; an interchange starts with UNA or UNB."));
            return new Result(Optional.empty(), 0, problems);
        }
        if (payload.length > maxBytes) {
            problems.syntax(Violation.of(EDIFACT_PAYLOAD_TOO_LARGE, null,
                    "The interchange has " + payload.length + " bytes; at most " + maxBytes + " are accepted."));
            return new Result(Optional.empty(), 0, problems);
        }
        Optional<EdifactInterchange> interchange = EdifactInterchange.sniff(payload);
        if (interchange.isEmpty()) {
            problems.syntax(new Violation(EDIFACT_SYNTAX, "UNB", "Not a UN/EDIFACT interchange: it must start with a UNA or UNB segment.",
                    1, 1));
            return new Result(interchange, 0, problems);
        }
        Optional<EdifactCharset> charset = characterSet(payload, interchange.get(), problems);
        if (charset.isEmpty()) {
            return new Result(interchange, 0, problems);
        }
        Run run = new Run(acceptedTypes, maxMessages, handler, problems, charset.get(), agreed);
        Schema control = EdifactDirectory.controlSchema(interchange.get().syntaxIdentifier(), interchange.get().syntaxVersion());
        String encoding = charset.get().charset().name();
        byte[] input = charset.get() == EdifactCharset.UNOW ? replaceMalformedUtf8(payload) : payload;
        try (EDIStreamReader reader = control == null
                ? FACTORY.createEDIStreamReader(new ByteArrayInputStream(input), encoding)
                : FACTORY.createEDIStreamReader(new ByteArrayInputStream(input), encoding, control)) {
            run.drain(reader);
            if (run.messages > 0) {
                handler.end(problems);
            }
        } catch (EDIStreamException | RuntimeException e) {
            // StAEDI cannot go past a broken delimiter or envelope; report where it stopped
            Location where = e instanceof EDIStreamException ese ? ese.getLocation() : null;
            problems.syntax(new Violation(EDIFACT_SYNTAX, run.currentPath(), "The interchange cannot be parsed further: "
                    + cleanMessage(e), where == null ? run.line() : positive(where.getLineNumber()),
                    where == null ? null : positive(where.getColumnNumber())));
        } catch (IOException e) {
            problems.syntax(Violation.of(EDIFACT_SYNTAX, null, "The interchange cannot be read: " + e.getMessage()));
        }
        if (run.messages == 0 && run.unsupported == 0 && !problems.any()) {
            problems.syntax(Violation.of(EDIFACT_SEGMENT_MISSING, "UNH", "The interchange contains no message (UNH ... UNT)."));
        }
        return new Result(interchange, run.messages, problems);
    }

    /**
     * The character set the UNB names, or empty (with the reason in the problems) when the gateway does not read it:
     * StAEDI decodes whatever charset it is given and checks no repertoire, so the gateway checks both itself.
     */
    private static Optional<EdifactCharset> characterSet(byte[] payload, EdifactInterchange interchange, Problems problems) {
        Optional<EdifactCharset> charset = EdifactCharset.of(interchange.syntaxIdentifier());
        boolean version4 = interchange.syntaxVersion() != null && interchange.syntaxVersion().compareTo("4") >= 0;
        ErrorPosition unb = new ErrorPosition("UNB", 1, 1, 1, false, SyntaxErrorCodes.CHARACTER_SET_NOT_SUPPORTED);
        if (charset.isEmpty() || charset.get() == EdifactCharset.UNOW && !version4) {
            problems.syntax(new Violation(EDIFACT_CHARSET_UNSUPPORTED, "INTERCHANGE/UNB[1]/S001/0001", "Segment UNB, element S001/0001 "
                    + "(Syntax identifier) value '" + interchange.syntaxIdentifier() + "' with syntax version (S001/0002) '"
                    + interchange.syntaxVersion() + "' is not a character set the gateway reads: UNOA, UNOB, UNOC, or UNOW (UTF-8) "
                    + "with syntax version 4.", null, null), unb);
            return Optional.empty();
        }
        Optional<EdifactTokens.Delimiters> una = EdifactTokens.serviceStringAdvice(payload);
        if (version4 && una.isPresent() && una.get().repetition() == ' ') {
            problems.syntax(new Violation(EDIFACT_SYNTAX, "INTERCHANGE/UNA", "Segment UNA, position 5 (repetition separator) is a "
                    + "space; syntax version 4 needs one, usually '*' (UNA:+.?*'). A space would split every text at its blanks.",
                    null, null), new ErrorPosition("UNA", 0, null, null, false, SyntaxErrorCodes.INVALID_VALUE));
            return Optional.empty();
        }
        return charset;
    }

    /**
     * The payload with every malformed UTF-8 sequence replaced by U+FFFD, which the repertoire check then refuses with
     * its segment and element; StAEDI's decoder would stop at the first one with no place to name.
     */
    private static byte[] replaceMalformedUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload));
            return payload;
        } catch (CharacterCodingException e) {
            return new String(payload, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The state of one read: which message we are in and how its segments are counted. */
    private static final class Run {

        private final EdifactCharset charset;
        private final Set<String> acceptedTypes;
        private final List<String> agreed;
        private final int maxMessages;
        private final Handler handler;
        private final Problems problems;
        private final Segment segment = new Segment();
        private final Map<String, Integer> occurrences = new HashMap<>();
        private Schema schema;
        private String messageType = "INTERCHANGE";
        private boolean inMessage;
        private boolean accepted;
        private int position;
        private int messages;
        private int unsupported;
        private int line;

        Run(Set<String> acceptedTypes, int maxMessages, Handler handler, Problems problems, EdifactCharset charset,
                List<String> agreed) {
            this.charset = charset;
            this.acceptedTypes = acceptedTypes;
            this.agreed = agreed;
            this.maxMessages = maxMessages;
            this.handler = handler;
            this.problems = problems;
        }

        void drain(EDIStreamReader reader) throws EDIStreamException {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> startSegment(reader);
                    case ELEMENT_DATA -> {
                        Location at = reader.getLocation();
                        String text = reader.getText();
                        segment.value(at.getElementPosition(), at.getComponentPosition(), text);
                        repertoire(reader, at, text);
                    }
                    case END_SEGMENT -> endSegment(reader);
                    case END_TRANSACTION -> {
                        inMessage = false;
                        accepted = false;
                        schema = null;
                        messageType = "INTERCHANGE";
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> error(reader, event);
                    default -> {
                        // loops, groups and interchange boundaries carry no data of their own
                    }
                }
            }
        }

        private void startSegment(EDIStreamReader reader) {
            String tag = reader.getText();
            Location at = reader.getLocation();
            line = positive(at.getLineNumber()) == null ? line + 1 : at.getLineNumber();
            if ("UNH".equals(tag)) {
                inMessage = true;
                occurrences.clear();
                position = 0;
                messageType = "UNH";
            }
            if (inMessage) {
                position++;
            }
            int occurrence = occurrences.merge(tag, 1, Integer::sum);
            segment.start(tag, inMessage ? position : at.getSegmentPosition(), occurrence, line, messageType);
        }

        private void endSegment(EDIStreamReader reader) {
            String tag = segment.tag();
            if ("UNH".equals(tag)) {
                beginMessage(reader);
            }
            if ("UNB".equals(tag) || "UNZ".equals(tag) || accepted) {
                try {
                    handler.segment(segment, problems);
                } catch (RuntimeException e) {
                    // a translator must not turn odd but valid content into an exception
                    problems.unmappable(segment, null, "cannot be translated (" + cleanMessage(e) + ").");
                }
            }
        }

        private void beginMessage(EDIStreamReader reader) {
            String type = segment.value(2, 1);
            String version = segment.value(2, 2);
            String release = segment.value(2, 3);
            String agency = segment.value(2, 4);
            messageType = type == null ? "UNH" : type;
            segment.messageType(messageType);
            String named = version + ":" + release + ":" + agency;
            if (!acceptedTypes.contains(type) || EdifactDirectory.reading(type).isEmpty()) {
                unsupported++;
                problems.syntax(new Violation(EDIFACT_MESSAGE_UNSUPPORTED, messageType + "/UNH[1]/S009/0065",
                        "Message type '" + type + "' (UNH segment 1, S009/0065) is not translated here; supported: "
                                + String.join(", ", acceptedTypes) + ".", segment.line(), null));
                return;
            }
            Optional<EdifactDirectory> directory = EdifactDirectory.of(version, release, agency).filter(d -> d.knows(type));
            if (directory.isEmpty()) {
                unsupported++;
                problems.syntax(new Violation(EDIFACT_MESSAGE_UNSUPPORTED, messageType + "/UNH[1]/S009",
                        type + " of directory " + named + " (UNH S009/0052, 0054, 0051) is not supported; the gateway reads " + type
                                + " in directory " + EdifactDirectory.reading(type) + ".",
                        segment.line(), null));
                return;
            }
            if (agreed != null && !agreed.contains(directory.get().name())) {
                unsupported++;
                problems.syntax(new Violation(EDIFACT_DIRECTORY_NOT_AGREED, messageType + "/UNH[1]/S009",
                        type + " of directory " + named + " (UNH S009) is not agreed with the sender; its agreement's "
                                + "edifact.directories allows " + agreed + ".",
                        segment.line(), null));
                return;
            }
            messages++;
            if (messages > maxMessages) {
                problems.syntax(new Violation(EDIFACT_MESSAGE_UNSUPPORTED, messageType + "/UNH[1]",
                        "The interchange carries more than " + maxMessages + " " + type + " message(s); send one per interchange.",
                        segment.line(), null));
                return;
            }
            schema = directory.get().schema(type);
            reader.setTransactionSchema(schema);
            accepted = true;
        }

        private void error(EDIStreamReader reader, EDIStreamEvent event) {
            EDIStreamValidationError error = reader.getErrorType();
            Location at = reader.getLocation();
            String code = codeOf(error);
            if (code == null) {
                return;
            }
            String tag = event == EDIStreamEvent.SEGMENT_ERROR ? reader.getText() : at.getSegmentTag();
            if (tag == null) {
                tag = segment.tag();
            }
            if (!inMessage && error == EDIStreamValidationError.UNEXPECTED_SEGMENT && !isService(tag)) {
                // body segments of a message we do not translate were already reported as unsupported
                return;
            }
            String where;
            String what;
            // StAEDI reports a segment error when it reads the tag, before that segment starts: the segment in error (or,
            // for a missing one, the segment standing in its place) is the next one
            int upcoming = inMessage ? segment.position() + 1 : positive(at.getSegmentPosition()) == null ? 0 : at.getSegmentPosition();
            String missingTag = null;
            if (event == EDIStreamEvent.SEGMENT_ERROR) {
                boolean missing = code.equals(EDIFACT_SEGMENT_MISSING);
                String reference = reader.getReferenceCode();
                missingTag = missing && reference != null ? reference : tag;
                int occurrence = occurrences.getOrDefault(tag, 0) + 1;
                where = missing ? messageType + "/" + missingTag : messageType + "/" + tag + "[" + occurrence + "]";
                what = missing
                        ? "Mandatory segment " + missingTag + " is missing (noticed at segment " + segment.position() + " " + segment.tag()
                                + ")."
                        : "Segment " + upcoming + " " + tag + " " + describe(error) + ".";
            } else {
                int element = at.getElementPosition();
                int component = at.getComponentPosition();
                Schema types = schemaFor(reader, tag);
                String name = EdifactDirectory.elementPath(types, tag, element, component).orElse(String.valueOf(element));
                String title = EdifactDirectory.elementTitle(types, tag, element, component);
                where = messageType + "/" + tag + "[" + occurrenceOf(tag) + "]/" + name;
                String value = reader.hasText() ? reader.getText() : null;
                what = "Segment " + segment.position() + " " + tag + ", element " + name + (title == null ? "" : " (" + title + ")")
                        + (value == null || value.isEmpty() ? "" : " value '" + value + "'") + ": " + describe(error) + ".";
            }
            Integer column = positive(at.getColumnNumber());
            boolean segmentError = event == EDIStreamEvent.SEGMENT_ERROR;
            ErrorPosition position = new ErrorPosition(segmentError ? missingTag : tag, segmentError ? upcoming : segment.position(),
                    segmentError ? null : positive(at.getElementPosition()),
                    segmentError ? null : positive(at.getComponentPosition()), inMessage, SyntaxErrorCodes.of(error, code));
            problems.syntax(new Violation(code, where, what, positive(at.getLineNumber()) == null ? segment.line() : at.getLineNumber(),
                    column), position);
        }

        /** A value with a character outside the syntax identifier's repertoire: StAEDI only refuses control characters. */
        private void repertoire(EDIStreamReader reader, Location at, String text) {
            int bad = charset.firstOutside(text);
            if (bad < 0) {
                return;
            }
            String tag = segment.tag();
            int element = at.getElementPosition();
            int component = at.getComponentPosition();
            Schema types = schemaFor(reader, tag);
            String name = EdifactDirectory.elementPath(types, tag, element, component).orElse(String.valueOf(element));
            String title = EdifactDirectory.elementTitle(types, tag, element, component);
            int c = text.codePointAt(bad);
            String character = c == 0xFFFD ? "a byte that is not valid " + charset.charset().name()
                    : "character '" + (Character.isISOControl(c) ? "" : Character.toString(c)) + "' (U+"
                            + String.format(Locale.ROOT, "%04X", c) + ")";
            problems.syntax(new Violation(EDIFACT_CHARACTER_INVALID, messageType + "/" + tag + "[" + occurrenceOf(tag) + "]/" + name,
                    "Segment " + segment.position() + " " + tag + ", element " + name + (title == null ? "" : " (" + title + ")") + ": "
                            + character + " at position " + (text.codePointCount(0, bad) + 1)
                            + " of the value is outside the " + charset.name() + " character set (" + charset.repertoire() + ").",
                    positive(at.getLineNumber()) == null ? segment.line() : at.getLineNumber(), positive(at.getColumnNumber())),
                    new ErrorPosition(tag, segment.position(), positive(element), positive(component), inMessage,
                            SyntaxErrorCodes.INVALID_CHARACTER));
        }

        private Schema schemaFor(EDIStreamReader reader, String tag) {
            return isService(tag) ? reader.getControlSchema() : schema;
        }

        private int occurrenceOf(String tag) {
            Integer n = occurrences.get(tag);
            return n == null ? 1 : n;
        }

        String currentPath() {
            return segment.tag() == null ? null : segment.path(null);
        }

        Integer line() {
            return line > 0 ? line : null;
        }
    }

    private static boolean isService(String tag) {
        return tag != null && tag.length() == 3 && tag.startsWith("UN");
    }

    /** Which stable code a StAEDI validation error is reported under. */
    static String codeOf(EDIStreamValidationError error) {
        if (error == null) {
            return EDIFACT_SYNTAX;
        }
        return switch (error) {
            case NONE -> null;
            case UNRECOGNIZED_SEGMENT_ID, UNEXPECTED_SEGMENT, SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET, SEGMENT_NOT_IN_PROPER_SEQUENCE,
                 SEGMENT_EXCEEDS_MAXIMUM_USE, LOOP_OCCURS_OVER_MAXIMUM_TIMES, IMPLEMENTATION_UNUSED_SEGMENT_PRESENT,
                 IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT, SEGMENT_EXCLUSION_CONDITION_VIOLATED -> EDIFACT_SEGMENT_UNEXPECTED;
            case MANDATORY_SEGMENT_MISSING, IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING, IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES,
                 IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE, CONDITIONAL_REQUIRED_SEGMENT_MISSING -> EDIFACT_SEGMENT_MISSING;
            case REQUIRED_DATA_ELEMENT_MISSING, CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING,
                 IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING, IMPLEMENTATION_TOO_FEW_REPETITIONS -> EDIFACT_ELEMENT_MISSING;
            case DATA_ELEMENT_TOO_LONG -> EDIFACT_ELEMENT_TOO_LONG;
            case CONTROL_REFERENCE_MISMATCH, CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> EDIFACT_CONTROL_COUNT;
            case SEGMENT_HAS_DATA_ELEMENT_ERRORS -> null; // its element errors are reported one by one
            default -> EDIFACT_ELEMENT_INVALID;
        };
    }

    /** The rule broken, in words. */
    static String describe(EDIStreamValidationError error) {
        return switch (error) {
            case UNRECOGNIZED_SEGMENT_ID -> "is not a segment of the directory the gateway reads";
            case UNEXPECTED_SEGMENT, SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "is not allowed in this message or at this place";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "is out of sequence";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "is repeated more often than the segment table allows";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "starts a segment group repeated more often than the segment table allows";
            case REQUIRED_DATA_ELEMENT_MISSING -> "is mandatory but empty";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> "is required by a syntax rule but empty";
            case TOO_MANY_DATA_ELEMENTS -> "is beyond the last data element the segment defines";
            case TOO_MANY_COMPONENTS -> "is beyond the last component the composite defines";
            case TOO_MANY_REPETITIONS -> "repeats more often than allowed";
            case DATA_ELEMENT_TOO_LONG -> "is longer than its representation in the directory allows";
            case DATA_ELEMENT_TOO_SHORT -> "is shorter than its representation in the directory requires";
            case INVALID_CHARACTER_DATA ->
                    "has characters its representation or character set does not allow (e.g. letters in a numeric element)";
            case INVALID_CODE_VALUE, IMPLEMENTATION_INVALID_CODE_VALUE -> "is not a value of the element's code list";
            case INVALID_DATE -> "is not a valid date";
            case INVALID_TIME -> "is not a valid time";
            case CONTROL_REFERENCE_MISMATCH -> "does not match the control reference of its header (UNH 0062 / UNB 0020)";
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT ->
                    "does not match the actual count (UNT: segments in the message including UNH and UNT; UNZ: messages in the "
                            + "interchange)";
            case EXCLUSION_CONDITION_VIOLATED -> "breaks an exclusion rule between elements";
            default -> "breaks the directory's schema (" + error.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    private static Integer positive(int value) {
        return value > 0 ? value : null;
    }

    private static String cleanMessage(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
