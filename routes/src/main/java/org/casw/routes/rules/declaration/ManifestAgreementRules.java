package org.casw.routes.rules.declaration;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casw.routes.document.DecMessages;
import org.casw.routes.document.DocumentReader;
import org.casw.routes.document.DocumentType;
import org.casw.routes.rules.CrossDocumentRules;
import org.casw.routes.rules.DocumentRules;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.rules.manifest.ManifestHistory;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.IEFlag;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.TransportEquipment;

/**
 * Data entered once: a declaration agrees with the manifest the gateway already holds for its bill
 * (containers, gross weight, number of packages, means of transport and voyage). Import declarations
 * are compared with the import manifest (MT1101 sea, MT1401 rail), export declarations with the export
 * manifest (MT2101, MT2401); the latest one the gateway did not refuse counts, whoever filed it. No
 * manifest held for the bill means nothing to compare.
 */
public class ManifestAgreementRules implements DocumentRules<DecMessage>, CrossDocumentRules {

    /** A container is declared but not manifested under the bill, or manifested but not declared. */
    public static final String MANIFEST_CONTAINER_MISMATCH = "MANIFEST_CONTAINER_MISMATCH";
    /** DecHead/GrossWet differs from the bill's TotalGrossMassMeasure. */
    public static final String MANIFEST_GROSS_WEIGHT_MISMATCH = "MANIFEST_GROSS_WEIGHT_MISMATCH";
    /** DecHead/PackNo differs from the bill's ConsignmentPackaging/QuantityQuantity. */
    public static final String MANIFEST_PACKAGES_MISMATCH = "MANIFEST_PACKAGES_MISMATCH";
    /** The declared mode of transport, vessel or train, or voyage is not the manifest's. */
    public static final String MANIFEST_TRANSPORT_MISMATCH = "MANIFEST_TRANSPORT_MISMATCH";

    /** Every code this class can report. */
    public static final List<String> CODES = List.of(MANIFEST_CONTAINER_MISMATCH, MANIFEST_GROSS_WEIGHT_MISMATCH,
            MANIFEST_PACKAGES_MISMATCH, MANIFEST_TRANSPORT_MISMATCH);

    static final Set<String> IMPORT_MANIFESTS = Set.of("MT1101", "MT1401");
    static final Set<String> EXPORT_MANIFESTS = Set.of("MT2101", "MT2401");

    /** China customs transport mode (DecHead/TrafMode) to the manifest's UN/ECE Rec 19 mode: waterway, rail, road. */
    private static final Map<String, String> MODE = Map.of("2", "1", "3", "2", "4", "3");
    private static final String HEAD = "/DecMessage/DecHead/";

    private final ManifestHistory manifests;
    private final DocumentReader reader;

    public ManifestAgreementRules(ManifestHistory manifests, DocumentReader reader) {
        this.manifests = manifests;
        this.reader = reader;
    }

    @Override
    public Class<DecMessage> documentClass() {
        return DecMessage.class;
    }

    @Override
    public void check(DecMessage declaration, RuleViolations out) {
        DecHead head = declaration.getDecHead();
        if (head.getBillNo() == null) {
            return; // nothing to find the manifest by
        }
        Set<String> types = head.getIEFlag() == IEFlag.E ? EXPORT_MANIFESTS : IMPORT_MANIFESTS;
        for (String bill : candidates(head.getBillNo())) {
            Optional<ManifestHistory.HeldManifest> held = manifests.latestListingBill(bill, types);
            if (held.isPresent()) {
                Manifest manifest = (Manifest) reader.read(DocumentType.MANIFEST, held.get().payload());
                int index = consignment(manifest, bill);
                if (index >= 0) {
                    compare(declaration, new Source(manifest, index, held.get().trackingId()), out);
                    return;
                }
            }
        }
    }

    /**
     * The bill as declared, then, for a China-style "master_house" bill number, the house bill: the
     * manifest lists the house bill as the consignment's AssociatedTransportDocument.
     */
    private static List<String> candidates(String billNo) {
        List<String> bills = new ArrayList<>(List.of(billNo));
        int separator = billNo.indexOf('_');
        if (separator > 0 && separator < billNo.length() - 1) {
            bills.add(billNo.substring(separator + 1));
        }
        return bills;
    }

    private static int consignment(Manifest manifest, String bill) {
        List<Consignment> consignments = manifest.getDeclaration().getConsignment();
        for (int c = 0; c < consignments.size(); c++) {
            Consignment consignment = consignments.get(c);
            if (consignment.getTransportContractDocument().getID().equals(bill) || (consignment.getAssociatedTransportDocument() != null
                    && consignment.getAssociatedTransportDocument().getID().equals(bill))) {
                return c;
            }
        }
        return -1;
    }

    private static void compare(DecMessage declaration, Source manifest, RuleViolations out) {
        DecHead head = declaration.getDecHead();
        Consignment cargo = manifest.cargo();
        containers(declaration, manifest, out);

        BigDecimal manifested = cargo.getTotalGrossMassMeasure();
        if (manifested != null && head.getGrossWet().compareTo(manifested) != 0) {
            out.add(MANIFEST_GROSS_WEIGHT_MISMATCH, HEAD + "GrossWet", "GrossWet " + head.getGrossWet().toPlainString()
                    + " kg differs from the manifested gross mass " + manifested.toPlainString() + " kg"
                    + manifest.at("TotalGrossMassMeasure") + ".");
        }
        BigInteger packages = cargo.getConsignmentPackaging() == null ? null
                : BigInteger.valueOf(cargo.getConsignmentPackaging().getQuantityQuantity());
        if (packages != null && !head.getPackNo().equals(packages)) {
            out.add(MANIFEST_PACKAGES_MISMATCH, HEAD + "PackNo", "PackNo " + head.getPackNo() + " differs from the manifested "
                    + packages + " packages" + manifest.at("ConsignmentPackaging/QuantityQuantity") + ".");
        }
        transport(head, DecMessages.voyageNo(declaration), manifest, out);
    }

    private static void containers(DecMessage declaration, Source manifest, RuleViolations out) {
        List<Container> declared = DecMessages.containers(declaration);
        List<TransportEquipment> listed = manifest.cargo().getTransportEquipment();
        Set<String> manifested = new LinkedHashSet<>();
        listed.forEach(e -> manifested.add(e.getEquipmentIdentification().getID()));
        Set<String> declaredNumbers = new LinkedHashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            String number = declared.get(i).getContainerId();
            declaredNumbers.add(number);
            if (!manifested.contains(number)) {
                out.add(MANIFEST_CONTAINER_MISMATCH, "/DecMessage/DecContainers/" + at("Container", i) + "/ContainerId", "Container "
                        + number + " is declared but bill " + manifest.bill() + " lists " + (manifested.isEmpty() ? "no containers"
                        : "only " + String.join(", ", manifested)) + manifest.at("TransportEquipment/EquipmentIdentification/ID") + ".");
            }
        }
        for (int e = 0; e < listed.size(); e++) {
            String number = listed.get(e).getEquipmentIdentification().getID();
            if (!declaredNumbers.contains(number)) {
                out.add(MANIFEST_CONTAINER_MISMATCH, "/DecMessage/DecContainers", "Container " + number + " is manifested under bill "
                        + manifest.bill() + manifest.at(at("TransportEquipment", e) + "/EquipmentIdentification/ID")
                        + " but not declared in /DecMessage/DecContainers.");
            }
        }
    }

    private static void transport(DecHead head, String voyageNo, Source manifest, RuleViolations out) {
        BorderTransportMeans means = manifest.manifest().getDeclaration().getBorderTransportMeans();
        String mode = MODE.get(head.getTrafMode());
        if (mode != null && !mode.equals(means.getTypeCode())) {
            out.add(MANIFEST_TRANSPORT_MISMATCH, HEAD + "TrafMode", "TrafMode " + head.getTrafMode() + " (" + modeName(mode)
                    + ") differs from the manifest's mode " + means.getTypeCode() + " (" + modeName(means.getTypeCode()) + ")"
                    + manifest.atMeans("TypeCode") + ".");
        }
        // a road manifest names no vehicle: nothing to compare the declared one with
        if (head.getTrafName() != null && (means.getID() != null || means.getName() != null) && !sameMeans(head.getTrafName(), means)) {
            out.add(MANIFEST_TRANSPORT_MISMATCH, HEAD + "TrafName", "TrafName " + head.getTrafName() + " is neither the manifest's "
                    + "means of transport " + means.getID() + manifest.atMeans("ID") + " nor its name " + means.getName()
                    + manifest.atMeans("Name") + ".");
        }
        if (voyageNo != null && means.getJourneyID() != null && !simple(voyageNo).equals(simple(means.getJourneyID()))) {
            out.add(MANIFEST_TRANSPORT_MISMATCH, "/DecMessage/DecFreeTxt/VoyNo", "VoyNo " + voyageNo + " differs from the manifest's "
                    + means.getJourneyID() + manifest.atMeans("JourneyID") + ".");
        }
    }

    /** A declaration names the vessel or train by name or by number; an IMO number may be written without "IMO". */
    private static boolean sameMeans(String declared, BorderTransportMeans means) {
        String name = simple(declared);
        String id = means.getID() == null ? "" : simple(means.getID());
        return (means.getName() != null && name.equals(simple(means.getName()))) || name.equals(id)
                || (id.startsWith("IMO") && name.equals(id.substring(3)));
    }

    private static String simple(String text) {
        return text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String modeName(String rec19) {
        return switch (rec19) {
            case "1" -> "sea";
            case "2" -> "rail";
            case "3" -> "road";
            default -> "mode " + rec19;
        };
    }

    private static String at(String name, int index) {
        return index == 0 ? name : name + "[" + (index + 1) + "]";
    }

    /** The held manifest and which of its consignments is the declared bill, for paths in messages. */
    private record Source(Manifest manifest, int index, String trackingId) {

        Consignment cargo() {
            return manifest.getDeclaration().getConsignment().get(index);
        }

        String bill() {
            return cargo().getTransportContractDocument().getID();
        }

        String at(String field) {
            return " (/Manifest/Declaration/" + ManifestAgreementRules.at("Consignment", index) + "/" + field + suffix();
        }

        String atMeans(String field) {
            return " (/Manifest/Declaration/BorderTransportMeans/" + field + suffix();
        }

        private String suffix() {
            return " of " + manifest.getHead().getMessageType().value() + " manifest " + manifest.getHead().getMessageID()
                    + ", tracking id " + trackingId + ")";
        }
    }
}
