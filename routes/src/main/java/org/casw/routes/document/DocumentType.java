package org.casw.routes.document;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * The documents the gateway carries, identified by root element and namespace, never guessed.
 * Each names its schema and, per root element, where the sender's own message id sits.
 */
public enum DocumentType {
    DECLARATION(Family.DECLARATIONS, "xsd/declaration.xsd",
            new Root(Namespaces.DEC, "DecMessage", List.of("DecSign", "ClientSeqNo"))),
    /**
     * A receipt for a declaration: the gateway's own DecReceipt, or China customs' own: DecImportResponse (the unified
     * number), DEC_RESULT and DEC_DATA (a step of customs' handling). Customs' receipts carry no receipt id: the
     * unified number, the status and the notice time together identify one.
     */
    DECLARATION_RECEIPT(Family.DECLARATIONS, "xsd/declaration-receipt.xsd",
            new Root(Namespaces.DEC, "DecReceipt", List.of("ReceiptId")),
            new Root(Namespaces.DEC, "DecImportResponse", List.of("ClientSeqNo"), List.of("SeqNo"), List.of("ResponseCode")),
            new Root("", "DEC_RESULT", List.of("CUS_CIQ_NO"), List.of("CHANNEL"), List.of("NOTICE_DATE")),
            new Root("", "DEC_DATA", List.of("DEC_RESULT", "SEQ_NO"), List.of("DEC_RESULT", "CHANNEL"),
                    List.of("DEC_RESULT", "NOTICE_DATE"))),
    /**
     * An application to modify or cancel a lodged declaration: China's 修撤单 (DecModMessage), whose id before the
     * single window numbers it is the entry id, the kind and the signing time, or the gateway's DecModification.
     */
    DECLARATION_MODIFICATION(Family.DECLARATIONS, "xsd/declaration-modification.xsd",
            new Root(Namespaces.DEC, "DecModMessage", List.of("EntryId"), List.of("DecModType"), List.of("SignTime")),
            new Root(Namespaces.DEC, "DecModification", List.of("ApplicationId"))),
    /** Bonded-zone aggregate declaration: split by the gateway into one DECLARATION per consignment. */
    AGGREGATE_DECLARATION(Family.DECLARATIONS, "xsd/aggregate-declaration.xsd",
            new Root("urn:casw:bonded:aggregate:1", "AggregateDeclaration", List.of("AggregateId"))),
    /** The gateway's aggregated answer to an aggregate declaration: every consignment's customs status. */
    AGGREGATE_RECEIPT(Family.DECLARATIONS, "xsd/aggregate-declaration.xsd",
            new Root("urn:casw:bonded:aggregate:1", "AggregateReceipt", List.of("ReceiptId"))),
    MANIFEST(Family.MANIFESTS, "xsd/manifest.xsd",
            new Root("urn:casw:cn:manifest:1", "Manifest", List.of("Head", "MessageID"))),
    MANIFEST_RECEIPT(Family.MANIFESTS, "xsd/manifest.xsd",
            new Root("urn:casw:cn:manifest:1", "ManifestReceipt", List.of("ReceiptID"))),
    CERTIFICATE_OF_ORIGIN(Family.CERTIFICATES_OF_ORIGIN, "xsd/certificate-of-origin.xsd",
            new Root("urn:casw:origin:1", "CertificateOfOrigin", List.of("CertificateNo"))),
    CERTIFICATE_UTILIZATION(Family.CERTIFICATES_OF_ORIGIN, "xsd/certificate-of-origin.xsd",
            new Root("urn:casw:origin:1", "CertificateUtilization", List.of("NoticeId"))),
    /** A customs administration's AEO status notice for its enterprises, exchanged under AEO mutual recognition. */
    AEO_STATUS(Family.AUTHORISED_OPERATORS, "xsd/aeo-status.xsd",
            new Root("urn:casw:aeo:1", "AeoStatusNotice", List.of("NoticeId"))),
    CONTAINER_EVENT(Family.TRANSPORT_EVENTS, "xsd/container-event.xsd",
            new Root("urn:casw:container-event:1", "ContainerEvents", List.of("BatchId"))),
    /**
     * The gateway's report on a UN/EDIFACT interchange it received (accepted or rejected, per message, with every
     * error's position); a CONTRL for partners that speak EDIFACT. Only the gateway issues it: no party may send one.
     */
    INTERCHANGE_REPORT(Family.SERVICE_REPORTS, "xsd/interchange-report.xsd",
            new Root("urn:casw:interchange-report:1", "InterchangeReport", List.of("ReportId")));

    /**
     * The document families of the single window, plus the container events ports and rail share, and the gateway's
     * own service reports on what it received.
     */
    public enum Family { DECLARATIONS, MANIFESTS, CERTIFICATES_OF_ORIGIN, TRANSPORT_EVENTS, AUTHORISED_OPERATORS, SERVICE_REPORTS }

    /**
     * A root element a document of the type may have, and where the sender's message id sits below it: one path, or
     * several whose values together make the id.
     */
    public record Root(QName name, List<List<String>> messageIdParts) {
        @SafeVarargs
        Root(String namespace, String localName, List<String>... messageIdParts) {
            this(new QName(namespace, localName), List.of(messageIdParts));
        }
    }

    /** A holder: enum constants cannot refer to the enum's own static fields. */
    private static final class Namespaces {
        static final String DEC = "http://www.chinaport.gov.cn/dec";
    }

    private final Family family;
    @SuppressWarnings("ImmutableEnumChecker") // List.of below: unmodifiable, which the declared type cannot say
    private final List<Root> roots;
    private final String schemaResource;

    DocumentType(Family family, String schemaResource, Root... roots) {
        this.family = family;
        this.roots = List.of(roots);
        this.schemaResource = schemaResource;
    }

    public static Optional<DocumentType> identify(QName root) {
        return Arrays.stream(values()).filter(t -> t.rootNamed(root).isPresent()).findFirst();
    }

    /** How the type's document with this root element is laid out, if the type has such a root. */
    public Optional<Root> rootNamed(QName root) {
        return roots.stream().filter(r -> r.name().equals(root)).findFirst();
    }

    public Family family() {
        return family;
    }

    /** The type's first root element: the gateway's own where customs' formats are accepted too. */
    public QName root() {
        return roots.get(0).name();
    }

    public List<Root> roots() {
        return roots;
    }

    public String schemaResource() {
        return schemaResource;
    }


    /** Receipts answer an earlier message: they go back to its sender and move it to ACKNOWLEDGED. */
    public boolean isReceipt() {
        return this == DECLARATION_RECEIPT || this == MANIFEST_RECEIPT;
    }
}
