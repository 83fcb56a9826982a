package org.casw.kit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.routes.rules.CheckDigits;

/**
 * The repository's published samples (packed into the jar under {@code conformance/samples}, or read from a
 * checkout's {@code schemas/src/test/resources/samples}), and fresh copies of them: each copy gets its own
 * sender's message id, bills of lading and container numbers, so a run never resends what an earlier run sent.
 */
public final class ConformanceSamples {

    /** Where the build packs the samples (see gateway/pom.xml). */
    public static final String CLASSPATH_ROOT = "/conformance/samples/";

    private static final Pattern MESSAGE_ID = Pattern.compile("<(ClientSeqNo|MessageID|CertificateNo)>([^<]+)</\\1>");
    private static final Pattern BILL = Pattern.compile(
            "<BillNo>([^<]+)</BillNo>|<(?:TransportContractDocument|AssociatedTransportDocument)>\\s*<ID>([^<]+)</ID>");
    private static final Pattern CONTAINER = Pattern.compile(">([A-Z]{3}U[0-9]{7})<");

    private final Path directory;
    private final String runTag;
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * @param directory a samples directory, or null for the samples packed into the jar
     * @param runTag    distinguishes this run's documents from every other run's (letters and digits)
     */
    public ConformanceSamples(Path directory, String runTag) {
        this.directory = directory;
        this.runTag = runTag.toUpperCase(Locale.ROOT);
    }

    /** A tag for a run started now: the time in base 36, eight characters until the year 2059. */
    public static String newRunTag() {
        return Long.toString(System.currentTimeMillis(), 36);
    }

    /** The sample as published. */
    public String raw(String path) {
        if (directory != null) {
            try {
                return Files.readString(directory.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + directory.resolve(path), e);
            }
        }
        try (InputStream in = ConformanceSamples.class.getResourceAsStream(CLASSPATH_ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path + " in the jar (" + CLASSPATH_ROOT + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the sample: its own message id, bills and (valid) containers. */
    public Copy fresh(String path) {
        return fresh(path, raw(path));
    }

    /** A fresh copy of a document: its own message id, bills and (valid) containers. */
    public Copy fresh(String path, String xml) {
        int n = counter.incrementAndGet();
        String body = xml;
        String messageId = null;
        Matcher id = MESSAGE_ID.matcher(body);
        if (id.find()) {
            messageId = "CF-" + runTag + "-" + n;
            body = body.replace(">" + id.group(2) + "<", ">" + messageId + "<");
        }
        Set<String> bills = new LinkedHashSet<>();
        Matcher bill = BILL.matcher(body);
        while (bill.find()) {
            bills.add(bill.group(1) != null ? bill.group(1) : bill.group(2));
        }
        int b = 0;
        for (String old : bills) {
            body = body.replace(">" + old + "<", ">CFB" + runTag + "-" + n + "-" + ++b + "<");
        }
        Set<String> containers = new LinkedHashSet<>();
        Matcher container = CONTAINER.matcher(body);
        while (container.find()) {
            // an invalid check digit may be what a sample is about: such numbers stay as published
            if (CheckDigits.isValidContainerNumber(container.group(1))) {
                containers.add(container.group(1));
            }
        }
        int c = 0;
        for (String old : containers) {
            body = body.replace(">" + old + "<", ">" + container(n * 16 + c++) + "<");
        }
        return new Copy(path, messageId, body);
    }

    /** An ISO 6346 number with a valid check digit, owner code CFT (conformance), serial from the run and copy. */
    private String container(int serial) {
        long base = Math.floorMod((long) runTag.hashCode() * 7919L + serial, 1_000_000L);
        String first = "CFTU" + String.format(Locale.ROOT, "%06d", base);
        return first + CheckDigits.containerCheckDigit(first) % 10;
    }

    /**
     * One document to send.
     *
     * @param sample    the sample it was made from
     * @param messageId the sender's message id it carries, or null
     * @param xml       the document
     */
    public record Copy(String sample, String messageId, String xml) {
        public byte[] bytes() {
            return xml.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The code an invalid sample breaks, from its file name: {@code hs-code-unknown.xml} is HS_CODE_UNKNOWN. */
    public static String expectedCode(String path) {
        String name = Path.of(path).getFileName().toString().replaceFirst("\\.xml$", "");
        if (name.startsWith("schema-")) {
            return "SCHEMA_VIOLATION";
        }
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
