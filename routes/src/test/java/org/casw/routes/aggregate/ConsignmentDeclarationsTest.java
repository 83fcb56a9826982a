package org.casw.routes.aggregate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.rules.BusinessRules;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.declaration.DecMessage;
import org.casw.testsupport.SampleEra;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The split of an aggregate declaration into one customs declaration per consignment. */
class ConsignmentDeclarationsTest {

    private static final Path SAMPLES = Samples.path("aggregate-declaration");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "aggregate", "consignment-2-declaration.xml");

    private final ConsignmentDeclarations composer = new ConsignmentDeclarations();

    @Test
    void consignmentTwoIsComposedExactlyAsTheGoldenDeclaration() throws IOException {
        AggregateDeclaration aggregate = aggregate("valid/qinzhou-bonded-three-consignments.xml");

        byte[] composed = composer.marshal(composer.compose(aggregate, 2));

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "consignment-2-declaration.actual.xml"), composed);
        assertThat(new String(composed, StandardCharsets.UTF_8)).isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void everyComposedDeclarationPassesTheDeclarationSchemaAndRules() throws IOException {
        List<DecMessage> declarations = composer.compose(aggregate("valid/qinzhou-bonded-three-consignments.xml"));
        BusinessRules rules = new BusinessRules(null, new DocumentReader(), SampleEra.CLOCK);

        assertThat(declarations).hasSize(3);
        for (DecMessage declaration : declarations) {
            assertThat(TestDocuments.schemaErrors(DocumentType.DECLARATION, composer.marshal(declaration))).isEmpty();
            assertThat(rules.check(DocumentType.DECLARATION, declaration)).isEmpty();
        }
        assertThat(declarations).extracting(d -> DecMessages.sign(d).getClientSeqNo())
                .containsExactly("QZBZ-AGG-202611-0001-1", "QZBZ-AGG-202611-0001-2", "QZBZ-AGG-202611-0001-3");
        assertThat(declarations).extracting(d -> d.getDecHead().getBillNo()).containsExactly("PILQZH2611011", "PILQZH2611019", "PILQZH2611027");
    }

    @Test
    void aBadFieldOfOneConsignmentIsReportedAtItsPlaceInTheAggregate() throws IOException {
        List<Violation> violations = new DocumentValidator(null, SampleEra.CLOCK).validate(Files.readAllBytes(SAMPLES.resolve("invalid/hs-code-unknown.xml"))).violations();

        assertThat(violations).extracting(Violation::code, Violation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HS_CODE_UNKNOWN", "/AggregateDeclaration/Consignment[2]/Item/CodeTS"));
        assertThat(violations.get(0).message()).startsWith("Consignment 2 (bill PILQZH2611019): Commodity code 0810999999");
    }

    @Test
    void headerFieldsAreReportedOnceAtTheHeaderNotPerConsignment() throws IOException {
        List<Violation> violations = new DocumentValidator(null, SampleEra.CLOCK).validate(Files.readAllBytes(SAMPLES.resolve("invalid/uscc-check-character.xml"))).violations();

        assertThat(violations).extracting(Violation::path).containsExactly("/AggregateDeclaration/DeclarantScc");
    }

    @Test
    void declarationPathsMapToTheAggregatesOwnElements() {
        assertThat(ConsignmentPaths.toAggregate("/DecMessage/DecLists/DecList[3]/GUnit", 1)).isEqualTo("/AggregateDeclaration/Consignment/Item[3]/GUnit");
        assertThat(ConsignmentPaths.toAggregate("/DecMessage/DecContainers/Container[2]/ContainerId", 4))
                .isEqualTo("/AggregateDeclaration/Consignment[4]/Container[2]/ContainerId");
        assertThat(ConsignmentPaths.toAggregate("/DecMessage/DecHead/NetWt", 2)).isEqualTo("/AggregateDeclaration/Consignment[2]/NetWt");
        assertThat(ConsignmentPaths.toAggregate("/DecMessage/DecHead/CustomMaster", 2)).isEqualTo("/AggregateDeclaration/CustomsOffice");
        assertThat(ConsignmentPaths.toAggregate("/DecMessage/DecSign/ClientSeqNo", 2)).isEqualTo("/AggregateDeclaration/AggregateId");
    }

    private static AggregateDeclaration aggregate(String sample) throws IOException {
        return (AggregateDeclaration) TestDocuments.read(DocumentType.AGGREGATE_DECLARATION, Files.readAllBytes(SAMPLES.resolve(sample)));
    }
}
