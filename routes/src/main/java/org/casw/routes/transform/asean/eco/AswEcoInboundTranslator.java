package org.casw.routes.transform.asean.eco;

import java.util.Set;
import javax.xml.namespace.QName;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.PartnerXml;
import org.casw.routes.transform.asean.XmlWriter;
import org.casw.schemas.asean.eco.Box13;
import org.casw.schemas.asean.eco.Certificate;
import org.casw.schemas.asean.eco.EcoMessage;
import org.casw.schemas.asean.eco.GoodsItem;
import org.casw.schemas.asean.eco.Party;
import org.casw.schemas.asean.eco.UtilizationNotice;
import org.casw.schemas.asean.eco.UtilizedItem;

/**
 * Reads a partner single window's ASW-ECO message into the native document: a certificate into a
 * CertificateOfOrigin that the intake validates and registers like any native certificate, a
 * utilization notice into a CertificateUtilization. The envelope (message id, sender, receiver) is
 * transport information and stays with the raw payload.
 */
public class AswEcoInboundTranslator implements InboundTranslator {

    static final QName ROOT = new QName(AswEco.NAMESPACE, "EcoMessage");

    private final PartnerXml eco = new PartnerXml(AswEco.FORMAT, Set.of(ROOT), "xsd/asw-eco.xsd", EcoMessage.class);

    @Override
    public String format() {
        return AswEco.FORMAT;
    }

    @Override
    public boolean recognises(byte[] payload) {
        return eco.recognises(payload);
    }

    @Override
    public Translation toNative(byte[] payload) {
        PartnerXml.Read<EcoMessage> read = eco.read(payload, EcoMessage.class);
        if (!read.ok()) {
            return Translation.refused(null, read.violations());
        }
        EcoMessage message = read.document();
        if (message.getCertificate() != null) {
            return Translation.of(certificate(message.getCertificate()), DocumentType.CERTIFICATE_OF_ORIGIN, AswEco.CONTENT_TYPE);
        }
        return Translation.of(utilization(message.getUtilizationNotice()), DocumentType.CERTIFICATE_UTILIZATION, AswEco.CONTENT_TYPE);
    }

    private static byte[] certificate(Certificate c) {
        XmlWriter x = new XmlWriter(AswEco.ORIGIN_NAMESPACE);
        x.open("CertificateOfOrigin", "version", "1.0");
        x.leaf("CertificateNo", c.getReferenceNo());
        x.leaf("Agreement", c.getAgreement().value());
        x.leaf("FormType", c.getFormType().value());
        x.leaf("ExportingCountry", c.getExportingCountry());
        x.leaf("ImportingCountry", c.getImportingCountry());
        x.leaf("IssueDate", AswEco.text(c.getIssueDate()));
        x.leaf("ShipmentDate", AswEco.text(c.getShipmentDate()));
        if (c.getIssuingAuthority() != null) {
            x.open("IssuingBody").leaf("Name", c.getIssuingAuthority().getName()).leaf("Country", c.getIssuingAuthority().getCountry())
                    .leaf("Code", c.getIssuingAuthority().getCode()).close();
        } else {
            x.open("ApprovedExporter").leaf("ApprovalNo", c.getApprovedExporter().getApprovalNo())
                    .leaf("Name", c.getApprovedExporter().getName()).close();
        }
        party(x, "Exporter", c.getExporter());
        party(x, "Consignee", c.getConsignee());
        x.open("Transport")
                .leaf("DepartureDate", AswEco.text(c.getTransport().getDepartureDate()))
                .leaf("VesselOrFlight", c.getTransport().getMeansOfTransport())
                .leaf("PortOfLoading", c.getTransport().getPortOfLoading())
                .leaf("PortOfDischarge", c.getTransport().getPortOfDischarge())
                .close();
        x.leaf("OfficialUse", c.getOfficialUse());
        for (GoodsItem item : c.getGoodsItem()) {
            item(x, item);
        }
        x.open("ExporterDeclaration").leaf("Place", c.getExporterDeclaration().getPlace())
                .leaf("Date", AswEco.text(c.getExporterDeclaration().getDate()))
                .leaf("SignatoryName", c.getExporterDeclaration().getSignatoryName()).close();
        if (c.getCertification() != null) {
            x.open("Certification").leaf("Place", c.getCertification().getPlace())
                    .leaf("Date", AswEco.text(c.getCertification().getDate()))
                    .leaf("OfficerName", c.getCertification().getOfficerName()).close();
        }
        flags(x, c.getBox13());
        if (c.getOriginalCertificate() != null) {
            x.open("OriginalCertificate").leaf("CertificateNo", c.getOriginalCertificate().getReferenceNo())
                    .leaf("IssueDate", AswEco.text(c.getOriginalCertificate().getIssueDate()))
                    .leaf("IssuingCountry", c.getOriginalCertificate().getIssuingCountry()).close();
        }
        if (c.getAuthorisedSignatory() != null) {
            x.open("IssuingBodySignature").leaf("SignerName", c.getAuthorisedSignatory().getName())
                    .leaf("SignedAt", AswEco.text(c.getAuthorisedSignatory().getSignedAt())).close();
        }
        x.close();
        return x.bytes();
    }

    private static void item(XmlWriter x, GoodsItem item) {
        x.open("Item");
        x.leaf("ItemNo", item.getItemNumber());
        x.leaf("Marks", item.getMarksAndNumbers());
        x.leaf("PackageCount", item.getPackages().getCount());
        x.leaf("PackageKind", item.getPackages().getKindCode());
        x.leaf("Description", item.getGoodsDescription());
        x.leaf("HsCode", item.getHSCode());
        x.leaf("OriginCriterion", item.getOriginCriterion());
        x.leaf("GrossWeight", item.getGrossWeight() == null ? null : item.getGrossWeight().getValue());
        x.leaf("Quantity", item.getQuantity().getValue());
        x.leaf("QuantityUnit", item.getQuantity().getUnitCode());
        if (item.getFOBValue() != null) {
            x.leaf("FobValue", item.getFOBValue().getValue(), "currency", item.getFOBValue().getCurrency());
        }
        x.leaf("InvoiceNo", item.getInvoice().getNumber());
        x.leaf("InvoiceDate", AswEco.text(item.getInvoice().getDate()));
        x.close();
    }

    private static void flags(XmlWriter x, Box13 box) {
        if (box.isThirdCountryInvoicing() == null && box.isBackToBack() == null && box.isExhibition() == null
                && box.isIssuedRetroactively() == null && box.isAccumulation() == null && box.isDeMinimis() == null
                && box.isPartialCumulation() == null) {
            x.empty("Flags");
            return;
        }
        x.open("Flags")
                .leaf("ThirdCountryInvoicing", box.isThirdCountryInvoicing())
                .leaf("BackToBack", box.isBackToBack())
                .leaf("Exhibition", box.isExhibition())
                .leaf("IssuedRetroactively", box.isIssuedRetroactively())
                .leaf("Accumulation", box.isAccumulation())
                .leaf("DeMinimis", box.isDeMinimis())
                .leaf("PartialCumulation", box.isPartialCumulation())
                .close();
    }

    private static byte[] utilization(UtilizationNotice notice) {
        XmlWriter x = new XmlWriter(AswEco.ORIGIN_NAMESPACE);
        x.open("CertificateUtilization", "version", "1.0");
        x.leaf("NoticeId", notice.getNoticeID());
        x.leaf("CertificateNo", notice.getCertificateReferenceNo());
        x.leaf("ImportingCountry", notice.getImportingCountry());
        x.leaf("DeclarationEntryId", notice.getImportDeclarationNo());
        x.leaf("UsedOn", AswEco.text(notice.getUtilizationDate()));
        for (UtilizedItem used : notice.getUtilizedItem()) {
            x.open("UsedItem").leaf("ItemNo", used.getItemNumber()).leaf("Quantity", used.getQuantity().getValue())
                    .leaf("QuantityUnit", used.getQuantity().getUnitCode()).close();
        }
        x.close();
        return x.bytes();
    }

    private static void party(XmlWriter x, String role, Party party) {
        x.open(role).leaf("Name", party.getName()).leaf("Address", party.getAddress()).leaf("Country", party.getCountry())
                .leaf("ID", party.getID()).close();
    }
}
