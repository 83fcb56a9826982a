package org.casw.routes.transform.edifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.daffodil.japi.Diagnostic;
import org.apache.daffodil.japi.ValidationMode;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.Translation;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;
import org.casw.schemas.event.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.cartridges.dfdl.parser.DfdlParser;
import org.smooks.cartridges.edifact.EdifactReaderConfigurator;
import org.smooks.io.sink.StringSink;
import org.smooks.io.source.ByteSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.casw.routes.transform.edifact.EdifactTestSupport.EDIFACT_SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.GOLDEN;
import static org.casw.routes.transform.edifact.EdifactTestSupport.SAMPLES;
import static org.casw.routes.transform.edifact.EdifactTestSupport.bytes;
import static org.casw.routes.transform.edifact.EdifactTestSupport.read;
import static org.casw.routes.transform.edifact.EdifactTestSupport.receiver;

/**
 * The gateway's UN/EDIFACT checked by an implementation the project did not write: Smooks' EDIFACT cartridge, which
 * parses with Apache Daffodil against the published DFDL directories (D.95B, D.96B, D.00B, chosen by each message's
 * UNH). Every sample and golden file, and what each writer makes of the native samples, must parse with every facet of
 * the directory checked (Daffodil's limited validation: lengths, code lists, repeats); a broken interchange must not.
 *
 * <p>Tolerated, as the gateway's own schemas relax them (routes/pom.xml {@code edifact.relaxed.codes}): the code lists
 * of 8155 (ISO 6346 size-types under agency 5), 1131 (a list of the agency in 3055) and 7365 (customs' own statuses
 * under ZZZ); and exactly the codes the gateway adds to a directory's list because SMDG's manuals for it use them
 * (BGM 36, 44, 46 and LOC 165 in D.95B, BGM 46 in D.96B). Any other diagnostic fails the test.
 */
class EdifactIndependentCheckTest {

    /** Code lists the directory has but agencies other than the UN extend; see the class comment. */
    private static final Set<String> RELAXED_CODE_LISTS = Set.of("E8155", "E1131", "E7365");
    /**
     * Codes a directory's list lacks but SMDG's manuals for it use, which the gateway adds (routes/pom.xml
     * {@code edifact.added.codes.<directory>}): tolerated only for exactly these values.
     */
    private static final Map<String, Map<String, Set<String>>> ADDED_CODES = Map.of(
            "d96b", Map.of("E1001", Set.of("46")),
            "d95b", Map.of("E1001", Set.of("36", "44", "46"), "E3227", Set.of("165")));
    private static final Pattern FACET_ELEMENT = Pattern.compile("Validation Error: (E[0-9]{4}) failed facet checks");
    private static final Pattern DATA_END = Pattern.compile("Data location was preceding byte ([0-9]+)");
    /** The messages the gateway reads and writes: compiled for every directory besides those its samples carry. */
    private static final Set<String> GATEWAY_MESSAGES = Set.of("CUSCAR", "CODECO", "COARRI", "CUSRES");
    private static final Pattern UNH = Pattern.compile("(?m)^UNH\\+[^+']*\\+([A-Z0-9]{6}):D:([0-9]{2}[A-C]):UN");
    private static final Clock PREPARED = Clock.fixed(Instant.parse("2026-11-20T07:20:00Z"), ZoneOffset.UTC);
    private static final PartnerProfile TERMINAL = receiver(new EdifactAgreement("8850000000017", "14", "CASW-QZH", null, null, null));

    /**
     * One Smooks (one Daffodil parser compiled from the DFDL) per directory, for the whole class: compiling a directory
     * costs seconds to minutes, parsing an interchange milliseconds.
     */
    private static final Map<String, Smooks> PARSERS = new ConcurrentHashMap<>();
    private static final Map<String, Long> COMPILE_MILLIS = new ConcurrentHashMap<>();

    @AfterAll
    static void closeParsers() {
        System.out.println("Smooks/Daffodil parser compilation per directory (ms): " + new TreeMap<>(COMPILE_MILLIS));
        PARSERS.values().forEach(Smooks::close);
    }

    static Stream<Path> interchanges() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(EDIFACT_SAMPLES, GOLDEN)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.getFileName().toString().endsWith(".edi")).sorted().forEach(files::add);
            }
        }
        assertThat(files).as("the EDIFACT samples and golden files").hasSizeGreaterThanOrEqualTo(10);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interchanges")
    void everySampleAndGoldenFileIsAValidInterchangeToSmooks(Path file) {
        assertValid(file.getFileName().toString(), bytes(file));
    }

    static Stream<Arguments> writtenInterchanges() {
        ContainerEvents sample = (ContainerEvents) read(DocumentType.CONTAINER_EVENT,
                bytes(SAMPLES.resolve("container-event/valid/qinzhou-port-discharge-and-gate-out-to-rail.xml")));
        byte[] manifestReceipt = bytes(SAMPLES.resolve("manifest-receipt/valid/mt1101-accepted.xml"));
        return Stream.of(
                Arguments.of("CUSCAR of the MT1101 sample", new CuscarWriter(PREPARED, ControlReferences.counting(0))
                        .fromNative(DocumentType.MANIFEST, bytes(SAMPLES.resolve("manifest/valid/mt1101-import-sea-laem-chabang-qinzhou.xml")),
                                TERMINAL)),
                Arguments.of("COARRI of the sample's discharges", new CodecoCoarriWriter(EdifactAgreement.GATEWAY_ID, PREPARED,
                        ControlReferences.counting(0)).fromNative(DocumentType.CONTAINER_EVENT, batch(sample, EventType.DISCHARGE), TERMINAL)),
                Arguments.of("CODECO of the sample's gate-outs", new CodecoCoarriWriter(EdifactAgreement.GATEWAY_ID, PREPARED,
                        ControlReferences.counting(0)).fromNative(DocumentType.CONTAINER_EVENT, batch(sample, EventType.GATE_OUT), TERMINAL)),
                Arguments.of("CUSRES of a released declaration", new CusresWriter(PREPARED, ControlReferences.counting(0))
                        .fromNative(DocumentType.DECLARATION_RECEIPT, bytes(SAMPLES.resolve("declaration-receipt/valid/released.xml")),
                                TERMINAL)),
                Arguments.of("CUSRES of customs' own DEC_RESULT", new CusresWriter(PREPARED, ControlReferences.counting(0))
                        .fromNative(DocumentType.DECLARATION_RECEIPT,
                                bytes(SAMPLES.resolve("declaration-receipt/valid/dec-result-released.xml")), TERMINAL)),
                Arguments.of("CUSRES of a rejected manifest", new CusresWriter(PREPARED, ControlReferences.counting(0))
                        .fromNative(DocumentType.MANIFEST_RECEIPT, new String(manifestReceipt, StandardCharsets.UTF_8)
                                .replace("<ResponseCode>01</ResponseCode>", "<ResponseCode>03</ResponseCode>")
                                .getBytes(StandardCharsets.UTF_8), TERMINAL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenInterchanges")
    void whatEachWriterWritesIsAValidInterchangeToSmooks(String name, Translation written) {
        assertThat(written.violations()).as(name).isEmpty();

        assertValid(name, written.payload());
    }

    private static void assertValid(String name, byte[] interchange) {
        List<String> refusals = refusals(interchange);
        assertThat(refusals).as(name).isEmpty();
    }

    @Test
    void smooksRefusesABrokenInterchange() {
        String codeco = new String(bytes(EDIFACT_SAMPLES.resolve("codeco-gate-out-qinzhou.edi")), StandardCharsets.ISO_8859_1);
        assertThat(refusals(codeco.getBytes(StandardCharsets.ISO_8859_1))).as("the sample itself").isEmpty();

        // a document name code that is not in 1001's code list
        assertThat(refusals(codeco.replace("BGM+36+", "BGM+999+").getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
        // a transport stage qualifier (8051, an..3) too long for its element
        assertThat(refusals(codeco.replaceFirst("TDT\\+1\\+", "TDT+1000+").getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
        // a segment the message does not have
        assertThat(refusals(codeco.replaceFirst("BGM\\+", "XYZ+1'\nBGM+").getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
        // letters where the control total (CNT C270/6066, n..18) has digits
        assertThat(refusals(codeco.replaceFirst("CNT\\+16:[0-9]+", "CNT+16:TWO").getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
        // the interchange cut short: no UNZ
        assertThat(refusals(codeco.substring(0, codeco.indexOf("UNZ+")).getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
    }

    /** What Smooks refuses in an interchange: its parse error, or each validation diagnostic not relaxed. Empty: valid. */
    private static List<String> refusals(byte[] interchange) {
        String text = new String(interchange, StandardCharsets.ISO_8859_1);
        Matcher unh = UNH.matcher(text);
        Set<String> directories = new TreeSet<>();
        while (unh.find()) {
            directories.add("d" + unh.group(2).toLowerCase(Locale.ROOT));
        }
        if (directories.size() != 1) {
            return List.of("expected messages of one directory in UNH, found " + directories);
        }
        String directory = directories.iterator().next();
        Smooks smooks = parser(directory);
        ExecutionContext context = smooks.createExecutionContext();
        StringSink infoset = new StringSink();
        try {
            smooks.filterSource(context, new ByteSource(interchange), infoset);
        } catch (RuntimeException e) {
            return List.of(String.valueOf(rootCause(e).getMessage()));
        }
        List<String> refused = new ArrayList<>();
        // a message that does not follow its type's segment table is not an error to Smooks: its schema keeps it,
        // segment by segment, as a BadMessage
        String xml = infoset.getResult();
        if (xml.contains("BadMessage>")) {
            refused.add("a message does not follow its segment table in " + directory + " (Smooks reads it as a BadMessage)");
        }
        unh.reset();
        while (unh.find()) {
            if (!xml.contains(":" + unh.group(1) + ">")) {
                refused.add("no " + unh.group(1) + " in what Smooks read");
            }
        }
        List<Diagnostic> diagnostics = context.get(DfdlParser.DIAGNOSTICS_TYPED_KEY);
        for (Diagnostic diagnostic : diagnostics == null ? List.<Diagnostic>of() : diagnostics) {
            String message = diagnostic.getSomeMessage();
            if (diagnostic.isError() && RELAXED_CODE_LISTS.stream().noneMatch(e -> relaxed(message, e))
                    && !added(directory, message, interchange)) {
                refused.add(message);
            }
        }
        return refused;
    }

    /** A code-list failure for a value the gateway adds to that directory's list, read from the interchange where it ends. */
    private static boolean added(String directory, String message, byte[] interchange) {
        Matcher element = FACET_ELEMENT.matcher(message);
        Matcher end = DATA_END.matcher(message);
        if (!message.contains("enumeration") || !element.find() || !end.find()) {
            return false;
        }
        int to = Integer.parseInt(end.group(1));
        int from = to;
        while (from > 0 && "+:'".indexOf(interchange[from - 1]) < 0) {
            from--;
        }
        String value = new String(interchange, from, to - from, StandardCharsets.ISO_8859_1);
        return ADDED_CODES.getOrDefault(directory, Map.of()).getOrDefault(element.group(1), Set.of()).contains(value);
    }

    /** A code-list (enumeration) failure of a relaxed element, and nothing else about it. */
    private static boolean relaxed(String message, String element) {
        return message.contains(element) && message.contains("enumeration");
    }

    private static Smooks parser(String directory) {
        return PARSERS.computeIfAbsent(directory, d -> {
            long start = System.nanoTime();
            Smooks smooks = new Smooks();
            EdifactReaderConfigurator reader = new EdifactReaderConfigurator("/" + d + "/EDIFACT-Messages.dfdl.xsd");
            reader.setMessageTypes(List.copyOf(messagesOf(d)));
            reader.setValidationMode(ValidationMode.Limited);
            smooks.setReaderConfig(reader);
            // compile now, not within the first parse, so that the cost is measured apart
            smooks.createExecutionContext();
            smooks.filterSource(smooks.createExecutionContext(), new ByteSource(minimal(d)), new StringSink());
            COMPILE_MILLIS.put(d, (System.nanoTime() - start) / 1_000_000);
            return smooks;
        });
    }

    /** The gateway's messages and those any sample of the directory carries, so a new sample of a new type is compiled in. */
    private static Set<String> messagesOf(String directory) {
        Set<String> types = new TreeSet<>(GATEWAY_MESSAGES);
        try {
            interchanges().forEach(f -> {
                Matcher unh = UNH.matcher(new String(bytes(f), StandardCharsets.ISO_8859_1));
                while (unh.find()) {
                    if (directory.equals("d" + unh.group(2).toLowerCase(Locale.ROOT))) {
                        types.add(unh.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    /** The smallest interchange of a directory, to compile the parser with. */
    private static byte[] minimal(String directory) {
        String version = directory.substring(1).toUpperCase(Locale.ROOT);
        return ("UNA:+.? '\nUNB+UNOC:3+A+B+261120:1520+1'\nUNH+1+CUSRES:D:" + version + ":UN'\nBGM+23+X+9+AP'\n"
                + "DTM+137:202611201520:203'\nRFF+ACW:X'\nUNT+5+1'\nUNZ+1+1'\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The sample's events of one type as a batch of their own, numbered as the reader numbers them. */
    private static byte[] batch(ContainerEvents sample, EventType type) {
        ContainerEvents batch = (ContainerEvents) read(DocumentType.CONTAINER_EVENT, NativeXml.write(sample));
        List<Event> events = batch.getEvent().stream().filter(e -> e.getEventType() == type).toList();
        batch.getEvent().clear();
        batch.setBatchId("QZPORT-" + type + "-0001");
        for (Event event : events) {
            event.setEventId(batch.getBatchId() + "-" + String.format("%02d", batch.getEvent().size() + 1));
            batch.getEvent().add(event);
        }
        return NativeXml.write(batch);
    }
}
