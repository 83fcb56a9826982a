package org.casw.routes.transform.edifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.partner.PartyRole;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.validation.Violation;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared by the EDIFACT tests: samples, golden files (regenerated with -Dedifact.golden.write=true), native checks. */
final class EdifactTestSupport {

    static final Path SAMPLES = Samples.DIR;
    static final Path EDIFACT_SAMPLES = SAMPLES.resolve("edifact");
    static final Path GOLDEN = Path.of("src", "test", "resources", "edifact");
    private static final BusinessRules RULES = new BusinessRules(null, new DocumentReader(), SampleEra.CLOCK);

    private EdifactTestSupport() {
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The translated bytes equal the committed golden file (or, when asked, become it). */
    static void assertGolden(String name, byte[] actual) {
        Path file = GOLDEN.resolve(name);
        try {
            if (Boolean.getBoolean("edifact.golden.write")) {
                Files.createDirectories(file.getParent());
                Files.write(file, actual);
            }
            assertThat(text(actual)).as(name).isEqualTo(text(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native document passes its XSD and the offline business rules. */
    static void assertValidNative(DocumentType type, byte[] xml) {
        assertThat(TestDocuments.schemaErrors(type, xml)).as(new String(xml, StandardCharsets.UTF_8)).isEmpty();
        List<Violation> rules = RULES.check(type, TestDocuments.read(type, xml));
        assertThat(rules).isEmpty();
    }

    /** What the offline business rules say about a native document (check digits, code lists, totals). */
    static List<Violation> rules(DocumentType type, byte[] xml) {
        return RULES.check(type, TestDocuments.read(type, xml));
    }

    static Object read(DocumentType type, byte[] xml) {
        return TestDocuments.read(type, xml);
    }

    static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    /** A receiver whose agreement addresses its UN/EDIFACT as given. */
    static PartnerProfile receiver(EdifactAgreement edifact) {
        return new PartnerProfile(edifact.interchangeId(), edifact.interchangeId(), PartyRole.ENTERPRISE, List.of(), DeliveryChannel.JMS,
                null, null, null, false, null, null, null, null, null, null, null, null, edifact);
    }
}
