package org.casw.routes.partner;

/** Which parties an operator has suspended: a suspended party neither submits nor receives until resumed. */
@FunctionalInterface
public interface Suspensions {

    /** No party suspended by an operator (an agreement's own {@code suspended} flag still counts). */
    Suspensions NONE = partyId -> false;

    boolean isSuspended(String partyId);
}
