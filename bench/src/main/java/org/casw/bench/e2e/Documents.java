package org.casw.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.bench.Samples;

/**
 * Unique copies of one ~5 KB sample document of a family. Each copy has its own sender's message id (the only
 * {@code BENCH-} token in it, which the partner inbox keys arrivals by), its own bills of lading and containers
 * so nothing is de-duplicated, refused as a conflict, or made one consignment (the gateway's JMS group
 * is the first bill: one bill for all would deliver every document in order through one consumer).
 */
public final class Documents {

    /** The document families the driver sends, each from a valid published sample. */
    public enum Family {
        /** The durian import declaration with 8 items, without its certificate-of-origin references. */
        DECLARATION("declaration", "DecSign/ClientSeqNo"),
        /** MT1101 import sea manifest, Laem Chabang to Qinzhou, two bills, two containers. */
        SEA_MANIFEST("MT1101 sea manifest", "Head/MessageID"),
        /** MT1401 rail import manifest, Vientiane to Chongqing. */
        RAIL_MANIFEST("MT1401 rail manifest", "Head/MessageID"),
        /** China-Singapore FTA certificate of origin (CN to SG) with 6 items. */
        CERTIFICATE("CSFTA certificate of origin", "CertificateNo"),
        /**
         * RCEP declaration of origin by the demo enterprise as approved exporter, the published CN to SG sample sent to
         * Thailand instead (importing country, consignee, port of discharge), with 6 items: TH-NSW takes it as ASW-ECO.
         */
        CERTIFICATE_TH("RCEP approved-exporter certificate of origin CN->TH", "CertificateNo");

        private final String description;
        private final String keyPath;

        Family(String description, String keyPath) {
            this.description = description;
            this.keyPath = keyPath;
        }

        public String description() {
            return description;
        }

        /** Where the copy's unique key is. */
        public String keyPath() {
            return keyPath;
        }
    }

    private static final Pattern CONTAINER = Pattern.compile(">([A-Z]{4}[0-9]{7})</");
    private static final Pattern BILL = Pattern.compile(
            "<(?:TransportContractDocument|AssociatedTransportDocument)>\\s*<ID>([^<]+)</ID>");

    private final Family family;
    private final String template;
    private final String sampleKey;
    private final Set<String> sampleBills = new LinkedHashSet<>();
    private final Set<String> sampleContainers = new LinkedHashSet<>();
    private final String tag;
    private final AtomicLong counter = new AtomicLong();
    /** What each copy goes through last: its issuer's signature for certificates of origin, else nothing. */
    private volatile UnaryOperator<byte[]> seal = UnaryOperator.identity();

    /**
     * @param family which sample
     * @param runTag distinguishes runs, systems and workloads, so no two copies anywhere share a key
     */
    public Documents(Family family, String runTag) throws IOException {
        this.family = family;
        // short enough for every key field (CertificateNo: at most 32 characters)
        this.tag = Long.toString(runTag.hashCode() & 0xffffffffL, 36);
        switch (family) {
            case DECLARATION -> {
                // without the certificate-of-origin references (licence document and preferential claim): the gateway refuses
                // a declaration citing a CO it has not seen
                template = new String(Samples.declaration5k(), StandardCharsets.UTF_8)
                        .replaceAll("(?s)\\s*<DecLicenseDocus>.*?</DecLicenseDocus>", "")
                        .replaceAll("(?s)\\s*<EcoRelation>.*?</EcoRelation>", "");
                sampleKey = single(template, "<ClientSeqNo>([^<]+)</ClientSeqNo>");
                sampleBills.add(single(template, "<BillNo>([^<]+)</BillNo>"));
                collect(CONTAINER, template, sampleContainers);
            }
            case SEA_MANIFEST, RAIL_MANIFEST -> {
                template = resource(family == Family.SEA_MANIFEST ? "/bench/mt1101-import-sea-laem-chabang-qinzhou.xml"
                        : "/bench/mt1401-rail-import-vientiane-chongqing.xml");
                sampleKey = single(template, "<MessageID>([^<]+)</MessageID>");
                collect(BILL, template, sampleBills);
                collect(CONTAINER, template, sampleContainers);
            }
            case CERTIFICATE -> {
                template = certificate5k(resource("/bench/csfta-ev-cn-sg.xml"));
                sampleKey = single(template, "<CertificateNo>([^<]+)</CertificateNo>");
            }
            case CERTIFICATE_TH -> {
                template = certificate5k(resource("/bench/rcep-approved-exporter-cn-sg.xml")
                        .replace("<ImportingCountry>SG</ImportingCountry>", "<ImportingCountry>TH</ImportingCountry>")
                        .replace("<Name>Lion City Home Furnishing Pte. Ltd.</Name>", "<Name>Siam Home Furnishing Co., Ltd.</Name>")
                        .replace("<Address>3 Kaki Bukit Road 2, Singapore 417837</Address>",
                                "<Address>99 Sukhumvit Road, Chonburi 20230</Address>")
                        .replace("<Country>SG</Country>", "<Country>TH</Country>")
                        .replace("<ID>201912345K</ID>", "<ID>0205561012345</ID>")
                        .replace("<PortOfDischarge>SGSIN</PortOfDischarge>", "<PortOfDischarge>THLCH</PortOfDischarge>")
                        .replace("LCHF/SG", "SHF/TH"));
                sampleKey = single(template, "<CertificateNo>([^<]+)</CertificateNo>");
            }
            default -> throw new IllegalArgumentException(family.name());
        }
        if (sampleBills.isEmpty() && family != Family.CERTIFICATE && family != Family.CERTIFICATE_TH) {
            throw new IllegalStateException("no bill found in the " + family.description() + " sample");
        }
    }

    public Family family() {
        return family;
    }

    /** A fresh copy and its key. */
    public Document next() {
        long n = counter.incrementAndGet();
        String key = "BENCH-" + tag + "-" + n;
        String body = template.replace(">" + sampleKey + "<", ">" + key + "<");
        int b = 0;
        for (String bill : sampleBills) {
            // BillNo: at most 32 characters; a prefix per family so a declaration's bill is never a manifest's
            b++;
            String fresh = family.name().substring(0, 1) + "B" + tag + "-" + n + (sampleBills.size() > 1 ? "-" + b : "");
            body = body.replace(">" + bill + "<", ">" + fresh + "<");
        }
        int c = 0;
        for (String container : sampleContainers) {
            body = body.replace(">" + container + "<", ">" + container(tag, n * sampleContainers.size() + c++) + "<");
        }
        return new Document(key, seal.apply(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each copy is sealed (e.g. signed by its issuing authority) once it has its own keys. */
    public Documents sealedBy(UnaryOperator<byte[]> seal) {
        this.seal = seal;
        return this;
    }

    public int size() {
        return template.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One document to submit, and the key the partner inbox will find in its delivery. */
    @SuppressWarnings("ArrayRecordComponent") // the document's bytes, passed on as they are and never compared
    public record Document(String key, byte[] body) {
    }

    /**
     * An ISO 6346 container number with a valid check digit (the manifest rules check it): owner code from the tag,
     * equipment category U, a six-digit serial.
     */
    static String container(String tag, long serial) {
        String letters = tag.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "") + "BNCH";
        String owner = letters.substring(0, 3) + "U";
        String base = owner + String.format(Locale.ROOT, "%06d", serial % 1_000_000);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char ch = base.charAt(i);
            int value = Character.isDigit(ch) ? ch - '0' : letterValue(ch);
            sum += value << i;
        }
        return base + (sum % 11 % 10);
    }

    /** ISO 6346 letter values: A=10, skipping multiples of 11. */
    private static int letterValue(char ch) {
        int v = 10;
        for (char c = 'A'; c < ch; c++) {
            v++;
            if (v % 11 == 0) {
                v++;
            }
        }
        return v;
    }

    /** A certificate with five more items (the same goods, each on its own invoice): about 5 KB. */
    private static String certificate5k(String base) {
        Matcher item = Pattern.compile("(?s)  <Item>.*?</Item>\n").matcher(base);
        if (!item.find()) {
            throw new IllegalStateException("no Item in the certificate sample");
        }
        String first = item.group();
        StringBuilder more = new StringBuilder(first);
        for (int i = 2; i <= 6; i++) {
            more.append(first.replace("<ItemNo>1</ItemNo>", "<ItemNo>" + i + "</ItemNo>")
                    .replaceFirst("<InvoiceNo>([^<]+)</InvoiceNo>", "<InvoiceNo>$1-" + i + "</InvoiceNo>"));
        }
        return base.replace(first, more.toString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Documents.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("the sample has no " + regex + "; update " + Documents.class.getSimpleName());
        }
        return m.group(1);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
