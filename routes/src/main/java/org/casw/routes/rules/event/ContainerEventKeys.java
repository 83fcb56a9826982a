package org.casw.routes.rules.event;

import org.casw.routes.document.BusinessKeys;
import org.casw.schemas.event.ContainerEvents;
import org.casw.schemas.event.Event;

/** The business keys of a container event batch: its containers, bills of lading and locations. */
public final class ContainerEventKeys {

    private ContainerEventKeys() {
    }

    /** Every container number, bill number and UN/LOCODE in the batch, once each, plus the reporter as the claimed sender. */
    public static BusinessKeys keysOf(ContainerEvents batch) {
        BusinessKeys keys = new BusinessKeys();
        for (Event event : batch.getEvent()) {
            keys.add(BusinessKeys.Kind.CONTAINER_NO, event.getContainerNumber());
            event.getBillNo().forEach(bill -> keys.add(BusinessKeys.Kind.BILL_NO, bill));
            keys.add(BusinessKeys.Kind.LOCATION, event.getLocation().getUnLocode());
        }
        return keys.declaredSender(batch.getReporter(), "/ContainerEvents/Reporter");
    }
}
