package org.casw.routes.aeo;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.schemas.declaration.DecMessage;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A declaration takes the fast lane only for a recognised AEO status in force on its declaration date (2026-11-21). */
class AeoLanesTest {

    private static final LocalDate DECLARED = LocalDate.of(2026, 11, 21);
    /** A declarant entitled to act for every enterprise its declaration names. */
    private static final Predicate<String> ACTS_FOR_ALL = code -> true;
    private final Map<String, AeoStatus> held = new HashMap<>();
    private final AeoRegistry registry = new AeoRegistry() {
        @Override
        public void register(String trackingId, List<AeoStatus> statuses) {
            statuses.forEach(s -> held.put(s.issuingCountry() + ":" + s.enterpriseId(), s));
        }

        @Override
        public Optional<AeoStatus> find(String country, String id) {
            return Optional.ofNullable(held.get(country + ":" + id));
        }
    };
    private final AeoLanes lanes = new AeoLanes(registry, AeoRecognition.of(Map.of("TH", List.of("TH-AEO"), "CN",
            List.of("CN-AEO-ADVANCED")), "gateway.aeo.recognised"));

    @Test
    void theOverseasPartysRecognisedStatusInForceGivesTheFastLane() throws Exception {
        hold("TH", "TH-AEO", "0105536000123", "VALID", DECLARED.minusDays(1), DECLARED);

        AeoLanes.Decision decision = lanes.laneOf(overseasAeo(), LocalDate.of(2030, 1, 1), ACTS_FOR_ALL);

        assertThat(decision.lane()).isEqualTo(Lane.FAST);
        assertThat(decision.reason()).isEqualTo("AEO TH TH-AEO 0105536000123 (A-0105536000123) in force on 2026-11-21");
    }

    @Test
    void suspendedRevokedOutOfValidityOrUnrecognisedGiveTheNormalLane() throws Exception {
        for (String[] c : new String[][] {{"SUSPENDED", "TH-AEO", "2026-01-01", "2027-01-01"}, {"REVOKED", "TH-AEO", "2026-01-01", "2027-01-01"},
                {"VALID", "TH-AEO", "2026-11-22", "2027-01-01"}, {"VALID", "TH-AEO", "2025-01-01", "2026-11-20"},
                {"VALID", "TH-GOLD", "2026-01-01", "2027-01-01"}}) {
            hold("TH", c[1], "0105536000123", c[0], LocalDate.parse(c[2]), LocalDate.parse(c[3]));

            AeoLanes.Decision decision = lanes.laneOf(overseasAeo(), DECLARED, ACTS_FOR_ALL);

            assertThat(decision.lane()).as(String.join(" ", c)).isEqualTo(Lane.NORMAL);
            assertThat(decision.reason()).contains("0105536000123");
        }
    }

    @Test
    void theDomesticTradingCompanyCountsByItsUnifiedSocialCreditCode() throws Exception {
        assertThat(lanes.laneOf(overseasAeo(), DECLARED, ACTS_FOR_ALL)).isEqualTo(new AeoLanes.Decision(Lane.NORMAL,
                "no AEO status held for its enterprises"));
        hold("CN", "CN-AEO-ADVANCED", "91450700MA5L3QR71R", "VALID", DECLARED.minusYears(1), DECLARED.plusYears(1));

        assertThat(lanes.laneOf(overseasAeo(), DECLARED, ACTS_FOR_ALL).lane()).isEqualTo(Lane.FAST);
    }

    @Test
    void anAeoTheDeclarantDoesNotActForGivesNoFastLane() throws Exception {
        hold("TH", "TH-AEO", "0105536000123", "VALID", DECLARED.minusYears(1), DECLARED.plusYears(1));
        hold("CN", "CN-AEO-ADVANCED", "91450700MA5L3QR71R", "VALID", DECLARED.minusYears(1), DECLARED.plusYears(1));

        AeoLanes.Decision onlyTheTradingCompany = lanes.laneOf(overseasAeo(), DECLARED, "91450700MA5L3QR71R"::equals);
        AeoLanes.Decision neither = lanes.laneOf(overseasAeo(), DECLARED, code -> false);

        assertThat(onlyTheTradingCompany.lane()).isEqualTo(Lane.FAST);
        assertThat(onlyTheTradingCompany.reason()).contains("CN CN-AEO-ADVANCED 91450700MA5L3QR71R");
        assertThat(neither.lane()).isEqualTo(Lane.NORMAL);
        assertThat(neither.reason()).contains("91450700MA5L3QR71R (A-91450700MA5L3QR71R) is not an enterprise the declarant acts for",
                "0105536000123 (A-0105536000123) is not an enterprise the declarant acts for");
    }

    private void hold(String country, String programme, String id, String status, LocalDate from, LocalDate until) {
        registry.register("SW-TEST", List.of(new AeoStatus(country, programme, id, "Enterprise " + id, "A-" + id, status, from, until,
                "N-1", DECLARED)));
    }

    private static DecMessage overseasAeo() throws Exception {
        byte[] payload = Files.readAllBytes(Samples.path("declaration", "valid",
                "import-durian-sea-overseas-aeo.xml"));
        return (DecMessage) new DocumentReader().read(DocumentType.DECLARATION, payload);
    }
}
