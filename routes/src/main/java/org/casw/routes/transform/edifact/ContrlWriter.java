package org.casw.routes.transform.edifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.interchange.Action;
import org.casw.schemas.interchange.Interchange;
import org.casw.schemas.interchange.InterchangeReport;
import org.casw.schemas.interchange.Message;
import org.casw.schemas.interchange.ReportedError;
import org.casw.schemas.interchange.ReportedErrors;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamWriter;

/**
 * Writes the gateway's interchange report as a UN/EDIFACT CONTRL syntax and service report ({@code CONTRL:D:3:UN},
 * syntax UNOC:3), for partners that speak EDIFACT:
 *
 * <pre>
 * UNB   the gateway (the agreement's ourInterchangeId, else the report's original recipient) to the partner (its
 *       interchangeId, else the original sender); control reference from {@link ControlReferences}
 * UCI   the original interchange's 0020, S002 and S003; 0083 7 (acknowledged) or 4 (rejected); the first envelope
 *       error's 0085, service segment tag and S011 element position
 * UCM   per message (when the interchange is accepted): 0062, S009, 0083 7 or 4, and the first error of its UNH or
 *       UNT, or one without a segment position (agreement, business rules)
 * UCS   per segment in error: its position counting UNH as 1 (0096), and the segment's own error (0085)
 * UCD   per data element in error: 0085 and S011 (element position 0098, component position 0104)
 * </pre>
 *
 * The CONTRL is validated against its schema (generated at build time from ISO 9735's service segments, see
 * routes/src/build/java/org/casw/build/ContrlSchemaGenerator.java) as it is written and read back before it is returned.
 */
public class ContrlWriter implements OutboundTranslator {

    static final String SCHEMA = "edifact/directory/service/contrl.xml";
    static final String ACKNOWLEDGED = "7";
    static final String REJECTED = "4";
    /** CONTRL's limits: 999 segments in error per message, 99 data elements per segment. */
    private static final int MAX_UCS = 999;
    private static final int MAX_UCD = 99;
    private static final Set<String> MESSAGE_SERVICE_SEGMENTS = Set.of("UNH", "UNT");
    private static final EDIOutputFactory OUTPUT = EDIOutputFactory.newFactory();
    private static final EDIInputFactory INPUT = EDIInputFactory.newFactory();

    static {
        OUTPUT.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        OUTPUT.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
    }

    private final ControlReferences references;

    public ContrlWriter(ControlReferences references) {
        this.references = references;
    }

    /** The CONTRL message schema, loaded once. */
    static Schema schema() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final Schema SCHEMA = EdifactDirectory.load(ContrlWriter.SCHEMA);
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.INTERCHANGE_REPORT;
    }

    /** Addressed back the way the interchange came: from its recipient to its sender. */
    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        return fromNative(type, nativeXml, null);
    }

    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml, PartnerProfile receiver) {
        if (!translates(type)) {
            return refused(type, null, type + " is not written as CONTRL; INTERCHANGE_REPORT is.");
        }
        InterchangeReport report;
        try {
            report = NativeXml.read(nativeXml) instanceof InterchangeReport r ? r : null;
        } catch (Exception e) {
            return refused(type, "/", "The interchange report cannot be read: " + e.getMessage());
        }
        if (report == null) {
            return refused(type, "/", "The document is not an InterchangeReport.");
        }
        Interchange original = report.getInterchange();
        if (original.getSender() == null || original.getRecipient() == null || original.getControlReference() == null) {
            return refused(type, "/InterchangeReport/Interchange", "The interchange's UNB named no sender, recipient or control "
                    + "reference: a CONTRL can neither be addressed nor refer to it.");
        }
        EdifactAgreement agreement = receiver == null ? null : receiver.edifact();
        String[] from = agreement == null ? new String[] {original.getRecipient().getId(), original.getRecipient().getQualifier()}
                : new String[] {agreement.ourInterchangeId(), agreement.ourIdQualifier()};
        String[] to = agreement == null ? new String[] {original.getSender().getId(), original.getSender().getQualifier()}
                : new String[] {agreement.interchangeId(), agreement.idQualifier()};
        String controlReference = references.next(to[0]);
        List<String> problems = new ArrayList<>();
        byte[] contrl = write(report, from, to, controlReference, problems);
        if (contrl != null) {
            problems.addAll(validate(contrl));
        }
        if (!problems.isEmpty()) {
            return Translation.refused(type, problems.stream().map(p -> Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE,
                    "/InterchangeReport", "The CONTRL breaks its schema: " + p)).toList());
        }
        return Translation.of(contrl, type, "application/EDIFACT");
    }

    private static Translation refused(DocumentType type, String path, String message) {
        return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED, path, message)));
    }

    private static byte[] write(InterchangeReport report, String[] from, String[] to, String controlReference, List<String> problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes((EdifactOut.UNA + "\n").getBytes(StandardCharsets.ISO_8859_1));
        Segments segments = new Segments(out, problems);
        String issued = report.getIssuedAt().toXMLFormat(); // 2026-11-20T08:31:05+08:00: prepared in the report's own offset
        String date6 = issued.substring(2, 4) + issued.substring(5, 7) + issued.substring(8, 10);
        String time4 = issued.substring(11, 13) + issued.substring(14, 16);
        segments.write("UNB", List.of("UNOC", "3"), List.of(from[0], nonNull(from[1])), List.of(to[0], nonNull(to[1])),
                List.of(date6, time4), controlReference);
        segments.write("UNH", "1", List.of("CONTRL", "D", "3", "UN"));
        segments.transaction(schema());
        int count = 1;
        Interchange original = report.getInterchange();
        boolean accepted = report.getAction() == Action.ACCEPTED;
        ReportedError first = firstOf(report.getErrors());
        List<Object> uci = new ArrayList<>(List.of(original.getControlReference(),
                List.of(original.getSender().getId(), nonNull(original.getSender().getQualifier())),
                List.of(original.getRecipient().getId(), nonNull(original.getRecipient().getQualifier())),
                accepted ? ACKNOWLEDGED : REJECTED));
        appendError(uci, accepted ? null : first);
        segments.write("UCI", uci.toArray());
        count++;
        if (accepted) {
            for (Message message : report.getMessage()) {
                count += message(segments, message);
            }
        }
        segments.write("UNT", String.valueOf(count + 1), "1");
        segments.write("UNZ", "1", controlReference);
        return segments.finish();
    }

    /** UCM and its UCS/UCD groups; the number of segments written. */
    private static int message(Segments segments, Message message) {
        boolean accepted = message.getAction() == Action.ACCEPTED;
        List<ReportedError> errors = message.getErrors() == null ? List.of() : message.getErrors().getError();
        ReportedError atMessage = null;
        Map<Integer, List<ReportedError>> bySegment = new LinkedHashMap<>();
        for (ReportedError e : errors) {
            boolean inBody = e.getSegmentPosition() != null && !MESSAGE_SERVICE_SEGMENTS.contains(e.getSegmentTag());
            if (inBody) {
                bySegment.computeIfAbsent(e.getSegmentPosition().intValue(), p -> new ArrayList<>()).add(e);
            } else if (atMessage == null) {
                atMessage = e;
            }
        }
        List<Object> ucm = new ArrayList<>();
        ucm.add(message.getReference());
        ucm.add(message.getType() == null ? null
                : List.of(message.getType(), nonNull(message.getVersion()), nonNull(message.getRelease()), nonNull(message.getAgency())));
        ucm.add(accepted ? ACKNOWLEDGED : REJECTED);
        appendError(ucm, accepted ? null : atMessage);
        segments.write("UCM", ucm.toArray());
        int written = 1;
        int groups = 0;
        for (Map.Entry<Integer, List<ReportedError>> segment : new TreeMap<>(bySegment).entrySet()) {
            if (++groups > MAX_UCS) {
                break;
            }
            String segmentError = segment.getValue().stream().filter(e -> e.getElementPosition() == null).map(ReportedError::getSyntaxError)
                    .findFirst().orElse(null);
            segments.write("UCS", String.valueOf(segment.getKey()), segmentError);
            written++;
            int elements = 0;
            for (ReportedError e : segment.getValue()) {
                if (e.getElementPosition() != null && ++elements <= MAX_UCD) {
                    segments.write("UCD", e.getSyntaxError(), s011(e));
                    written++;
                }
            }
        }
        return written;
    }

    /** 0085, the service segment tag (0013) and S011 of an error, where it has them. */
    private static void appendError(List<Object> segment, ReportedError error) {
        if (error == null) {
            return;
        }
        segment.add(error.getSyntaxError());
        String tag = error.getSegmentTag();
        boolean service = tag != null && tag.startsWith("UN");
        segment.add(service ? tag : null);
        segment.add(service && error.getElementPosition() != null ? s011(error) : null);
    }

    private static List<String> s011(ReportedError e) {
        return e.getComponentPosition() == null ? List.of(e.getElementPosition().toString())
                : List.of(e.getElementPosition().toString(), e.getComponentPosition().toString());
    }

    private static ReportedError firstOf(ReportedErrors errors) {
        return errors == null || errors.getError().isEmpty() ? null : errors.getError().get(0);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** What StAEDI finds wrong when the CONTRL is read back against the control and CONTRL schemas; empty when valid. */
    static List<String> validate(byte[] contrl) {
        List<String> errors = new ArrayList<>();
        try (EDIStreamReader reader = INPUT.createEDIStreamReader(new ByteArrayInputStream(contrl), StandardCharsets.ISO_8859_1.name(),
                EdifactDirectory.controlSchema())) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                if (event == EDIStreamEvent.START_TRANSACTION) {
                    reader.setTransactionSchema(schema());
                } else if (event == EDIStreamEvent.SEGMENT_ERROR || event == EDIStreamEvent.ELEMENT_DATA_ERROR
                        || event == EDIStreamEvent.ELEMENT_OCCURRENCE_ERROR) {
                    errors.add(reader.getLocation().getSegmentTag() + " " + reader.getLocation().getElementPosition() + ": "
                            + reader.getErrorType());
                }
            }
        } catch (EDIStreamException | IOException | RuntimeException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    /** A StAEDI writer over the output, collecting what it refuses. */
    private static final class Segments {

        private final ByteArrayOutputStream out;
        private final List<String> problems;
        private final EDIStreamWriter writer;

        Segments(ByteArrayOutputStream out, List<String> problems) {
            this.out = out;
            this.problems = problems;
            try {
                this.writer = OUTPUT.createEDIStreamWriter(out, StandardCharsets.ISO_8859_1.name());
                writer.setControlSchema(EdifactDirectory.controlSchema());
                writer.startInterchange();
            } catch (EDIStreamException e) {
                throw new IllegalStateException("The EDIFACT writer cannot start", e);
            }
        }

        void transaction(Schema schema) {
            writer.setTransactionSchema(schema);
        }

        /** Elements: null (empty), a String, or a List of components (empty strings: empty components). */
        void write(String tag, Object... elements) {
            try {
                writer.writeStartSegment(tag);
                int last = elements.length;
                while (last > 0 && elements[last - 1] == null) {
                    last--;
                }
                for (Object element : Arrays.copyOf(elements, last)) {
                    if (element == null) {
                        writer.writeEmptyElement();
                    } else if (element instanceof List<?> components) {
                        writer.writeStartElement();
                        for (Object component : components) {
                            if (component == null || component.toString().isEmpty()) {
                                writer.writeEmptyComponent();
                            } else {
                                writer.writeComponent(component.toString());
                            }
                        }
                        writer.endElement();
                    } else {
                        writer.writeElement(element.toString());
                    }
                }
                writer.writeEndSegment();
            } catch (EDIStreamException e) {
                problems.add(tag + ": " + e.getMessage());
            }
        }

        byte[] finish() {
            try {
                writer.endInterchange();
                writer.close();
            } catch (EDIStreamException e) {
                problems.add("UNZ: " + e.getMessage());
            }
            return problems.isEmpty() ? out.toByteArray() : null;
        }
    }
}
