package org.casw.routes.transform.edifact;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.casw.routes.document.DeclarationStatus;
import org.casw.routes.document.DocumentType;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.partner.PartnerProfile;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.validation.Violation;
import org.casw.schemas.declaration.DecImportResponse;
import org.casw.schemas.declaration.DecReceipt;
import org.casw.schemas.declaration.DeclarationStatusCode;
import org.casw.schemas.decresult.DecData;
import org.casw.schemas.decresult.DecResult;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.manifest.ResponseCode;

import static org.casw.routes.transform.edifact.EdifactOut.c;

/**
 * Writes a customs receipt (declaration {@code DecReceipt}, {@code DEC_RESULT} or {@code DEC_DATA}, or
 * {@code ManifestReceipt}) as a UN/EDIFACT CUSRES, directory D.96B, for partners that take EDIFACT. The gateway's
 * implementation guide:
 *
 * <pre>
 * UNB S002 / S003        the gateway's and the receiver's interchange ids and qualifiers, as the receiver's agreement
 *                        names them; without a receiver (the command line) the gateway's id CASW-GATEWAY:ZZZ for both,
 *                        as a receipt does not name whom it answers
 * UNB S004 / 0020        the preparation time (China time); the receiver's next control reference
 * BGM                    C002/1001 23 (status information), 1004 ReceiptId / ReceiptID (customs' receipts: the
 *                        unified number, '-' and the status), 1225 9 (original),
 *                        4343 response type from the receipt status (below)
 * DTM+137                NoticeDate (format 304, CCYYMMDDHHMMSS with its UTC offset, e.g. ?+08) /
 *                        IssueDateTime (format 204, China time)
 * FTX+AAI                Note / ResponseText when not rejected: general information
 *                        (C108 5 x an..70 cut at spaces, up to 5 FTX)
 * LOC+22                 CustomMaster, the customs office (C517/3225, agency ZZZ)
 * GIS                    the receipt's own status code (C529/7365, agency ZZZ): nothing is lost in translation
 * RFF+ACW                the original message: ClientSeqNo (the declarant's id) / MessageID (the manifest's id)
 * RFF+ACD                the gateway tracking id it was delivered with (SeqNo / TrackingID), or customs' unified
 *                        number (SEQ_NO / CUS_CIQ_NO)
 * RFF+ABT                the customs entry id (EntryId, 18 digits)
 * RFF+BM                 the bill of lading (TransportContractDocumentID)
 * ERP+1 / ERC / FTX+AAO  for a rejection, the error group last: error point "whole message", ERC C901/9321 the
 *                        native status, and the Note / ResponseText as the error description
 *
 * The order is D.96B's segment table (BGM, DTM, FTX, LOC, GIS, SG3 RFF, SG4 ERP-RFF-ERC-FTX).
 *
 * status -> 4343         declaration: L received -> AB (acknowledged); P released, R closed, SpL summary
 *                        accepted, SpK goods may be taken out -> AP (accepted); SpJ reviewed -> CA
 *                        (conditionally accepted); E rejected, Z returned for correction, Y failed -> RE
 *                        (rejected, with ERP/ERC). Customs' CHANNEL codes: refusals and Z -> RE, releases (P, K, B,
 *                        I, F, R) -> AP, any other step -> AB. Manifest: 01 accepted, 11 released -> AP; 02 manual
 *                        review -> AB; 03 rejected, 12 loading refused, 13 unloading forbidden -> RE.
 * </pre>
 */
public class CusresWriter implements OutboundTranslator {

    static final String DOCUMENT_STATUS_INFORMATION = "23";
    static final String ACKNOWLEDGED = "AB";
    static final String ACCEPTED = "AP";
    static final String CONDITIONALLY_ACCEPTED = "CA";
    static final String REJECTED = "RE";

    private static final Map<DeclarationStatusCode, String> DECLARATION_RESPONSES = Map.of(
            DeclarationStatusCode.L, ACKNOWLEDGED, DeclarationStatusCode.P, ACCEPTED, DeclarationStatusCode.R, ACCEPTED,
            DeclarationStatusCode.E, REJECTED, DeclarationStatusCode.Z, REJECTED, DeclarationStatusCode.Y, REJECTED,
            DeclarationStatusCode.SP_L, ACCEPTED, DeclarationStatusCode.SP_J, CONDITIONALLY_ACCEPTED, DeclarationStatusCode.SP_K, ACCEPTED);
    private static final Map<ResponseCode, String> MANIFEST_RESPONSES = Map.of(
            ResponseCode.ACCEPTED, ACCEPTED, ResponseCode.MANUAL_REVIEW, ACKNOWLEDGED, ResponseCode.REJECTED, REJECTED,
            ResponseCode.RELEASED, ACCEPTED, ResponseCode.LOADING_REFUSED, REJECTED, ResponseCode.UNLOADING_FORBIDDEN, REJECTED);

    private final Clock clock;
    private final ControlReferences references;

    /** For the command line: the system clock, control references counted from the current epoch millisecond. */
    public CusresWriter() {
        this(Clock.systemUTC(), ControlReferences.counting(System.currentTimeMillis()));
    }

    /**
     * @param clock      the preparation time in UNB
     * @param references UNB/UNZ 0020 per recipient
     */
    public CusresWriter(Clock clock, ControlReferences references) {
        this.clock = clock;
        this.references = references;
    }

    /** The CUSRES response type (4343) of a declaration receipt status. */
    public static String responseType(DeclarationStatusCode status) {
        return DECLARATION_RESPONSES.get(status);
    }

    /** The CUSRES response type (4343) of a manifest receipt code. */
    public static String responseType(ResponseCode code) {
        return MANIFEST_RESPONSES.get(code);
    }

    @Override
    public String format() {
        return CuscarTranslator.FORMAT;
    }

    @Override
    public boolean translates(DocumentType type) {
        return type == DocumentType.DECLARATION_RECEIPT || type == DocumentType.MANIFEST_RECEIPT;
    }

    /** Addressed from the gateway to the gateway: a receipt does not name whom it answers. */
    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml) {
        return translate(type, nativeXml,
                EdifactOut.Parties.between(EdifactAgreement.GATEWAY_ID, EdifactAgreement.GATEWAY_ID));
    }

    /** Addressed from the gateway to the receiver, as its agreement names both. */
    @Override
    public Translation fromNative(DocumentType type, byte[] nativeXml, PartnerProfile receiver) {
        return translate(type, nativeXml, EdifactOut.Parties.towards(receiver.edifact()));
    }

    private Translation translate(DocumentType type, byte[] nativeXml, EdifactOut.Parties parties) {
        if (!translates(type)) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_MESSAGE_UNSUPPORTED, null,
                    type + " is not written as CUSRES; DECLARATION_RECEIPT and MANIFEST_RECEIPT are.")));
        }
        Object document;
        try {
            document = NativeXml.read(nativeXml);
        } catch (Exception e) {
            return Translation.refused(type, List.of(Violation.of(EdifactViolationCodes.EDIFACT_VALUE_UNMAPPABLE, null,
                    "The receipt cannot be read: " + e.getMessage())));
        }
        Expressible check = new Expressible();
        byte[] bytes;
        if (type == DocumentType.DECLARATION_RECEIPT && document instanceof DecReceipt receipt) {
            bytes = declaration(answer(receipt), parties, check);
        } else if (type == DocumentType.DECLARATION_RECEIPT && (document instanceof DecResult || document instanceof DecData)) {
            DeclarationAnswer answer = document instanceof DecData data ? answer(data.getDECRESULT(), "/DEC_DATA/DEC_RESULT",
                    data.getRESULTINFO(), check) : answer((DecResult) document, "/DEC_RESULT", null, check);
            bytes = answer == null ? null : declaration(answer, parties, check);
        } else if (type == DocumentType.DECLARATION_RECEIPT && document instanceof DecImportResponse) {
            check.refuse("/DecImportResponse", "The single window's import response carries no notice time, which a CUSRES "
                    + "needs (DTM+137); its later receipts (DEC_RESULT) are written as CUSRES.");
            bytes = null;
        } else if (type == DocumentType.MANIFEST_RECEIPT && document instanceof ManifestReceipt receipt) {
            bytes = manifest(receipt, parties, check);
        } else {
            check.refuse("/", "The document is not a " + type + ".");
            bytes = null;
        }
        if (!check.ok() || bytes == null) {
            return Translation.refused(type, check.violations());
        }
        return Translation.of(bytes, type, "application/EDIFACT");
    }

    /** A declaration receipt in any of its forms, as the CUSRES needs it; paths point into the receipt as received. */
    private record DeclarationAnswer(String root, String id, String idPath, String clientSeqNo, String clientSeqNoPath,
            String seqNo, String seqNoPath, String entryId, String customsOffice, OffsetDateTime notice, String status,
            String response, String note, String notePath) {
    }

    private static DeclarationAnswer answer(DecReceipt receipt) {
        return new DeclarationAnswer("/DecReceipt", receipt.getReceiptId(), "/DecReceipt/ReceiptId", receipt.getClientSeqNo(),
                "/DecReceipt/ClientSeqNo", receipt.getSeqNo(), "/DecReceipt/SeqNo", receipt.getEntryId(), receipt.getCustomMaster(),
                receipt.getNoticeDate().toGregorianCalendar().toZonedDateTime().toOffsetDateTime(), receipt.getChannel().value(),
                responseType(receipt.getChannel()), receipt.getNote(), "/DecReceipt/Note");
    }

    /** Customs' own receipt: the unified number and the status make its id; a notice time without zone is China's. */
    private static DeclarationAnswer answer(DecResult result, String root, String info, Expressible check) {
        String unified = present(result.getSEQNO()) != null ? result.getSEQNO() : present(result.getCUSCIQNO());
        String unifiedPath = root + (present(result.getSEQNO()) != null ? "/SEQ_NO" : "/CUS_CIQ_NO");
        OffsetDateTime notice = org.casw.routes.document.ChinaReceiptTimes.parse(result.getNOTICEDATE());
        if (notice == null) {
            check.refuse(root + "/NOTICE_DATE", "A CUSRES needs the notice time (DTM+137); the receipt gives "
                    + (result.getNOTICEDATE() == null ? "none." : "'" + result.getNOTICEDATE() + "', which is no date and time."));
            return null;
        }
        String note = present(result.getNOTE()) == null ? present(info)
                : present(info) == null ? result.getNOTE() : result.getNOTE() + "; " + info;
        String status = result.getCHANNEL();
        String response = DeclarationStatus.isRefusal(status) || "Z".equals(status) ? REJECTED
                : DeclarationStatus.isRelease(status) ? ACCEPTED : ACKNOWLEDGED;
        return new DeclarationAnswer(root, unified == null ? null : unified + "-" + status, unifiedPath, null, null, unified,
                unifiedPath, present(result.getENTRYID()),
                present(result.getCUSTOMMASTER()) != null ? result.getCUSTOMMASTER() : present(result.getDECLPORT()),
                notice, status, response, note, root + "/NOTE");
    }

    /** Customs writes every field, empty where it has nothing to say. */
    private static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private byte[] declaration(DeclarationAnswer receipt, EdifactOut.Parties parties, Expressible check) {
        String id = check.text(receipt.id(), 35, receipt.idPath(), "BGM 1004");
        String clientSeqNo = check.text(receipt.clientSeqNo(), 35, receipt.clientSeqNoPath(), "RFF C506/1154");
        String seqNo = check.text(receipt.seqNo(), 35, receipt.seqNoPath(), "RFF C506/1154");
        String[] note = check.pieces(receipt.note(), 350 * 5, 1, receipt.notePath(), "FTX C108 (5 FTX of 5 x an..70)");
        if (!check.ok()) {
            return null;
        }
        if (id == null) {
            check.refuse(receipt.idPath(), "A CUSRES needs an id for its BGM; the receipt names no unified number.");
            return null;
        }
        OffsetDateTime notice = receipt.notice();
        String status = receipt.status();
        String response = receipt.response();
        EdifactOut out = EdifactOut.open(parties, clock, references, "CUSRES", null, null);
        out.segment("BGM", c(DOCUMENT_STATUS_INFORMATION), id, "9", response);
        out.segment("DTM", c("137", notice.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + offset(notice.getOffset()), "304"));
        String text = note == null ? null : note[0];
        if (!REJECTED.equals(response)) {
            text(out, text, response, check, receipt.notePath());
        }
        if (receipt.customsOffice() != null) {
            out.segment("LOC", CuscarMapping.PLACE_CUSTOMS_OFFICE, c(receipt.customsOffice(), null, CuscarMapping.AGENCY_MUTUAL));
        }
        out.segment("GIS", c(status, null, CuscarMapping.AGENCY_MUTUAL));
        reference(out, "ACW", clientSeqNo);
        reference(out, "ACD", seqNo);
        reference(out, "ABT", receipt.entryId());
        if (clientSeqNo == null && seqNo == null && receipt.entryId() == null) {
            check.refuse(receipt.root(), "A CUSRES needs at least one reference (RFF) to what it answers.");
        }
        error(out, status, text, response, check, receipt.notePath());
        return finish(out, check);
    }

    private byte[] manifest(ManifestReceipt receipt, EdifactOut.Parties parties, Expressible check) {
        String id = check.text(receipt.getReceiptID(), 35, "/ManifestReceipt/ReceiptID", "BGM 1004");
        String messageId = check.text(receipt.getMessageID(), 35, "/ManifestReceipt/MessageID", "RFF C506/1154");
        String trackingId = check.text(receipt.getTrackingID(), 35, "/ManifestReceipt/TrackingID", "RFF C506/1154");
        String[] text = check.pieces(receipt.getResponseText(), 350 * 5, 1, "/ManifestReceipt/ResponseText",
                "FTX C108 (5 FTX of 5 x an..70)");
        if (!check.ok()) {
            return null;
        }
        String issued = receipt.getIssueDateTime();
        String code = receipt.getResponseCode().value();
        String response = responseType(receipt.getResponseCode());
        EdifactOut out = EdifactOut.open(parties, clock, references, "CUSRES", null, null);
        out.segment("BGM", c(DOCUMENT_STATUS_INFORMATION), id, "9", response);
        out.segment("DTM", c("137", EdifactText.toDtm204(issued), CuscarMapping.DATE_FORMAT));
        String responseText = text == null ? null : text[0];
        if (!REJECTED.equals(response)) {
            text(out, responseText, response, check, "/ManifestReceipt/ResponseText");
        }
        out.segment("GIS", c(code, null, CuscarMapping.AGENCY_MUTUAL));
        reference(out, "ACW", messageId);
        reference(out, "ACD", trackingId);
        reference(out, CuscarMapping.REFERENCE_BILL, receipt.getTransportContractDocumentID());
        error(out, code, responseText, response, check, "/ManifestReceipt/ResponseText");
        return finish(out, check);
    }

    /** A rejection's error group (D.96B CUSRES SG4, after the references): ERP, ERC and the error text in FTX. */
    private static void error(EdifactOut out, String status, String text, String response, Expressible check, String path) {
        if (!REJECTED.equals(response)) {
            return;
        }
        out.segment("ERP", c("1"));
        out.segment("ERC", c(status, null, CuscarMapping.AGENCY_MUTUAL));
        text(out, text, response, check, path);
    }

    /** The receipt's text in FTX segments of 5 x 70 characters, at most 5 of them (the segment table's limit). */
    private static void text(EdifactOut out, String text, String response, Expressible check, String path) {
        if (text == null || text.isEmpty()) {
            return;
        }
        List<String> lines = EdifactText.split(text, 70, 25);
        if (lines == null) {
            check.refuse(path, "'" + text + "' does not fit 5 FTX of 5 x an..70 cut at spaces.");
            return;
        }
        String subject = REJECTED.equals(response) ? "AAO" : "AAI";
        for (int i = 0; i < lines.size(); i += 5) {
            out.segment("FTX", subject, null, null, c(lines.subList(i, Math.min(i + 5, lines.size()))));
        }
    }

    private static void reference(EdifactOut out, String qualifier, String number) {
        if (number != null) {
            out.segment("RFF", c(qualifier, number));
        }
    }

    private static byte[] finish(EdifactOut out, Expressible check) {
        if (!check.ok()) {
            return null;
        }
        byte[] bytes = out.finish();
        if (bytes == null) {
            out.errors().forEach(e -> check.refuse(null, "The CUSRES writer refused a segment: " + e));
        }
        return bytes;
    }

    /** ZZZ of format 304: the UTC offset as +HH (whole hours) or +HHMM. */
    static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int minutes = Math.abs(seconds) / 60;
        return minutes % 60 == 0 ? String.format("%s%02d", sign, minutes / 60)
                : String.format("%s%02d%02d", sign, minutes / 60, minutes % 60);
    }
}
