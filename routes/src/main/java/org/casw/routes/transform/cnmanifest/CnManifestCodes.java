package org.casw.routes.transform.cnmanifest;

/** Stable codes for China manifest messages the gateway cannot take in or write out. */
public final class CnManifestCodes {

    /** The namespace or Head/MessageType names a message type the gateway does not read. */
    public static final String CN_MANIFEST_TYPE_UNSUPPORTED = "CN_MANIFEST_TYPE_UNSUPPORTED";
    /** Head/MessageType differs from the message type the namespace names. */
    public static final String CN_MANIFEST_TYPE_MISMATCH = "CN_MANIFEST_TYPE_MISMATCH";
    /** The message lacks a value the gateway needs to carry the manifest (e.g. the customs office). */
    public static final String CN_MANIFEST_VALUE_MISSING = "CN_MANIFEST_VALUE_MISSING";
    /** A value has no counterpart in the gateway's manifest (e.g. a location that is no UN/LOCODE). */
    public static final String CN_MANIFEST_VALUE_UNMAPPABLE = "CN_MANIFEST_VALUE_UNMAPPABLE";

    private CnManifestCodes() {
    }
}
