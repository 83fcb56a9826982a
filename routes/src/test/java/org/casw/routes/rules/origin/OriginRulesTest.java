package org.casw.routes.rules.origin;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.validation.Violation;
import org.casw.schemas.origin.Agreement;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate-of-origin samples behave as their folder and file name say, and each rule's edges hold. */
class OriginRulesTest {

    private static final String SCHEMA_INVALID_PREFIX = "schema-";
    private static final Path VALID = OriginSamples.CERTIFICATES.resolve("valid");
    private static final Path INVALID = OriginSamples.CERTIFICATES.resolve("invalid");

    private final OriginRules rules = new OriginRules(OriginSamples.CLOCK);

    static Stream<Path> validSamples() {
        return OriginSamples.list(VALID);
    }

    static Stream<Path> validUtilizationSamples() {
        return OriginSamples.list(OriginSamples.UTILIZATIONS.resolve("valid"));
    }

    static Stream<Path> ruleInvalidSamples() {
        return OriginSamples.list(INVALID).filter(p -> !p.getFileName().toString().startsWith(SCHEMA_INVALID_PREFIX));
    }

    static Stream<Path> schemaInvalidSamples() {
        return OriginSamples.list(INVALID).filter(p -> p.getFileName().toString().startsWith(SCHEMA_INVALID_PREFIX));
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void validCertificatePassesSchemaAndRules(Path sample) {
        assertThat(OriginSamples.schemaErrors(OriginSamples.bytes(sample))).isEmpty();
        assertThat(check(OriginSamples.certificate(sample))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("validUtilizationSamples")
    void validUtilizationNoticePassesSchemaAndIsReadable(Path sample) {
        assertThat(OriginSamples.schemaErrors(OriginSamples.bytes(sample))).isEmpty();
        assertThat(OriginSamples.utilization(sample).getUsedItem()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("ruleInvalidSamples")
    void ruleInvalidSampleIsSchemaValidAndBreaksExactlyTheRuleItIsNamedAfter(Path sample) {
        assertThat(OriginSamples.schemaErrors(OriginSamples.bytes(sample))).isEmpty();
        assertThat(check(OriginSamples.certificate(sample))).extracting(Violation::code).containsExactly(codeOf(sample));
    }

    @ParameterizedTest
    @MethodSource("schemaInvalidSamples")
    void schemaInvalidSampleIsRefusedByTheSchema(Path sample) {
        assertThat(OriginSamples.schemaErrors(OriginSamples.bytes(sample))).isNotEmpty();
    }

    @Test
    void everyRuleCodeHasExactlyOneInvalidSample() throws IllegalAccessException {
        List<String> sampled = ruleInvalidSamples().map(OriginRulesTest::codeOf).toList();

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(ruleCodes());
    }

    @Test
    void violationOnSecondItemNamesItsPositionAndTheAgreement() {
        List<Violation> violations = check(OriginSamples.certificate(INVALID.resolve("origin-criterion-invalid.xml")));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("/CertificateOfOrigin/Item[2]/OriginCriterion");
            assertThat(v.message()).contains("CTSH").contains("ATIGA");
        });
    }

    @Test
    void violationOnFirstItemHasNoPosition() {
        List<Violation> violations = check(OriginSamples.certificate(INVALID.resolve("hs-code-unknown.xml")));

        assertThat(violations).extracting(Violation::path).containsExactly("/CertificateOfOrigin/Item/HsCode");
        assertThat(violations.get(0).message()).contains("081099");
    }

    @ParameterizedTest
    @CsvSource({
            "WO, ACFTA", "PE, ATIGA", "RVC40, ATIGA", "40%, ACFTA", "RVC 45%, ACFTA", "RVC100, RCEP", "CTH, ATIGA",
            "CTH+RVC40, CSFTA", "CTH/RVC40, ATIGA", "CC, RCEP", "CTSH, RCEP", "CR, RCEP", "CTSH+RVC35, CSFTA",
            "PSR, ACFTA", "PSR, CSFTA"})
    void criterionAcceptedUnderItsAgreement(String criterion, Agreement agreement) {
        assertThat(OriginRules.criterionProblem(criterion, agreement)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "RVC0, RCEP", "RVC101, RCEP", "0%, ACFTA", "40, ACFTA", "RVC, ATIGA", "RVC40%%, ATIGA", "CTSH, ATIGA",
            "CC, ACFTA", "CR, CSFTA", "WO+CTH, RCEP", "PE/RVC40, ATIGA", "CTH+, ATIGA", "+CTH, ATIGA", "CTH++RVC40, RCEP",
            "XYZ, RCEP", "CTC, RCEP"})
    void criterionRefusedUnderAgreement(String criterion, Agreement agreement) {
        assertThat(OriginRules.criterionProblem(criterion, agreement)).isPresent();
    }

    @Test
    void percentageOnlyCriterionStillRequiresFobValue() {
        String xml = OriginSamples.text(VALID.resolve("form-e-durian-th-cn.xml"))
                .replace("<OriginCriterion>WO</OriginCriterion>", "<OriginCriterion>45%</OriginCriterion>")
                .replace("<FobValue currency=\"USD\">75600</FobValue>", "");

        assertThat(check(OriginSamples.certificate(xml))).extracting(Violation::code).containsExactly(OriginRules.FOB_VALUE_REQUIRED);
    }

    @Test
    void certificateIsValidUpToTwelveMonthsAfterIssueAndExpiredTheDayAfter() {
        CertificateOfOrigin issued = OriginSamples.certificate(VALID.resolve("form-e-durian-th-cn.xml"));

        assertThat(checkAt(issued, "2027-11-13T04:00:00Z")).isEmpty();
        assertThat(checkAt(issued, "2027-11-14T04:00:00Z")).extracting(Violation::code)
                .containsExactly(OriginRules.ORIGIN_CERTIFICATE_EXPIRED);
    }

    @Test
    void rcepProofOfOriginIsValidForOneYear() {
        CertificateOfOrigin declared = OriginSamples.certificate(VALID.resolve("rcep-approved-exporter-cn-sg.xml"));

        assertThat(checkAt(declared, "2027-11-18T04:00:00Z")).isEmpty();
        assertThat(checkAt(declared, "2027-11-19T04:00:00Z")).extracting(Violation::code)
                .containsExactly(OriginRules.ORIGIN_CERTIFICATE_EXPIRED);
    }

    @Test
    void issueDateOneDayAheadOfChinaIsToleratedTwoDaysIsNot() {
        String xml = OriginSamples.text(VALID.resolve("rcep-approved-exporter-cn-sg.xml"))
                .replace("<DepartureDate>2026-11-19</DepartureDate>", "<DepartureDate>2026-11-25</DepartureDate>");

        assertThat(check(OriginSamples.certificate(xml.replace("<IssueDate>2026-11-18</IssueDate>", "<IssueDate>2026-11-23</IssueDate>"))))
                .isEmpty();
        assertThat(check(OriginSamples.certificate(xml.replace("<IssueDate>2026-11-18</IssueDate>", "<IssueDate>2026-11-24</IssueDate>"))))
                .extracting(Violation::code).containsExactly(OriginRules.ISSUE_DATE_IN_FUTURE);
    }

    @Test
    void issuedRetroactivelyAndFlaggedWithinOneYearIsAccepted() {
        String xml = OriginSamples.text(VALID.resolve("form-e-durian-th-cn.xml"))
                .replace("<DepartureDate>2026-11-13</DepartureDate>", "<DepartureDate>2026-06-01</DepartureDate>")
                .replace("<Flags/>", "<Flags><IssuedRetroactively>true</IssuedRetroactively></Flags>");

        assertThat(check(OriginSamples.certificate(xml))).isEmpty();
    }

    @Test
    void explicitShipmentDateWinsOverDepartureDate() {
        String xml = OriginSamples.text(VALID.resolve("csfta-ev-cn-sg.xml"))
                .replace("<ShipmentDate>2026-11-10</ShipmentDate>", "<ShipmentDate>2026-11-08</ShipmentDate>");

        assertThat(check(OriginSamples.certificate(xml))).extracting(Violation::code)
                .containsExactly(OriginRules.RETROACTIVE_NOT_FLAGGED);
    }

    @Test
    void thirdCountryInvoicingAllowsAConsigneeOutsideTheImportingCountry() {
        String xml = OriginSamples.text(INVALID.resolve("consignee-country-mismatch.xml"))
                .replace("<ThirdCountryInvoicing>false</ThirdCountryInvoicing>", "<ThirdCountryInvoicing>true</ThirdCountryInvoicing>");

        assertThat(check(OriginSamples.certificate(xml))).isEmpty();
    }

    @Test
    void approvedExporterMayDeclareOriginUnderRcepButNotAcfta() {
        String rcep = OriginSamples.text(VALID.resolve("rcep-approved-exporter-cn-sg.xml"));
        String acfta = rcep.replace("<Agreement>RCEP</Agreement>", "<Agreement>ACFTA</Agreement>")
                .replace("<FormType>RCEP</FormType>", "<FormType>E</FormType>");

        assertThat(check(OriginSamples.certificate(rcep))).isEmpty();
        assertThat(check(OriginSamples.certificate(acfta))).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OriginRules.ISSUER_REQUIRED);
            assertThat(v.path()).isEqualTo("/CertificateOfOrigin/ApprovedExporter");
        });
    }

    @Test
    void certificateWithoutAnyIssuerIsRefusedWhenBuiltInCode() {
        CertificateOfOrigin certificate = OriginSamples.certificate(VALID.resolve("form-e-durian-th-cn.xml"));
        certificate.setIssuingBody(null);

        assertThat(check(certificate)).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(OriginRules.ISSUER_REQUIRED);
            assertThat(v.path()).isEqualTo("/CertificateOfOrigin");
        });
    }

    @Test
    void unknownExportingCountryIsReportedOnceAsUnknownNotAsOutsideTheAgreement() {
        String xml = OriginSamples.text(VALID.resolve("form-e-durian-th-cn.xml"))
                .replace("<ExportingCountry>TH</ExportingCountry>", "<ExportingCountry>TX</ExportingCountry>");

        assertThat(check(OriginSamples.certificate(xml))).extracting(Violation::code, Violation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OriginRules.COUNTRY_UNKNOWN, "/CertificateOfOrigin/ExportingCountry"));
    }

    @Test
    void schemaRefusesCertificateWithBothIssuingBodyAndApprovedExporter() {
        String xml = OriginSamples.text(VALID.resolve("form-e-durian-th-cn.xml"))
                .replace("</IssuingBody>", "</IssuingBody>\n  <ApprovedExporter><ApprovalNo>X1</ApprovalNo><Name>X</Name></ApprovedExporter>");

        assertThat(OriginSamples.schemaErrors(xml.getBytes())).isNotEmpty();
    }

    @Test
    void schemaRefusesLowercaseCriterionAndUnknownAgreement() {
        String valid = OriginSamples.text(VALID.resolve("form-e-durian-th-cn.xml"));

        assertThat(OriginSamples.schemaErrors(valid.replace("<OriginCriterion>WO", "<OriginCriterion>wo").getBytes())).isNotEmpty();
        assertThat(OriginSamples.schemaErrors(valid.replace("<Agreement>ACFTA", "<Agreement>AANZFTA").getBytes())).isNotEmpty();
    }

    private List<Violation> check(CertificateOfOrigin certificate) {
        RuleViolations out = new RuleViolations();
        rules.check(certificate, out);
        return out.list();
    }

    private static List<Violation> checkAt(CertificateOfOrigin certificate, String instant) {
        RuleViolations out = new RuleViolations();
        new OriginRules(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).check(certificate, out);
        return out.list();
    }

    private static String codeOf(Path sample) {
        return sample.getFileName().toString().replace(".xml", "").toUpperCase().replace('-', '_');
    }

    private static List<String> ruleCodes() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : OriginRules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        return codes;
    }
}
