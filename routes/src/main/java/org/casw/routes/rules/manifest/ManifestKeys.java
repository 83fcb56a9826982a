package org.casw.routes.rules.manifest;

import java.util.HashSet;
import java.util.Set;
import org.casw.routes.document.BusinessKeys;
import org.casw.schemas.manifest.BorderTransportMeans;
import org.casw.schemas.manifest.Consignment;
import org.casw.schemas.manifest.Declaration;
import org.casw.schemas.manifest.Manifest;
import org.casw.schemas.manifest.ManifestReceipt;
import org.casw.schemas.manifest.TransportEquipment;

/** The business keys of a cargo manifest and of its customs receipt. */
public final class ManifestKeys {

    private ManifestKeys() {
    }

    /**
     * Message type, vessel IMO number (sea) or train number (land), voyage / train trip, loading and unloading
     * locations, every bill and house bill, and every listed container.
     */
    public static BusinessKeys keysOf(Manifest manifest) {
        BusinessKeys keys = new BusinessKeys();
        keys.add(BusinessKeys.Kind.MESSAGE_TYPE, manifest.getHead().getMessageType().value());
        Declaration declaration = manifest.getDeclaration();
        BorderTransportMeans means = declaration.getBorderTransportMeans();
        keys.add(ManifestRules.isLand(manifest.getHead().getMessageType()) ? BusinessKeys.Kind.TRAIN_NO
                : BusinessKeys.Kind.VESSEL_IMO, means.getID());
        keys.add(BusinessKeys.Kind.VOYAGE_NO, means.getJourneyID());
        if (declaration.getLoadingLocation() != null) {
            keys.add(BusinessKeys.Kind.LOCATION, declaration.getLoadingLocation().getID());
        }
        if (declaration.getUnloadingLocation() != null) {
            keys.add(BusinessKeys.Kind.LOCATION, declaration.getUnloadingLocation().getID());
        }
        // An LCL container appears under several bills: add each number once, without asking the key list.
        Set<String> containers = new HashSet<>();
        for (Consignment consignment : declaration.getConsignment()) {
            keys.add(BusinessKeys.Kind.BILL_NO, consignment.getTransportContractDocument().getID());
            if (consignment.getAssociatedTransportDocument() != null) {
                keys.add(BusinessKeys.Kind.HOUSE_BILL_NO, consignment.getAssociatedTransportDocument().getID());
            }
            for (TransportEquipment equipment : consignment.getTransportEquipment()) {
                String number = equipment.getEquipmentIdentification().getID();
                if (containers.add(number)) {
                    keys.add(BusinessKeys.Kind.CONTAINER_NO, number);
                }
            }
        }
        for (TransportEquipment equipment : declaration.getTransportEquipment()) {
            String number = equipment.getEquipmentIdentification().getID();
            if (containers.add(number)) {
                keys.add(BusinessKeys.Kind.CONTAINER_NO, number);
            }
        }
        return keys;
    }

    /** The gateway tracking id the receipt answers (REFERS_TO) and the bill it concerns. */
    public static BusinessKeys keysOf(ManifestReceipt receipt) {
        return new BusinessKeys()
                .add(BusinessKeys.Kind.REFERS_TO, receipt.getTrackingID())
                .add(BusinessKeys.Kind.BILL_NO, receipt.getTransportContractDocumentID());
    }
}
