package org.casw.routes.partner;

/**
 * How documents reach a party.
 * MAILBOX: the party collects them through the HTTP API; HTTP: POSTed to the party's URL;
 * JMS: put on the party's reply address on the gateway's broker; FILE: written into the party's drop
 * directory (write-then-rename, so its system never reads half a file); AS4: pushed as an eDelivery AS4 (ebMS3)
 * user message to the partner's gateway, signed, encrypted and acknowledged by a signed receipt.
 */
public enum DeliveryChannel { MAILBOX, HTTP, JMS, FILE, AS4 }
