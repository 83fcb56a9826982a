package org.casw.routes.transform.asean.eco;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.AseanTranslationCodes;
import org.casw.routes.transform.asean.XmlWriter;
import org.casw.routes.validation.Violation;
import org.casw.schemas.origin.CertificateItem;
import org.casw.schemas.origin.CertificateOfOrigin;
import org.casw.schemas.origin.CertificateUtilization;
import org.casw.schemas.origin.Flags;
import org.casw.schemas.origin.Party;
import org.casw.schemas.origin.UsedItem;

/**
 * Writes a native certificate of origin, or a utilization notice, as an ASW-ECO message (format
 * {@code ASW-ECO}, schema {@code xsd/asw-eco.xsd}). A certificate goes from its exporting country's
 * single window to the importing country's; a utilization notice from the importing country back to
 * the single window of the country that issued the certificate, which the certificate registry knows.
 */
public class AswEcoOutboundTranslator implements OutboundTranslator {

    private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final DocumentReader reader;
    private final Clock clock;
    private final IssuingCountries issuingCountries;

    public AswEcoOutboundTranslator(IssuingCountries issuingCountries) {
        this(new DocumentReader(), Clock.systemUTC(), issuingCountries);
    }

    /** Shares the gateway's reader (its JAXB context is expensive); the clock stamps each envelope. */
    public AswEcoOutboundTranslator(DocumentReader reader, Clock clock, IssuingCountries issuingCountries) {
        this.reader = reader;
        this.clock = clock;
        this.issuingCountries = issuingCountries;
    }

    @Override
    public String format() {
        return AswEco.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.CERTIFICATE_OF_ORIGIN || type == DocumentType.CERTIFICATE_UTILIZATION;
    }

    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        if (!translates(type)) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, null,
                    "Only certificates of origin and their utilization notices travel as ASW-ECO, not a " + type + ".")));
        }
        Object document;
        try {
            document = reader.read(type, nativeXml);
        } catch (IllegalArgumentException e) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.TRANSLATION_NOT_APPLICABLE, null,
                    "The document could not be read: " + e.getMessage())));
        }
        if (document instanceof CertificateOfOrigin co) {
            return Translation.of(certificate(co), type, AswEco.CONTENT_TYPE);
        }
        CertificateUtilization notice = (CertificateUtilization) document;
        Optional<String> issuedIn = issuingCountries.of(notice.getCertificateNo());
        if (issuedIn.isEmpty()) {
            return Translation.refused(type, List.of(Violation.of(AseanTranslationCodes.RECEIVER_UNKNOWN,
                    "/CertificateUtilization/CertificateNo", "Certificate " + notice.getCertificateNo()
                            + " is not in the certificate registry, so the single window that issued it is not known.")));
        }
        return Translation.of(utilization(notice, issuedIn.get()), type, AswEco.CONTENT_TYPE);
    }

    private byte[] certificate(CertificateOfOrigin co) {
        XmlWriter x = envelope("ECO-" + co.getCertificateNo(), co.getExportingCountry(), co.getImportingCountry());
        x.open("Certificate");
        x.leaf("ReferenceNo", co.getCertificateNo());
        x.leaf("Agreement", co.getAgreement().value());
        x.leaf("FormType", co.getFormType().value());
        x.leaf("ExportingCountry", co.getExportingCountry());
        x.leaf("ImportingCountry", co.getImportingCountry());
        x.leaf("IssueDate", AswEco.text(co.getIssueDate()));
        x.leaf("ShipmentDate", AswEco.text(co.getShipmentDate()));
        if (co.getIssuingBody() != null) {
            x.open("IssuingAuthority").leaf("Name", co.getIssuingBody().getName()).leaf("Country", co.getIssuingBody().getCountry())
                    .leaf("Code", co.getIssuingBody().getCode()).close();
        } else {
            x.open("ApprovedExporter").leaf("ApprovalNo", co.getApprovedExporter().getApprovalNo())
                    .leaf("Name", co.getApprovedExporter().getName()).close();
        }
        party(x, "Exporter", co.getExporter());
        party(x, "Consignee", co.getConsignee());
        x.open("Transport")
                .leaf("DepartureDate", AswEco.text(co.getTransport().getDepartureDate()))
                .leaf("MeansOfTransport", co.getTransport().getVesselOrFlight())
                .leaf("PortOfLoading", co.getTransport().getPortOfLoading())
                .leaf("PortOfDischarge", co.getTransport().getPortOfDischarge())
                .close();
        x.leaf("OfficialUse", co.getOfficialUse());
        for (CertificateItem item : co.getItem()) {
            goodsItem(x, item);
        }
        x.open("ExporterDeclaration").leaf("Place", co.getExporterDeclaration().getPlace())
                .leaf("Date", AswEco.text(co.getExporterDeclaration().getDate()))
                .leaf("SignatoryName", co.getExporterDeclaration().getSignatoryName()).close();
        if (co.getCertification() != null) {
            x.open("Certification").leaf("Place", co.getCertification().getPlace())
                    .leaf("Date", AswEco.text(co.getCertification().getDate()))
                    .leaf("OfficerName", co.getCertification().getOfficerName()).close();
        }
        box13(x, co.getFlags());
        if (co.getOriginalCertificate() != null) {
            x.open("OriginalCertificate").leaf("ReferenceNo", co.getOriginalCertificate().getCertificateNo())
                    .leaf("IssueDate", AswEco.text(co.getOriginalCertificate().getIssueDate()))
                    .leaf("IssuingCountry", co.getOriginalCertificate().getIssuingCountry()).close();
        }
        if (co.getIssuingBodySignature() != null) {
            x.open("AuthorisedSignatory").leaf("Name", co.getIssuingBodySignature().getSignerName())
                    .leaf("SignedAt", AswEco.text(co.getIssuingBodySignature().getSignedAt())).close();
        }
        x.close().close();
        return x.bytes();
    }

    private static void goodsItem(XmlWriter x, CertificateItem item) {
        x.open("GoodsItem");
        x.leaf("ItemNumber", item.getItemNo());
        x.leaf("MarksAndNumbers", item.getMarks());
        x.open("Packages").leaf("Count", item.getPackageCount()).leaf("KindCode", item.getPackageKind()).close();
        x.leaf("GoodsDescription", item.getDescription());
        x.leaf("HSCode", item.getHsCode());
        x.leaf("OriginCriterion", item.getOriginCriterion());
        x.leaf("GrossWeight", item.getGrossWeight(), "unitCode", "KGM");
        x.leaf("Quantity", item.getQuantity(), "unitCode", item.getQuantityUnit());
        if (item.getFobValue() != null) {
            x.leaf("FOBValue", item.getFobValue().getValue(), "currency", item.getFobValue().getCurrency());
        }
        x.open("Invoice").leaf("Number", item.getInvoiceNo()).leaf("Date", AswEco.text(item.getInvoiceDate())).close();
        x.close();
    }

    /** Box 13 carries exactly the ticks the certificate states, so an unstated tick stays unstated. */
    private static void box13(XmlWriter x, Flags flags) {
        if (flags == null || (flags.isThirdCountryInvoicing() == null && flags.isBackToBack() == null && flags.isExhibition() == null
                && flags.isIssuedRetroactively() == null && flags.isAccumulation() == null && flags.isDeMinimis() == null
                && flags.isPartialCumulation() == null)) {
            x.empty("Box13");
            return;
        }
        x.open("Box13")
                .leaf("ThirdCountryInvoicing", flags.isThirdCountryInvoicing())
                .leaf("BackToBack", flags.isBackToBack())
                .leaf("Exhibition", flags.isExhibition())
                .leaf("IssuedRetroactively", flags.isIssuedRetroactively())
                .leaf("Accumulation", flags.isAccumulation())
                .leaf("DeMinimis", flags.isDeMinimis())
                .leaf("PartialCumulation", flags.isPartialCumulation())
                .close();
    }

    private byte[] utilization(CertificateUtilization notice, String issuingCountry) {
        XmlWriter x = envelope(notice.getNoticeId(), notice.getImportingCountry(), issuingCountry);
        x.open("UtilizationNotice");
        x.leaf("NoticeID", notice.getNoticeId());
        x.leaf("CertificateReferenceNo", notice.getCertificateNo());
        x.leaf("ImportingCountry", notice.getImportingCountry());
        x.leaf("ImportDeclarationNo", notice.getDeclarationEntryId());
        x.leaf("UtilizationDate", AswEco.text(notice.getUsedOn()));
        for (UsedItem used : notice.getUsedItem()) {
            x.open("UtilizedItem").leaf("ItemNumber", used.getItemNo())
                    .leaf("Quantity", used.getQuantity(), "unitCode", used.getQuantityUnit()).close();
        }
        x.close().close();
        return x.bytes();
    }

    private XmlWriter envelope(String messageId, String senderCountry, String receiverCountry) {
        XmlWriter x = new XmlWriter(AswEco.NAMESPACE);
        x.open("EcoMessage", "version", "1.0");
        x.open("Envelope")
                .leaf("MessageID", messageId)
                .leaf("SentAt", SENT_AT.format(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS)))
                .open("Sender").leaf("Country", senderCountry).close()
                .open("Receiver").leaf("Country", receiverCountry).close()
                .close();
        return x;
    }

    private static void party(XmlWriter x, String role, Party party) {
        x.open(role).leaf("Name", party.getName()).leaf("Address", party.getAddress()).leaf("Country", party.getCountry())
                .leaf("ID", party.getID()).close();
    }
}
