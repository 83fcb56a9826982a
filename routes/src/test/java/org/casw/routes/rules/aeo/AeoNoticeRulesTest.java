package org.casw.routes.rules.aeo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.CodeLists;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aeo.AeoStatusNotice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** An AEO status notice may not be dated after today in China: the same clock and zone as every other date rule. */
class AeoNoticeRulesTest {

    /** 2026-11-20 at 23:30 in China (15:30 UTC): still the 20th in China, though a notice dated the 21st may exist further east. */
    private static final Clock LATE_ON_THE_20TH = Clock.fixed(Instant.parse("2026-11-20T15:30:00Z"), ZoneOffset.UTC);
    /** 2026-11-21 at 00:30 in China, though still the 20th in UTC. */
    private static final Clock EARLY_ON_THE_21ST = Clock.fixed(Instant.parse("2026-11-20T16:30:00Z"), ZoneOffset.UTC);

    @Test
    void aNoticeDatedTomorrowInChinaIsRefused() {
        assertThat(check("2026-11-21", LATE_ON_THE_20TH)).extracting(Violation::code, Violation::path)
                .containsExactly(tuple("AEO_ISSUE_DATE_IN_FUTURE", "/AeoStatusNotice/IssueDate"));
    }

    @Test
    void aNoticeDatedTodayInChinaIsAcceptedEvenWhereItIsStillYesterday() {
        assertThat(check("2026-11-20", LATE_ON_THE_20TH)).isEmpty();
        assertThat(check("2026-11-21", EARLY_ON_THE_21ST)).isEmpty();
    }

    private static List<Violation> check(String issueDate, Clock clock) {
        String xml = """
                <AeoStatusNotice xmlns="urn:casw:aeo:1" version="1.0">
                  <NoticeId>SG-AEO-TEST-1</NoticeId>
                  <IssuingCountry>SG</IssuingCountry>
                  <Programme>SG-STP-PLUS</Programme>
                  <IssueDate>%s</IssueDate>
                  <Enterprise>
                    <Identifier>199801234K</Identifier>
                    <Name>Jurong Food Industries Pte. Ltd.</Name>
                    <AuthorisationNo>STP-PLUS-0417</AuthorisationNo>
                    <Status>VALID</Status>
                    <ValidFrom>2025-03-01</ValidFrom>
                    <ValidUntil>2035-02-28</ValidUntil>
                  </Enterprise>
                </AeoStatusNotice>
                """.formatted(issueDate);
        AeoStatusNotice notice = (AeoStatusNotice) new DocumentReader().read(DocumentType.AEO_STATUS, xml.getBytes(StandardCharsets.UTF_8));
        RuleViolations out = new RuleViolations();
        new AeoNoticeRules(CodeLists.shared(), clock).check(notice, out);
        return out.list();
    }
}
