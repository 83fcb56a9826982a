package org.casw.routes.transform.edifact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.casw.routes.partner.EdifactAgreement;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import io.xlate.edi.stream.EDIValidationException;

/**
 * Writes one UN/EDIFACT interchange with one D.96B message through StAEDI: UNA, UNB, UNH, the
 * message's segments (validated against its schema as they are written, UNB and UNZ against the
 * syntax's service segments), UNT with the real segment count, UNZ. Syntax UNOC:3 (ISO 8859-1), one
 * segment per line. UNB names the parties ({@link Parties}), the preparation time in China time, and a
 * control reference the recipient has never had from the gateway ({@link ControlReferences}).
 */
final class EdifactOut {

    /** The service string advice: the default delimiters, written out so that no reader has to assume them. */
    static final String UNA = "UNA:+.? '";

    /** The time zone of UNB's preparation date and time: the gateway's, China's. */
    static final ZoneOffset PREPARED_IN = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter UNB_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter UNB_TIME = DateTimeFormatter.ofPattern("HHmm");

    private static final EDIOutputFactory FACTORY = EDIOutputFactory.newFactory();

    static {
        FACTORY.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        FACTORY.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private final EDIStreamWriter writer;
    private final List<String> errors = new ArrayList<>();
    private final String controlReference;
    private final String messageReference;
    private int segments;

    /**
     * UNB S002 and S003: the interchange's sender and recipient, each an id (0004 / 0010, an..35) with its code
     * qualifier (0007, an..4; null: none).
     */
    record Parties(String sender, String senderQualifier, String recipient, String recipientQualifier) {

        /** The gateway writing to a receiver: both ids as the receiver's agreement names them. */
        static Parties towards(EdifactAgreement receiver) {
            return new Parties(receiver.ourInterchangeId(), receiver.ourIdQualifier(), receiver.interchangeId(),
                    receiver.idQualifier());
        }

        /** Parties no agreement names (the command-line translator): ids as mutually defined (ZZZ). */
        static Parties between(String sender, String recipient) {
            return new Parties(sender, EdifactAgreement.MUTUALLY_DEFINED, recipient, EdifactAgreement.MUTUALLY_DEFINED);
        }
    }

    /** Opens an interchange prepared now by the clock, with the recipient's next control reference. */
    static EdifactOut open(Parties parties, Clock clock, ControlReferences references, String messageType, String associationCode,
            String messageReference) {
        return open(parties, OffsetDateTime.now(clock), references, messageType, associationCode, messageReference);
    }

    /**
     * Opens an interchange prepared at a time, with the recipient's next control reference.
     *
     * @param associationCode  UNH S009/0057 or null
     * @param messageReference UNH/UNT 0062 (an..14), or null for 1
     */
    static EdifactOut open(Parties parties, OffsetDateTime prepared, ControlReferences references, String messageType,
            String associationCode, String messageReference) {
        return new EdifactOut(parties, prepared.withOffsetSameInstant(PREPARED_IN), references.next(parties.recipient()), messageType,
                associationCode, messageReference == null ? "1" : messageReference);
    }

    private EdifactOut(Parties parties, OffsetDateTime prepared, String controlReference, String messageType, String associationCode,
            String messageReference) {
        this.controlReference = controlReference;
        this.messageReference = messageReference;
        out.writeBytes((UNA + "\n").getBytes(StandardCharsets.ISO_8859_1));
        try {
            writer = FACTORY.createEDIStreamWriter(out, StandardCharsets.ISO_8859_1.name());
            writer.setControlSchema(EdifactDirectory.controlSchema());
            writer.startInterchange();
            segment("UNB", c("UNOC", "3"), c(parties.sender(), parties.senderQualifier()),
                    c(parties.recipient(), parties.recipientQualifier()), c(prepared.format(UNB_DATE), prepared.format(UNB_TIME)),
                    controlReference);
            segments = 0;
            EdifactDirectory written = EdifactDirectory.D96B;
            segment("UNH", messageReference, c(messageType, written.version(), written.release(), written.agency(), associationCode));
            // the message schema applies from the segment after UNH (set earlier, StAEDI misplaces composite components)
            Schema schema = written.schema(messageType);
            writer.setTransactionSchema(schema);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("The EDIFACT writer cannot start", e);
        }
    }

    /**
     * Writes a segment. Each element is null (empty), a String (simple element) or a {@link Composite}
     * (null components are empty).
     */
    EdifactOut segment(String tag, Object... elements) {
        if (!errors.isEmpty()) {
            return this; // after a refused segment the writer's position is undefined: nothing more is written
        }
        try {
            writer.writeStartSegment(tag);
            for (Object element : elements) {
                if (element == null) {
                    writer.writeEmptyElement();
                } else if (element instanceof Composite composite) {
                    writer.writeStartElement();
                    for (String component : composite.parts()) {
                        if (component == null || component.isEmpty()) {
                            writer.writeEmptyComponent();
                        } else {
                            writer.writeComponent(component);
                        }
                    }
                    writer.endElement();
                } else {
                    writer.writeElement(element.toString());
                }
            }
            writer.writeEndSegment();
            segments++;
        } catch (EDIStreamException | EDIValidationException e) {
            // a value the directory refuses (StAEDI throws its validation errors unchecked) is reported, never written
            errors.add(tag + ": " + e.getMessage());
        }
        return this;
    }

    /** Closes the message and the interchange; the bytes, or null when the writer refused a segment. */
    byte[] finish() {
        segment("UNT", String.valueOf(segments + 1), messageReference);
        segment("UNZ", "1", controlReference);
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException | EDIValidationException e) {
            errors.add("UNZ: " + e.getMessage());
        }
        return errors.isEmpty() ? out.toByteArray() : null;
    }

    /** The components of a composite element, e.g. {@code c("137", "20261120083000", "204")} for C507; null: left empty. */
    record Composite(List<String> parts) {
    }

    static Composite c(String... parts) {
        return new Composite(Arrays.asList(parts));
    }

    static Composite c(List<String> parts) {
        return new Composite(parts);
    }

    /** What StAEDI refused while writing (a value the mapping should have caught). */
    List<String> errors() {
        return errors;
    }

    /** A reference (an..14) derived from an id: the first 7 bytes of its SHA-256, in hex; the same id, the same reference. */
    static String derivedReference(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
