package org.casw.routes.transform.edifact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Writes one UN/EDIFACT interchange with one D.96B message through StAEDI: UNA, UNB, UNH, the
 * message's segments (validated against its schema as they are written), UNT with the real segment
 * count, UNZ. Syntax UNOC:3 (ISO 8859-1), one segment per line. Control references are derived from
 * the native message id, so the same document always gives the same bytes (golden files, resends).
 */
final class EdifactOut {

    /** The service string advice: the default delimiters, written out so that no reader has to assume them. */
    static final String UNA = "UNA:+.? '";

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
     * @param date6           UNB date YYMMDD
     * @param time4           UNB time HHMM
     * @param associationCode UNH S009/0057 or null
     */
    EdifactOut(String sender, String recipient, String date6, String time4, String seed, String messageType, String associationCode) {
        this(sender, recipient, date6, time4, seed, messageType, associationCode, "1");
    }

    /** As above, with the message reference (UNH/UNT 0062, an..14) given instead of 1. */
    EdifactOut(String sender, String recipient, String date6, String time4, String seed, String messageType, String associationCode,
            String messageReference) {
        this.controlReference = controlReference(seed);
        this.messageReference = messageReference;
        out.writeBytes((UNA + "\n").getBytes(StandardCharsets.ISO_8859_1));
        try {
            writer = FACTORY.createEDIStreamWriter(out, StandardCharsets.ISO_8859_1.name());
            writer.setControlSchema(EdifactDirectory.controlSchema());
            writer.startInterchange();
            segment("UNB", c("UNOC", "3"), c(sender), c(recipient),
                    c(date6, time4), controlReference);
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
        } catch (EDIStreamException e) {
            errors.add(tag + ": " + e.getMessage());
        }
        return this;
    }

    /** Closes the message and the interchange; the bytes, or null when the writer refused a segment. */
    byte[] finish() {
        segment("UNT", String.valueOf(segments + 1), messageReference);
        segment("UNZ", "1", controlReference);
        try {
            writer.endInterchange();
            writer.close();
        } catch (EDIStreamException e) {
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

    /** UNB 0020 (an..14): the first 7 bytes of SHA-256 of the native message id, in hex. */
    static String controlReference(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
