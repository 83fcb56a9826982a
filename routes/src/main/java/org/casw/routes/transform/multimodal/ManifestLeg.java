package org.casw.routes.transform.multimodal;

import java.util.List;
import java.util.Optional;
import org.casw.routes.rules.manifest.ManifestRules;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.TransportEquipment;

/**
 * One leg of a through movement: a manifest the gateway holds and the consignment (bill) in it that
 * carries the goods.
 *
 * @param trackingId  the manifest's gateway tracking id, or null when it did not come through the gateway
 * @param manifest    the manifest, schema-valid
 * @param consignment index of the consignment within {@code Declaration/Consignment}, 0-based
 */
public record ManifestLeg(String trackingId, Manifest manifest, int consignment) {

    public ManifestLeg {
        List<Consignment> consignments = manifest.getDeclaration().getConsignment();
        if (consignment < 0 || consignment >= consignments.size()) {
            throw new IllegalArgumentException("The manifest has no consignment " + (consignment + 1));
        }
    }

    /** The leg of the consignment whose bill (TransportContractDocument/ID) is {@code billNo}, if the manifest has one. */
    public static Optional<ManifestLeg> ofBill(String trackingId, Manifest manifest, String billNo) {
        List<Consignment> consignments = manifest.getDeclaration().getConsignment();
        for (int c = 0; c < consignments.size(); c++) {
            if (consignments.get(c).getTransportContractDocument().getID().equals(billNo)) {
                return Optional.of(new ManifestLeg(trackingId, manifest, c));
            }
        }
        return Optional.empty();
    }

    /** The leg of the first consignment listing the container in its TransportEquipment, if any. */
    public static Optional<ManifestLeg> ofContainer(String trackingId, Manifest manifest, String containerNo) {
        List<Consignment> consignments = manifest.getDeclaration().getConsignment();
        for (int c = 0; c < consignments.size(); c++) {
            for (TransportEquipment equipment : consignments.get(c).getTransportEquipment()) {
                if (equipment.getEquipmentIdentification().getID().equals(containerNo)) {
                    return Optional.of(new ManifestLeg(trackingId, manifest, c));
                }
            }
        }
        return Optional.empty();
    }

    public boolean rail() {
        return ManifestRules.isLand(manifest.getHead().getMessageType());
    }

    public Consignment cargo() {
        return manifest.getDeclaration().getConsignment().get(consignment);
    }

    public String billNo() {
        return cargo().getTransportContractDocument().getID();
    }

    public String messageId() {
        return manifest.getHead().getMessageID();
    }

    /** "sea manifest PABV-MT1101-… (bill PILQZH2611001)", for messages. */
    public String describe() {
        return (rail() ? "rail" : "sea") + " manifest " + messageId() + " (bill " + billNo() + ")";
    }

    /** The XPath-like location of the leg's consignment, with positions from the second sibling on. */
    String consignmentPath() {
        return "/Manifest/Declaration/" + (consignment == 0 ? "Consignment" : "Consignment[" + (consignment + 1) + "]");
    }
}
