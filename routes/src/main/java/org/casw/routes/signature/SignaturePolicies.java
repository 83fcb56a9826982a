package org.casw.routes.signature;

import java.util.Optional;

/** The signature side of the partner agreements: what to demand of a sender, how to sign for a receiver. */
public interface SignaturePolicies {

    /** How the gateway signs a document for a receiver. */
    record OutboundSignature(SigningProfile profile, SigningIdentity identity, SigningOptions options) {
    }

    /** What the party's signatures must satisfy; empty when its agreement says nothing about signatures. */
    Optional<VerificationPolicy> verificationFor(String partyId);

    /** How documents to the party are signed; empty when they go unsigned. */
    Optional<OutboundSignature> signingFor(String partyId);
}
