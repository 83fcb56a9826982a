package org.casw.routes.transform.asean.acdd;

import java.util.List;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.AseanTranslationCodes;
import org.casw.routes.transform.asean.InternationalCodes;
import org.casw.routes.transform.asean.XmlWriter;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.EcoRelation;
import org.casw.schemas.declaration.IEFlag;
import org.casw.schemas.declaration.LicenseDocu;

/**
 * Writes a China export declaration as an ASEAN Customs Declaration Document (format {@code WCO-ACDD},
 * schema {@code xsd/acdd.xsd}) for the importing member state: WCO Data Model names, international
 * codes (ISO 3166 alpha-2, UN/ECE Rec 20 units, Rec 19 transport modes, Incoterms). Only exports
 * translate; a code without an international counterpart refuses the translation rather than drop it.
 */
public class AcddDeclarationTranslator implements OutboundTranslator {

    public static final String FORMAT = "WCO-ACDD";
    public static final String NAMESPACE = "urn:casw:asean:acdd:1";
    public static final String CONTENT_TYPE = "application/xml";

    /** UN/EDIFACT 1225: 9 = original. The native declaration is always a first lodgement; changes go by DecModification. */
    private static final String FUNCTION_ORIGINAL = "9";
    /** UN/EDIFACT 1001: 861 = certificate of origin. */
    private static final String CERTIFICATE_OF_ORIGIN = "861";
    private static final String ROOT = "/DecMessage";
    private static final String HEAD = ROOT + "/DecHead";

    private final DocumentReader reader;

    public AcddDeclarationTranslator() {
        this(new DocumentReader());
    }

    /** Shares the gateway's reader: its JAXB context is expensive to build. */
    public AcddDeclarationTranslator(DocumentReader reader) {
        this.reader = reader;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.DECLARATION;
    }

    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        if (!translates(type)) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, null,
                    "Only customs declarations can be written as an ACDD, not a " + type + ".")));
        }
        DecMessage declaration;
        try {
            declaration = (DecMessage) reader.read(type, nativeXml);
        } catch (IllegalArgumentException e) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, ROOT,
                    "The declaration could not be read: " + e.getMessage())));
        }
        DecHead head = declaration.getDecHead();
        if (head.getIEFlag() != IEFlag.E) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, HEAD + "/IEFlag",
                    "The ACDD carries export declarations only; this declaration's IEFlag is " + head.getIEFlag().value() + ".")));
        }
        InternationalCodes codes = new InternationalCodes();
        byte[] acdd = write(declaration, codes);
        List<Violation> violations = codes.violations();
        return violations.isEmpty() ? Translation.of(acdd, type, CONTENT_TYPE) : Translation.refused(type, violations);
    }

    private static byte[] write(DecMessage declaration, InternationalCodes codes) {
        DecHead head = declaration.getDecHead();
        List<DecList> items = declaration.getDecLists().getDecList();
        XmlWriter x = new XmlWriter(NAMESPACE);
        x.open("Declaration", "version", "1.0");
        x.leaf("FunctionCode", FUNCTION_ORIGINAL);
        x.leaf("TraderAssignedReferenceID", DecMessages.sign(declaration).getClientSeqNo());
        x.leaf("ID", head.getEntryId());
        x.leaf("TypeCode", "EX");
        x.leaf("IssueDate", isoDate(DecMessages.declarationDay(declaration)));
        x.leaf("ExitDate", isoDate(head.getIEDate()));
        x.leaf("GoodsItemQuantity", items.size());
        x.leaf("TotalPackageQuantity", head.getPackNo());
        x.leaf("TotalGrossMassMeasure", head.getGrossWet(), "unitCode", "KGM");
        x.leaf("TotalNetMassMeasure", head.getNetWt(), "unitCode", "KGM");
        x.open("DeclarationOffice").leaf("ID", head.getCustomMaster()).close();
        if (head.getIEPort() != null) {
            x.open("ExitOffice").leaf("ID", head.getIEPort()).close();
        }
        party(x, "Declarant", head.getAgentCodeScc(), head.getAgentName());
        party(x, "Exporter", DecMessages.tradeCoScc(declaration), head.getTradeName());
        for (LicenseDocu licence : DecMessages.licences(declaration)) {
            x.open("AdditionalDocument").leaf("ID", licence.getCertCode()).leaf("NationalTypeCode", licence.getDocuCode()).close();
        }
        if (head.getNoteS() != null) {
            x.open("AdditionalInformation").leaf("StatementDescription", head.getNoteS()).close();
        }
        String mode = codes.transportMode(head.getTrafMode(), HEAD + "/TrafMode");
        x.open("BorderTransportMeans").leaf("ModeCode", mode).leaf("Name", head.getTrafName())
                .leaf("JourneyID", DecMessages.voyageNo(declaration)).close();
        goodsShipment(x, declaration, mode, codes);
        x.close();
        return x.bytes();
    }

    private static void goodsShipment(XmlWriter x, DecMessage declaration, String mode, InternationalCodes codes) {
        DecHead head = declaration.getDecHead();
        x.open("GoodsShipment");
        String importer = DecMessages.overseasPartyName(declaration);
        if (importer != null) {
            x.open("Importer").leaf("Name", importer).close();
        }
        String terms = codes.incoterms(head.getTransMode(), HEAD + "/TransMode");
        if (terms != null) {
            x.open("TradeTerms").leaf("ConditionCode", terms).close();
        }
        x.leaf("TradeCountryCode", codes.country(head.getTradeCountry(), HEAD + "/TradeCountry"));
        x.open("GovernmentProcedure").leaf("NationalCode", head.getTradeMode()).leaf("NationalLevyKindCode", head.getCutMode()).close();
        consignment(x, declaration, mode, codes);
        // a China export declaration exports from China by definition
        x.open("ExportCountry").leaf("ID", "CN").close();
        List<DecList> items = declaration.getDecLists().getDecList();
        for (int i = 0; i < items.size(); i++) {
            goodsItem(x, declaration, items.get(i), ROOT + "/DecLists/" + indexed("DecList", i), items.size() == 1, codes);
        }
        x.close();
    }

    private static void consignment(XmlWriter x, DecMessage declaration, String mode, InternationalCodes codes) {
        DecHead head = declaration.getDecHead();
        x.open("Consignment");
        x.open("TransportContractDocument").leaf("ID", head.getBillNo())
                .leaf("TypeCode", InternationalCodes.transportDocument(mode)).close();
        String loading = codes.location(head.getDespPortCode(), HEAD + "/DespPortCode");
        if (loading != null) {
            x.open("LoadingLocation").leaf("ID", loading).close();
        }
        String unloading = codes.location(head.getDistinatePort(), HEAD + "/DistinatePort");
        if (unloading != null) {
            x.open("UnloadingLocation").leaf("ID", unloading).close();
        }
        int sequence = 0;
        for (Container container : DecMessages.containers(declaration)) {
            x.open("TransportEquipment")
                    .leaf("SequenceNumeric", ++sequence)
                    .leaf("ID", container.getContainerId())
                    .leaf("CharacteristicCode", container.getContainerMd())
                    .leaf("TareMassMeasure", container.getContainerWt(), "unitCode", "KGM")
                    .leaf("LessThanContainerLoadIndicator", container.getLclFlag() == null ? null : "1".equals(container.getLclFlag()))
                    .leaf("GoodsItemReference", container.getGoodsNo())
                    .close();
        }
        x.close();
    }

    private static void goodsItem(XmlWriter x, DecMessage declaration, DecList item, String at, boolean only, InternationalCodes codes) {
        String currency = codes.currency(item.getTradeCurr(), at + "/TradeCurr");
        x.open("GovernmentAgencyGoodsItem");
        x.leaf("SequenceNumeric", item.getGNo());
        x.leaf("StatisticalValueAmount", item.getDeclTotal(), "currencyID", currency);
        x.open("Commodity")
                .leaf("Description", item.getGName())
                .leaf("SpecificationText", item.getGModel())
                .leaf("UnitPriceAmount", item.getDeclPrice(), "currencyID", currency);
        x.open("Classification").leaf("ID", item.getCodeTS().substring(0, 6)).leaf("IdentificationTypeCode", "HS").close();
        x.open("Classification").leaf("ID", item.getCodeTS()).leaf("IdentificationTypeCode", "CN").close();
        x.close();
        x.open("GoodsMeasure");
        x.leaf("DeclaredQuantity", item.getGQty(), "unitCode", codes.unit(item.getGUnit(), at + "/GUnit"));
        if (item.getFirstQty() != null) {
            x.leaf("TariffQuantity", item.getFirstQty(), "unitCode", codes.unit(item.getFirstUnit(), at + "/FirstUnit"));
        }
        // the native model weighs the declaration, not its items: an item's net mass is known only when it is the only one
        if (only) {
            x.leaf("NetMassMeasure", declaration.getDecHead().getNetWt(), "unitCode", "KGM");
        }
        x.close();
        x.open("Origin").leaf("CountryCode", codes.country(item.getOriginCountry(), at + "/OriginCountry")).close();
        x.open("Destination").leaf("CountryCode", codes.country(item.getDestinationCountry(), at + "/DestinationCountry")).close();
        x.leaf("NationalDutyRegimeCode", item.getDutyMode());
        for (EcoRelation eco : DecMessages.ecoRelations(declaration)) {
            if (eco.getDecGNo() == item.getGNo()) {
                x.open("AdditionalDocument").leaf("ID", eco.getEcoCertNo()).leaf("TypeCode", CERTIFICATE_OF_ORIGIN)
                        .leaf("NationalTypeCode", eco.getCertType()).leaf("LineNumeric", eco.getEcoGNo()).close();
            }
        }
        x.close();
    }

    private static void party(XmlWriter x, String role, String uscc, String name) {
        x.open(role).leaf("ID", uscc, "schemeID", "USCC").leaf("Name", name).close();
    }

    /** China's yyyyMMdd as an XML Schema date. */
    private static String isoDate(String date8) {
        return date8 == null ? null : date8.substring(0, 4) + "-" + date8.substring(4, 6) + "-" + date8.substring(6, 8);
    }

    private static String indexed(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }
}
