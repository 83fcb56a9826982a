package org.casw.routes.aggregate;

import org.casw.routes.document.BusinessKeys;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.AggregateReceipt;
import org.casw.schemas.aggregate.Consignment;
import org.casw.schemas.aggregate.ConsignmentStatus;
import org.casw.schemas.aggregate.Container;

/** The business keys of aggregate declarations and receipts: every bill and container, so tracking finds them. */
public final class AggregateKeys {

    private AggregateKeys() {
    }

    public static BusinessKeys keysOf(AggregateDeclaration aggregate) {
        BusinessKeys keys = new BusinessKeys()
                .add(BusinessKeys.Kind.CLIENT_SEQ_NO, aggregate.getAggregateId())
                .add(BusinessKeys.Kind.DECLARANT, aggregate.getDeclarantScc())
                .add(BusinessKeys.Kind.TRADE_CO, aggregate.getTradeCoScc())
                .declaredSender(aggregate.getDeclarantScc(), ConsignmentPaths.ROOT + "/DeclarantScc");
        for (Consignment consignment : aggregate.getConsignment()) {
            keys.add(BusinessKeys.Kind.BILL_NO, consignment.getBillNo()).add(BusinessKeys.Kind.CONTRACT_NO, consignment.getContrNo());
            for (Container container : consignment.getContainer()) {
                keys.add(BusinessKeys.Kind.CONTAINER_NO, container.getContainerId());
            }
        }
        return keys;
    }

    public static BusinessKeys keysOf(AggregateReceipt receipt) {
        BusinessKeys keys = new BusinessKeys()
                .add(BusinessKeys.Kind.REFERS_TO, receipt.getTrackingId())
                .add(BusinessKeys.Kind.CLIENT_SEQ_NO, receipt.getAggregateId());
        for (ConsignmentStatus line : receipt.getConsignment()) {
            keys.add(BusinessKeys.Kind.BILL_NO, line.getBillNo()).add(BusinessKeys.Kind.ENTRY_ID, line.getEntryId());
        }
        return keys;
    }
}
