package org.casw.routes.document;

import java.util.ArrayList;
import java.util.List;
import org.casw.schemas.declaration.DecImportResponse;
import org.casw.schemas.declaration.DecReceipt;
import org.casw.schemas.decresult.DecData;
import org.casw.schemas.decresult.DecResult;

/**
 * What a declaration receipt says, in whichever of its forms it came: the gateway's own DecReceipt names the tracking
 * id; China customs' receipts name the declaration as customs knows it. The single window's first answer,
 * DecImportResponse, echoes the declarant's ClientSeqNo and gives the unified number (SEQ_NO); every later receipt
 * (DEC_RESULT, DEC_DATA) names that number and, once there is one, the entry id.
 */
public final class CustomsReceipts {

    /** ResponseCode of a DecImportResponse the single window accepted. */
    static final String IMPORTED = "0";

    private CustomsReceipts() {
    }

    public static BusinessKeys keysOf(Object receipt) {
        BusinessKeys keys = new BusinessKeys();
        if (receipt instanceof DecReceipt r) {
            keys.add(BusinessKeys.Kind.REFERS_TO, r.getSeqNo())
                    .add(BusinessKeys.Kind.ENTRY_ID, r.getEntryId())
                    .add(BusinessKeys.Kind.CLIENT_SEQ_NO, r.getClientSeqNo());
        } else if (receipt instanceof DecImportResponse r) {
            keys.add(BusinessKeys.Kind.CLIENT_SEQ_NO, r.getClientSeqNo()).add(BusinessKeys.Kind.SEQ_NO, r.getSeqNo());
        } else {
            DecResult r = result(receipt);
            keys.add(BusinessKeys.Kind.SEQ_NO, unifiedNumber(r)).add(BusinessKeys.Kind.ENTRY_ID, r.getENTRYID());
        }
        return keys;
    }

    public static DocumentReader.ReceiptFacts factsOf(Object receipt) {
        if (receipt instanceof DecReceipt r) {
            String code = r.getChannel().value();
            return new DocumentReader.ReceiptFacts(r.getSeqNo(), "/DecReceipt/SeqNo", code, DeclarationStatus.meaningOf(code),
                    DeclarationStatus.isRefusal(code), r.getNote(), new BusinessKeys().add(BusinessKeys.Kind.ENTRY_ID, r.getEntryId()));
        }
        if (receipt instanceof DecImportResponse r) {
            boolean imported = IMPORTED.equals(r.getResponseCode());
            String meaning = imported ? "imported by the single window" + (r.getSeqNo() == null ? "" : " as " + r.getSeqNo())
                    : "refused by the single window (response code " + r.getResponseCode() + ")";
            return new DocumentReader.ReceiptFacts(null, "/DecImportResponse/ClientSeqNo",
                    List.of(new BusinessKeys.Key(BusinessKeys.Kind.CLIENT_SEQ_NO, r.getClientSeqNo())), r.getResponseCode(), meaning,
                    !imported, r.getErrorMessage(), new BusinessKeys().add(BusinessKeys.Kind.SEQ_NO, r.getSeqNo()));
        }
        DecResult r = result(receipt);
        String root = receipt instanceof DecData ? "/DEC_DATA/DEC_RESULT/" : "/DEC_RESULT/";
        List<BusinessKeys.Key> refersTo = new ArrayList<>();
        String unified = unifiedNumber(r);
        if (unified != null) {
            refersTo.add(new BusinessKeys.Key(BusinessKeys.Kind.SEQ_NO, unified));
        }
        if (r.getENTRYID() != null) {
            refersTo.add(new BusinessKeys.Key(BusinessKeys.Kind.ENTRY_ID, r.getENTRYID()));
        }
        String note = r.getNOTE();
        if (receipt instanceof DecData data && data.getRESULTINFO() != null) {
            note = note == null ? data.getRESULTINFO() : note + "; " + data.getRESULTINFO();
        }
        String code = r.getCHANNEL();
        return new DocumentReader.ReceiptFacts(null, root + (r.getSEQNO() != null ? "SEQ_NO" : "CUS_CIQ_NO"), refersTo, code,
                DeclarationStatus.meaningOf(code), DeclarationStatus.isRefusal(code), note,
                new BusinessKeys().add(BusinessKeys.Kind.ENTRY_ID, r.getENTRYID()).add(BusinessKeys.Kind.SEQ_NO, unified));
    }

    private static DecResult result(Object receipt) {
        return receipt instanceof DecData data ? data.getDECRESULT() : (DecResult) receipt;
    }

    /** The unified number: SEQ_NO in the QP form, CUS_CIQ_NO in the single window's. */
    private static String unifiedNumber(DecResult r) {
        return r.getSEQNO() != null ? r.getSEQNO() : r.getCUSCIQNO();
    }
}
