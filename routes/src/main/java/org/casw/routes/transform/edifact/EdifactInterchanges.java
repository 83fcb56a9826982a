package org.casw.routes.transform.edifact;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.casw.routes.transform.edifact.EdifactTokens.Delimiters;
import org.casw.routes.transform.edifact.EdifactTokens.Span;
import org.casw.routes.transform.edifact.EdifactTokens.Tokens;
import org.casw.routes.validation.Violation;

import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_CONTROL_COUNT;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_MISSING;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SEGMENT_UNEXPECTED;
import static org.casw.routes.transform.edifact.EdifactViolationCodes.EDIFACT_SYNTAX;

/**
 * Takes an interchange apart into its messages (UNH ... UNT), each wrapped in the original UNA, UNB and UNG and a
 * fresh UNE/UNZ counting one, so that every message is translated, tracked and refused on its own. Checks the
 * envelope while doing so: the UNZ and UNE counts and control references, and that every UNH, UNG and UNB is
 * closed. It does not look inside messages; the message reader validates each part against its directory.
 */
public final class EdifactInterchanges {

    private EdifactInterchanges() {
    }

    /** Empty when the payload is not an EDIFACT interchange (no UNA/UNB start). Never throws. */
    public static Optional<InterchangeSplit> split(byte[] payload) {
        return EdifactTokens.read(payload).map(tokens -> new Splitter(payload, tokens).split());
    }

    /** One pass over the segments, keeping the open group and message. */
    private static final class Splitter {

        private final byte[] payload;
        private final Tokens tokens;
        private final Span unb;
        private final List<MessagePart> parts = new ArrayList<>();
        private final List<Violation> violations = new ArrayList<>();
        private Span ung;
        private Span unh;
        private int groups;
        private int messages;
        private int messagesInGroup;
        private int messagesOutsideGroups;

        Splitter(byte[] payload, Tokens tokens) {
            this.payload = payload;
            this.tokens = tokens;
            this.unb = tokens.segments().get(0);
        }

        InterchangeSplit split() {
            Span unz = null;
            List<Span> segments = tokens.segments();
            for (int i = 1; i < segments.size() && unz == null; i++) {
                Span s = segments.get(i);
                switch (s.tag()) {
                    case "UNH" -> startMessage(s);
                    case "UNT" -> endMessage(s);
                    case "UNG" -> startGroup(s);
                    case "UNE" -> endGroup(s);
                    case "UNZ" -> unz = s;
                    default -> {
                        if (unh == null) {
                            violations.add(new Violation(EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/" + tagOrBlank(s),
                                    "Segment " + tagOrBlank(s) + " at line " + s.line()
                                            + " stands outside any message: only UNG, UNE, UNH and UNZ may follow a UNT.",
                                    s.line(), null));
                        }
                    }
                }
            }
            endInterchange(unz);
            return new InterchangeSplit(envelope(), parts, violations);
        }

        private void startMessage(Span s) {
            unclosedMessage(s);
            messages++;
            if (ung != null) {
                messagesInGroup++;
            } else {
                messagesOutsideGroups++;
            }
            unh = s;
        }

        private void endMessage(Span unt) {
            if (unh == null) {
                violations.add(new Violation(EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/UNT", "Segment UNT at line " + unt.line()
                        + " closes no message: there is no UNH before it.", unt.line(), null));
                return;
            }
            parts.add(part(unh, unt));
            unh = null;
        }

        private void startGroup(Span s) {
            unclosedMessage(s);
            unclosedGroup(s);
            groups++;
            messagesInGroup = 0;
            ung = s;
        }

        private void endGroup(Span une) {
            unclosedMessage(une);
            if (ung == null) {
                violations.add(new Violation(EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/UNE", "Segment UNE at line " + une.line()
                        + " closes no group: there is no UNG before it.", une.line(), null));
                return;
            }
            checkCount(une, "UNE", "0060", messagesInGroup, "messages in its group");
            checkReference(une, "UNE", "0048", ung.value(5, 1), "UNG", "group reference");
            ung = null;
        }

        private void endInterchange(Span unz) {
            Span last = tokens.segments().get(tokens.segments().size() - 1);
            Span at = unz == null ? last : unz;
            if (!last.terminated()) {
                violations.add(new Violation(EDIFACT_SYNTAX, "INTERCHANGE/" + tagOrBlank(last), "Segment " + tagOrBlank(last)
                        + " at line " + last.line() + " has no segment terminator: the interchange is cut off.", last.line(), null));
            }
            unclosedMessage(at);
            unclosedGroup(at);
            if (groups > 0 && messagesOutsideGroups > 0) {
                violations.add(new Violation(EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/UNH", messagesOutsideGroups
                        + " message(s) stand outside groups in an interchange that uses groups (UNG): either every message is in a "
                        + "group or none is.", null, null));
            }
            if (unz == null) {
                violations.add(new Violation(EDIFACT_SEGMENT_MISSING, "INTERCHANGE/UNZ", "The interchange has no UNZ (interchange "
                        + "trailer) after its last segment at line " + at.line() + ": it may have been cut off.", at.line(), null));
                return;
            }
            if (groups > 0) {
                checkCount(unz, "UNZ", "0036", groups, "groups (UNG) in the interchange");
            } else {
                checkCount(unz, "UNZ", "0036", messages, "messages in the interchange");
            }
            checkReference(unz, "UNZ", "0020", unb.value(5, 1), "UNB", "interchange control reference");
            if (!EdifactTokens.blank(payload, unz.next())) {
                violations.add(new Violation(EDIFACT_SEGMENT_UNEXPECTED, "INTERCHANGE/UNZ", "Content follows the UNZ at line "
                        + unz.line() + ": send one interchange per payload.", unz.line(), null));
            }
        }

        /** A UNT that never came: the message is not cut out, and the interchange is refused as a whole. */
        private void unclosedMessage(Span next) {
            if (unh == null) {
                return;
            }
            String type = Objects.requireNonNullElse(unh.value(2, 1), "UNH");
            violations.add(new Violation(EDIFACT_SEGMENT_MISSING, type + "/UNT", "Message " + messages + " ("
                    + type + ", UNH 0062 '" + Objects.requireNonNullElse(unh.value(1, 1), "") + "' at line " + unh.line()
                    + ") has no UNT (message trailer): segment " + tagOrBlank(next) + " at line " + next.line() + " comes first.",
                    unh.line(), null));
            unh = null;
        }

        private void unclosedGroup(Span next) {
            if (ung == null) {
                return;
            }
            violations.add(new Violation(EDIFACT_SEGMENT_MISSING, "INTERCHANGE/UNE", "The group UNG 0048 '"
                    + Objects.requireNonNullElse(ung.value(5, 1), "") + "' at line " + ung.line()
                    + " has no UNE (group trailer): segment " + tagOrBlank(next) + " at line " + next.line() + " comes first.",
                    ung.line(), null));
            ung = null;
        }

        private void checkCount(Span trailer, String tag, String element, int actual, String what) {
            String value = trailer.value(1, 1);
            if (!String.valueOf(actual).equals(value == null ? null : value.replaceFirst("^0+(?=\\d)", ""))) {
                violations.add(new Violation(EDIFACT_CONTROL_COUNT, "INTERCHANGE/" + tag + "/" + element, "Segment " + tag + " at line "
                        + trailer.line() + ", element " + element + " (control count) value '" + Objects.requireNonNullElse(value, "")
                        + "' does not match the actual count: " + actual + " " + what + ".", trailer.line(), null));
            }
        }

        private void checkReference(Span trailer, String tag, String element, String expected, String header, String what) {
            String value = trailer.value(2, 1);
            if (!Objects.equals(value, expected)) {
                violations.add(new Violation(EDIFACT_CONTROL_COUNT, "INTERCHANGE/" + tag + "/" + element, "Segment " + tag + " at line "
                        + trailer.line() + ", element " + element + " value '" + Objects.requireNonNullElse(value, "")
                        + "' does not match the " + what + " '" + Objects.requireNonNullElse(expected, "") + "' of its " + header + ".",
                        trailer.line(), null));
            }
        }

        /** The message as an interchange of its own: original header bytes, the message, and trailers counting one. */
        private MessagePart part(Span first, Span unt) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(unt.next() - first.start() + 256);
            int headerStart = tokens.unaStart() >= 0 ? tokens.unaStart() : unb.start();
            out.write(payload, headerStart, unb.next() - headerStart);
            if (ung != null) {
                out.write(payload, ung.start(), ung.next() - ung.start());
            }
            out.write(payload, first.start(), unt.next() - first.start());
            byte[] lineBreak = Arrays.copyOfRange(payload, unt.end(), unt.next());
            if (ung != null) {
                trailer(out, "UNE", ung.value(5, 1), lineBreak);
            }
            trailer(out, "UNZ", unb.value(5, 1), lineBreak);
            String version = first.value(2, 2);
            String release = first.value(2, 3);
            return new MessagePart(parts.size() + 1, first.value(1, 1), first.value(2, 1),
                    version == null || release == null ? null : version + release, out.toByteArray(), first.line());
        }

        private void trailer(ByteArrayOutputStream out, String tag, String reference, byte[] lineBreak) {
            Delimiters d = tokens.delimiters();
            out.writeBytes(tag.getBytes(tokens.charset()));
            out.write(d.element());
            out.write('1');
            out.write(d.element());
            out.writeBytes(EdifactTokens.escape(Objects.requireNonNullElse(reference, ""), d, tokens.charset()));
            out.write(d.segment());
            out.writeBytes(lineBreak);
        }

        private Envelope envelope() {
            return new Envelope(unb.value(1, 1), unb.value(1, 2), unb.value(2, 1), unb.value(2, 2), unb.value(3, 1), unb.value(3, 2),
                    unb.value(4, 1), unb.value(4, 2), unb.value(5, 1), unb.value(9, 1), unb.value(11, 1), groups > 0);
        }

        private static String tagOrBlank(Span s) {
            return s.tag().isEmpty() ? "(no tag)" : s.tag();
        }
    }
}
