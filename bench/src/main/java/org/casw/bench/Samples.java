package org.casw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.casw.routes.rules.manifest.ManifestTestSupport;

/** Benchmark inputs: a ~5 KB declaration built from the published sample, and generated manifests. */
public final class Samples {

    private Samples() {
    }

    /** The durian import sample with extra items (pieces, so weights stay consistent): about 5 KB. */
    public static byte[] declaration5k() throws IOException {
        String base;
        try (InputStream in = Samples.class.getResourceAsStream("/bench/import-durian-sea.xml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder items = new StringBuilder();
        for (int g = 2; g <= 8; g++) {
            items.append("""
                        <DecList>
                          <GNo>%d</GNo>
                          <CodeTS>4819100000</CodeTS>
                          <GName>Corrugated cartons for fresh fruit</GName>
                          <GModel>5-ply, 600x400x300 mm, printed</GModel>
                          <GQty>100</GQty>
                          <GUnit>007</GUnit>
                          <DeclPrice>1.25</DeclPrice>
                          <DeclTotal>125</DeclTotal>
                          <TradeCurr>USD</TradeCurr>
                          <OriginCountry>THA</OriginCountry>
                          <DestinationCountry>CHN</DestinationCountry>
                        </DecList>
                    """.formatted(g));
        }
        // real-shaped, as .NET declaration software writes it (absent fields left out, not written empty), so the
        // declaration stays the 5 KB the benchmark figures have always been measured on
        return base.replaceAll("\\s*<[A-Za-z]+/>", "").replace("  </DecLists>", items + "  </DecLists>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String manifest(int consignments, int containersPerConsignment) {
        return ManifestTestSupport.largeManifest(consignments, containersPerConsignment);
    }
}
