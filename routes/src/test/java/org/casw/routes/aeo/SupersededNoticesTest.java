package org.casw.routes.aeo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Only the newest notice counts per enterprise: an older one is refused, one of the same date or newer is not. */
class SupersededNoticesTest {

    private final Map<String, AeoStatus> held = new HashMap<>();
    private final SupersededNotices superseded = new SupersededNotices(new AeoRegistry() {
        @Override
        public void register(String trackingId, List<AeoStatus> statuses) {
            statuses.forEach(s -> held.put(s.issuingCountry() + ":" + s.enterpriseId(), s));
        }

        @Override
        public Optional<AeoStatus> find(String issuingCountry, String enterpriseId) {
            return Optional.ofNullable(held.get(issuingCountry + ":" + enterpriseId));
        }
    });

    @Test
    void aNoticeOlderThanTheOneHeldForAnyOfItsEnterprisesIsRefused() {
        hold("SG-AEO-NEW", LocalDate.of(2026, 11, 20), "199801234K");

        List<Violation> violations = superseded.check(notice("SG-AEO-OLD", "2026-11-19", "201912345N", "199801234K"));

        assertThat(violations).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("AEO_NOTICE_SUPERSEDED", "/AeoStatusNotice/IssueDate"));
        assertThat(violations.get(0).message()).contains("SG-AEO-OLD", "2026-11-19", "SG-AEO-NEW", "2026-11-20", "199801234K");
    }

    @Test
    void aNoticeOfTheSameDateOrNewerReplacesTheOneHeld() {
        hold("SG-AEO-FIRST", LocalDate.of(2026, 11, 20), "199801234K");

        assertThat(superseded.check(notice("SG-AEO-SECOND", "2026-11-20", "199801234K"))).isEmpty();
        assertThat(superseded.check(notice("SG-AEO-THIRD", "2026-11-21", "199801234K"))).isEmpty();
        assertThat(superseded.check(notice("SG-AEO-OTHER", "2026-11-01", "201912345N"))).isEmpty();
    }

    private void hold(String noticeId, LocalDate issued, String enterpriseId) {
        held.put("SG:" + enterpriseId, new AeoStatus("SG", "SG-STP-PLUS", enterpriseId, "Enterprise", "STP-1", "VALID",
                LocalDate.of(2025, 1, 1), LocalDate.of(2030, 1, 1), noticeId, issued));
    }

    private static AeoStatusNotice notice(String noticeId, String issueDate, String... enterpriseIds) {
        StringBuilder enterprises = new StringBuilder();
        for (String id : enterpriseIds) {
            enterprises.append("""
                      <Enterprise>
                        <Identifier>%s</Identifier>
                        <Name>Enterprise %s</Name>
                        <AuthorisationNo>STP-%s</AuthorisationNo>
                        <Status>VALID</Status>
                        <ValidFrom>2025-03-01</ValidFrom>
                        <ValidUntil>2035-02-28</ValidUntil>
                      </Enterprise>
                    """.formatted(id, id, id));
        }
        String xml = """
                <AeoStatusNotice xmlns="urn:casw:aeo:1" version="1.0">
                  <NoticeId>%s</NoticeId>
                  <IssuingCountry>SG</IssuingCountry>
                  <Programme>SG-STP-PLUS</Programme>
                  <IssueDate>%s</IssueDate>
                %s</AeoStatusNotice>
                """.formatted(noticeId, issueDate, enterprises);
        return (AeoStatusNotice) new DocumentReader().read(DocumentType.AEO_STATUS, xml.getBytes(StandardCharsets.UTF_8));
    }
}
