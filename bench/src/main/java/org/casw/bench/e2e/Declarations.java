package org.casw.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.casw.bench.Samples;

/**
 * The ~5 KB durian import declaration, each copy with its own ClientSeqNo so nobody de-duplicates it, and its
 * own bill of lading: every declaration is a shipment of its own, as in real traffic. (One bill for all would
 * make every declaration one consignment, delivered strictly in order by one consumer, and each check against
 * the held manifest would read every earlier declaration of that bill.)
 */
public final class Declarations {

    private static final String SAMPLE_SEQ = "QZDEMO-20261121-0001";
    private static final String SAMPLE_BILL = "PILQZH2611001";

    private final String template;
    private final String runTag;
    private final AtomicLong counter = new AtomicLong();

    public Declarations(String runTag) throws IOException {
        // without the certificate-of-origin references (licence document and preferential claim): the gateway refuses a declaration citing a CO it has not
        // seen, and a run of declarations alone is what is measured here (COs are a remaining step of issue 6)
        this.template = new String(Samples.declaration5k(), StandardCharsets.UTF_8)
                .replaceAll("(?s)\\s*<DecLicenseDocus>.*?</DecLicenseDocus>", "")
                .replaceAll("(?s)\\s*<EcoRelation>.*?</EcoRelation>", "");
        if (!template.contains("<ClientSeqNo>" + SAMPLE_SEQ + "</ClientSeqNo>")) {
            throw new IllegalStateException("the sample's ClientSeqNo changed; update " + Declarations.class.getSimpleName());
        }
        if (!template.contains("<BillNo>" + SAMPLE_BILL + "</BillNo>")) {
            throw new IllegalStateException("the sample's BillNo changed; update " + Declarations.class.getSimpleName());
        }
        this.runTag = runTag;
    }

    /** A fresh declaration and its ClientSeqNo. */
    public Declaration next() {
        long n = counter.incrementAndGet();
        String seq = "BENCH-" + runTag + "-" + n;
        String bill = "BL" + Long.toString(runTag.hashCode() & 0xffffffL, 36) + "-" + n; // BillNo: at most 32 characters
        return new Declaration(seq, template.replace(SAMPLE_SEQ, seq).replace("<BillNo>" + SAMPLE_BILL + "</BillNo>",
                "<BillNo>" + bill + "</BillNo>").getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return template.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One declaration to submit. */
    public record Declaration(String clientSeqNo, byte[] body) {
    }
}
