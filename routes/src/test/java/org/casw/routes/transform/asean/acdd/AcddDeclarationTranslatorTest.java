package org.casw.routes.transform.asean.acdd;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import jakarta.xml.bind.JAXBContext;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.AseanSamples;
import org.casw.routes.transform.asean.AseanTranslationCodes;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import org.casw.schemas.asean.acdd.Declaration;
import org.casw.schemas.asean.acdd.GovernmentAgencyGoodsItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** China export declarations become ACDDs with international codes; imports and unmappable codes are refused. */
class AcddDeclarationTranslatorTest {

    private static final Path RAIL_EXPORT = AseanSamples.SAMPLES.resolve("declaration/valid/export-rail-two-containers.xml");
    private static final Path SEA_EXPORT = AseanSamples.NATIVE.resolve("export-sea-ev-csfta.xml");

    private final AcddDeclarationTranslator translator = new AcddDeclarationTranslator(AseanSamples.READER);

    static Stream<Arguments> exports() {
        return Stream.of(
                Arguments.of(RAIL_EXPORT, AseanSamples.ACDD.resolve("valid/export-rail-two-containers.xml")),
                Arguments.of(SEA_EXPORT, AseanSamples.ACDD.resolve("valid/export-sea-ev-csfta.xml")));
    }

    @ParameterizedTest
    @MethodSource("exports")
    void exportDeclarationTranslatesToTheCommittedAcdd(Path declaration, Path golden) {
        Translation acdd = translator.fromNative(DocumentType.DECLARATION, AseanSamples.bytes(declaration));

        assertThat(acdd.violations()).isEmpty();
        assertThat(acdd.type()).isEqualTo(DocumentType.DECLARATION);
        assertThat(acdd.contentType()).isEqualTo("application/xml");
        assertThat(AseanSamples.text(acdd.payload())).isEqualTo(AseanSamples.golden(golden));
    }

    @ParameterizedTest
    @MethodSource("exports")
    void translatedAcddIsValidAgainstTheAcddSchema(Path declaration, Path golden) {
        Translation acdd = translator.fromNative(DocumentType.DECLARATION, AseanSamples.bytes(declaration));

        assertThat(AseanSamples.acddSchemaViolations(acdd.payload())).isEmpty();
    }

    @Test
    void theFullExportInputIsAValidNativeDeclaration() {
        assertThat(new DocumentValidator(null, AseanSamples.CLOCK).validate(AseanSamples.bytes(SEA_EXPORT)).violations()).isEmpty();
    }

    @Test
    void chinaCodesBecomeInternationalCodes() throws Exception {
        Declaration acdd = read(translator.fromNative(DocumentType.DECLARATION, AseanSamples.bytes(RAIL_EXPORT)).payload());

        assertThat(acdd.getBorderTransportMeans().getModeCode()).as("waterway 2 is Rec 19 maritime 1").isEqualTo("1");
        assertThat(acdd.getGoodsShipment().getConsignment().getTransportContractDocument().getTypeCode()).as("bill of lading").isEqualTo("705");
        assertThat(acdd.getGoodsShipment().getTradeCountryCode()).isEqualTo("SG");
        assertThat(acdd.getGoodsShipment().getConsignment().getTransportEquipment()).extracting(e -> e.getID())
                .containsExactly("CSQU3054383", "ZEPU0037255");
        GovernmentAgencyGoodsItem first = acdd.getGoodsShipment().getGovernmentAgencyGoodsItem().get(0);
        assertThat(first.getGoodsMeasure().getDeclaredQuantity().getUnitCode()).as("China unit 007 is Rec 20 H87").isEqualTo("H87");
        assertThat(first.getOrigin().getCountryCode()).isEqualTo("CN");
        assertThat(first.getDestination().getCountryCode()).isEqualTo("SG");
        assertThat(first.getCommodity().getClassification()).extracting(c -> c.getID() + " " + c.getIdentificationTypeCode().value())
                .containsExactly("848310 HS", "8483109000 CN");
        assertThat(first.getStatisticalValueAmount().getCurrencyID()).isEqualTo("USD");
        assertThat(first.getGoodsMeasure().getNetMassMeasure()).as("items of a two-item declaration are not weighed").isNull();
    }

    @Test
    void importDeclarationIsNotApplicable() {
        Translation refused = translator.fromNative(DocumentType.DECLARATION,
                AseanSamples.bytes(AseanSamples.SAMPLES.resolve("declaration/valid/import-durian-sea.xml")));

        assertThat(refused.payload()).isNull();
        assertThat(refused.violations()).extracting(Violation::code, Violation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, "/DecMessage/DecHead/IEFlag"));
    }

    @Test
    void onlyDeclarationsTranslate() {
        assertThat(translator.translates(DocumentType.DECLARATION)).isTrue();
        assertThat(translator.translates(DocumentType.MANIFEST)).isFalse();
        assertThat(translator.translates(DocumentType.CERTIFICATE_OF_ORIGIN)).isFalse();
        assertThat(translator.fromNative(DocumentType.MANIFEST, AseanSamples.bytes(RAIL_EXPORT)).violations())
                .extracting(Violation::code).containsExactly(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE);
        assertThat(translator.format()).isEqualTo("WCO-ACDD");
    }

    @Test
    void everyCodeWithoutAnInternationalCounterpartIsReportedWithItsPath() {
        String declaration = AseanSamples.text(AseanSamples.bytes(SEA_EXPORT))
                .replace("<TrafMode>2</TrafMode>", "<TrafMode>Y</TrafMode>")
                .replace("<TransMode>3</TransMode>", "<TransMode>4</TransMode>")
                .replace("<DespPortCode>CNQZH</DespPortCode>", "<DespPortCode>CNQZ01</DespPortCode>")
                .replace("<GUnit>007</GUnit>", "<GUnit>999</GUnit>")
                .replace("<OriginCountry>CHN</OriginCountry>", "<OriginCountry>XKX</OriginCountry>")
                .replace("<TradeCurr>CNY</TradeCurr>", "<TradeCurr>XYZ</TradeCurr>");

        Translation refused = translator.fromNative(DocumentType.DECLARATION, declaration.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.ok()).isFalse();
        assertThat(refused.payload()).isNull();
        assertThat(refused.violations()).allSatisfy(v -> assertThat(v.code()).isEqualTo(AseanTranslationCodes.CODE_NOT_MAPPABLE));
        assertThat(refused.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/DecMessage/DecHead/TrafMode", "/DecMessage/DecHead/TransMode", "/DecMessage/DecHead/DespPortCode",
                "/DecMessage/DecLists/DecList/GUnit", "/DecMessage/DecLists/DecList/OriginCountry", "/DecMessage/DecLists/DecList/TradeCurr");
    }

    @Test
    void aSecondItemIsPointedAtByPosition() {
        String declaration = AseanSamples.text(AseanSamples.bytes(RAIL_EXPORT))
                .replaceFirst("(?s)(<GNo>2</GNo>.*?<GUnit>)007(</GUnit>)", "$1999$2");

        Translation refused = translator.fromNative(DocumentType.DECLARATION, declaration.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.violations()).extracting(Violation::path).containsExactly("/DecMessage/DecLists/DecList[2]/GUnit");
    }

    private static Declaration read(byte[] acdd) throws Exception {
        return (Declaration) JAXBContext.newInstance(Declaration.class).createUnmarshaller().unmarshal(new ByteArrayInputStream(acdd));
    }
}
