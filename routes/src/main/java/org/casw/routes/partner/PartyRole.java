package org.casw.routes.partner;

/** The kinds of party that exchange documents through the single window. */
public enum PartyRole { ENTERPRISE, CUSTOMS, PORT, RAIL, PARTNER_SINGLE_WINDOW, GATEWAY }
