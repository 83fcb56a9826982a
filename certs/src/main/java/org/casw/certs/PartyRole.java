package org.casw.certs;

/** What a demo party does in the single-window exchange. */
public enum PartyRole {
    GATEWAY,
    ENTERPRISE,
    CUSTOMS,
    PORT,
    RAIL,
    NATIONAL_SINGLE_WINDOW
}
