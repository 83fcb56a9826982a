package org.casw.routes.transform.asean.acdd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.namespace.QName;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.InboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.asean.PartnerXml;
import org.casw.routes.transform.asean.XmlWriter;
import org.casw.schemas.asean.acdd.CustomsResponse;
import org.casw.schemas.asean.acdd.Declaration;
import org.casw.schemas.asean.acdd.Error;
import org.casw.schemas.asean.acdd.ResponseStatus;

/**
 * Reads a partner customs' ACDD Customs Response (format {@code WCO-ACDD}) into the native customs
 * receipt (DecReceipt), so that it flows back to the declarant like any customs answer: accepted is
 * {@code L} (received), released {@code P}, rejected {@code E}; the partner's own declaration number and
 * every error, with its pointer into the ACDD, go into the receipt's note.
 */
public class AcddResponseTranslator implements InboundTranslator {

    static final QName ROOT = new QName(AcddDeclarationTranslator.NAMESPACE, "CustomsResponse");
    private static final String RECEIPT_NAMESPACE = DocumentType.DECLARATION_RECEIPT.root().getNamespaceURI();
    /** DecReceipt/Note holds at most 1,000 characters. */
    private static final int NOTE_LIMIT = 1000;

    private final PartnerXml acdd = new PartnerXml(AcddDeclarationTranslator.FORMAT, Set.of(ROOT), "xsd/acdd.xsd",
            CustomsResponse.class, Declaration.class);

    @Override
    public String format() {
        return AcddDeclarationTranslator.FORMAT;
    }

    @Override
    public boolean recognises(byte[] payload) {
        return acdd.recognises(payload);
    }

    @Override
    public Translation toNative(byte[] payload) {
        PartnerXml.Read<CustomsResponse> read = acdd.read(payload, CustomsResponse.class);
        if (!read.ok()) {
            return Translation.refused(DocumentType.DECLARATION_RECEIPT, read.violations());
        }
        return Translation.of(receipt(read.document()), DocumentType.DECLARATION_RECEIPT, AcddDeclarationTranslator.CONTENT_TYPE);
    }

    private static byte[] receipt(CustomsResponse response) {
        XmlWriter x = new XmlWriter(RECEIPT_NAMESPACE);
        x.open("DecReceipt");
        x.leaf("ReceiptId", response.getID());
        x.leaf("SeqNo", response.getDeclaration().getGatewayReferenceID());
        x.leaf("ClientSeqNo", response.getDeclaration().getTraderAssignedReferenceID());
        x.leaf("Channel", channel(response.getStatusCode()));
        x.leaf("NoticeDate", response.getIssueDateTime().toXMLFormat());
        x.leaf("Note", note(response));
        x.close();
        return x.bytes();
    }

    /** The native customs status for the partner's. */
    static String channel(ResponseStatus status) {
        return switch (status) {
            case ACCEPTED -> "L";
            case RELEASED -> "P";
            case REJECTED -> "E";
        };
    }

    private static String note(CustomsResponse response) {
        StringBuilder note = new StringBuilder("Partner customs");
        if (response.getOffice() != null) {
            note.append(" office ").append(response.getOffice().getID());
        }
        note.append(": ").append(response.getStatusCode().value().toLowerCase(Locale.ROOT));
        if (response.getDeclaration().getID() != null) {
            note.append(", its declaration number ").append(response.getDeclaration().getID());
        }
        note.append('.');
        List<String> errors = new ArrayList<>();
        for (Error error : response.getError()) {
            String pointer = error.getPointer() == null ? "" : " at " + error.getPointer().getLocation();
            errors.add("[" + error.getValidationCode() + "] " + error.getDescription() + pointer);
        }
        if (!errors.isEmpty()) {
            note.append(" Errors: ").append(String.join("; ", errors)).append('.');
        }
        if (response.getAdditionalInformation() != null) {
            note.append(' ').append(response.getAdditionalInformation().getStatementDescription());
        }
        // the full response stays in the ledger as the raw payload; the note is what the declarant reads first
        return note.length() <= NOTE_LIMIT ? note.toString() : note.substring(0, NOTE_LIMIT - 1) + "…";
    }
}
