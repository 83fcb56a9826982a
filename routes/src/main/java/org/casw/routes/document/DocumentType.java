package org.casw.routes.document;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * The documents the gateway carries, identified by root element and namespace, never guessed.
 * Each names its schema and where the sender's own message id sits (a path below the root).
 */
public enum DocumentType {
    DECLARATION(Family.DECLARATIONS, "http://www.chinaport.gov.cn/dec", "DecMessage",
            "xsd/declaration.xsd", List.of("DecSign", "ClientSeqNo")),
    DECLARATION_RECEIPT(Family.DECLARATIONS, "http://www.chinaport.gov.cn/dec", "DecReceipt",
            "xsd/declaration-receipt.xsd", List.of("ReceiptId")),
    DECLARATION_MODIFICATION(Family.DECLARATIONS, "http://www.chinaport.gov.cn/dec", "DecModification",
            "xsd/declaration-modification.xsd", List.of("ApplicationId")),
    /** Bonded-zone aggregate declaration: split by the gateway into one DECLARATION per consignment. */
    AGGREGATE_DECLARATION(Family.DECLARATIONS, "urn:casw:bonded:aggregate:1", "AggregateDeclaration",
            "xsd/aggregate-declaration.xsd", List.of("AggregateId")),
    /** The gateway's aggregated answer to an aggregate declaration: every consignment's customs status. */
    AGGREGATE_RECEIPT(Family.DECLARATIONS, "urn:casw:bonded:aggregate:1", "AggregateReceipt",
            "xsd/aggregate-declaration.xsd", List.of("ReceiptId")),
    MANIFEST(Family.MANIFESTS, "urn:casw:cn:manifest:1", "Manifest", "xsd/manifest.xsd", List.of("Head", "MessageID")),
    MANIFEST_RECEIPT(Family.MANIFESTS, "urn:casw:cn:manifest:1", "ManifestReceipt", "xsd/manifest.xsd", List.of("ReceiptID")),
    CERTIFICATE_OF_ORIGIN(Family.CERTIFICATES_OF_ORIGIN, "urn:casw:origin:1", "CertificateOfOrigin",
            "xsd/certificate-of-origin.xsd", List.of("CertificateNo")),
    CERTIFICATE_UTILIZATION(Family.CERTIFICATES_OF_ORIGIN, "urn:casw:origin:1", "CertificateUtilization",
            "xsd/certificate-of-origin.xsd", List.of("NoticeId")),
    /** A customs administration's AEO status notice for its enterprises, exchanged under AEO mutual recognition. */
    AEO_STATUS(Family.AUTHORISED_OPERATORS, "urn:casw:aeo:1", "AeoStatusNotice", "xsd/aeo-status.xsd", List.of("NoticeId")),
    CONTAINER_EVENT(Family.TRANSPORT_EVENTS, "urn:casw:container-event:1", "ContainerEvents",
            "xsd/container-event.xsd", List.of("BatchId"));

    /** The document families of the single window, plus the container events ports and rail share. */
    public enum Family { DECLARATIONS, MANIFESTS, CERTIFICATES_OF_ORIGIN, TRANSPORT_EVENTS, AUTHORISED_OPERATORS }

    private final Family family;
    @SuppressWarnings("ImmutableEnumChecker") // QName is final with final fields; Error Prone does not know it
    private final QName root;
    private final String schemaResource;
    @SuppressWarnings("ImmutableEnumChecker") // List.copyOf below: unmodifiable, which the declared type cannot say
    private final List<String> messageIdPath;

    DocumentType(Family family, String namespace, String rootName, String schemaResource, List<String> messageIdPath) {
        this.family = family;
        this.root = new QName(namespace, rootName);
        this.schemaResource = schemaResource;
        this.messageIdPath = List.copyOf(messageIdPath);
    }

    public static Optional<DocumentType> identify(QName root) {
        return Arrays.stream(values()).filter(t -> t.root.equals(root)).findFirst();
    }

    public Family family() {
        return family;
    }

    public QName root() {
        return root;
    }

    public String schemaResource() {
        return schemaResource;
    }

    /** Element names from the root's child down to the element holding the sender's message id. */
    public List<String> messageIdPath() {
        return messageIdPath;
    }

    /** Receipts answer an earlier message: they go back to its sender and move it to ACKNOWLEDGED. */
    public boolean isReceipt() {
        return this == DECLARATION_RECEIPT || this == MANIFEST_RECEIPT;
    }
}
