package org.casw.routes.delivery;

/** The party's endpoint answered but did not accept the document; the delivery will be retried. */
public class DeliveryRefusedException extends Exception {

    public DeliveryRefusedException(String message) {
        super(message);
    }
}
