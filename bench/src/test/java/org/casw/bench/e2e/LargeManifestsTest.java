package org.casw.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.DocumentValidator;
import org.casw.testsupport.SampleEra;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The large-manifest generator writes a manifest the gateway would accept, with as many containers as asked. */
class LargeManifestsTest {

    private final DocumentValidator validator = new DocumentValidator(null, SampleEra.CLOCK);

    @Test
    void generatedManifestPassesSchemaAndBusinessRulesWithEveryContainer() {
        int containers = 300;
        long target = containers * 2_100L;
        byte[] manifest = LargeManifests.generate("t1", containers, target);

        DocumentValidator.Report report = validator.validate(manifest);
        assertEquals(DocumentType.MANIFEST, report.type());
        assertEquals(List.of(), report.violations());
        assertEquals(LargeManifests.messageId("t1"), report.messageId());

        Object document = validator.read(DocumentType.MANIFEST, manifest).document();
        List<String> listed = new org.casw.routes.document.DocumentReader().keysOf(DocumentType.MANIFEST, document).all().stream()
                .filter(k -> k.kind() == BusinessKeys.Kind.CONTAINER_NO).map(BusinessKeys.Key::value).toList();
        assertEquals(containers, listed.size(), "distinct container numbers");
        assertTrue(listed.contains(LargeManifests.container(containers - 1)));
        assertEquals(containers, count(manifest, "<TransportEquipment>"));
        assertTrue(Math.abs(manifest.length - target) < target / 20, "size " + manifest.length + " vs target " + target);
    }

    @Test
    void withoutRoomForPaddingTheManifestIsJustItsStructure() {
        byte[] small = LargeManifests.generate("t2", 3, 0);
        assertEquals(List.of(), validator.validate(small).violations());
        assertEquals(3, count(small, "<TransportEquipment>"));
        assertTrue(!new String(small, StandardCharsets.UTF_8).contains("lot marks"));
    }

    private static int count(byte[] body, String needle) {
        String s = new String(body, StandardCharsets.UTF_8);
        int n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
