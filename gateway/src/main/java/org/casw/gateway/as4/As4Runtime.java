package org.casw.gateway.as4;

/** The phase4 engine and what it works with once AS4 agreements exist: the gateway's key material and the P-Modes. */
public record As4Runtime(As4Crypto crypto, As4PModes pmodes, As4Engine engine) {
}
