package org.casw.routes.signature;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The signature profiles a partner agreement can name: which algorithms, canonicalization and container. */
public enum SigningProfile {

    /** China E-Port: enveloped XML-DSig, inclusive C14N 1.0, SM3withSM2, SHA-1 or SM3 digests. */
    CN_EPORT_SM2("cn-eport-sm2", EportAlgorithms.SIGNATURE_SM2_SM3, Uris.C14N_INCLUSIVE,
            Set.of(Uris.DIGEST_SHA1, EportAlgorithms.DIGEST_SM3)),

    /** W3C XML-DSig with ECDSA P-256, exclusive C14N and SHA-256 (RFC 4051 URIs). */
    XMLDSIG_ECDSA_SHA256("xmldsig-ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            Uris.C14N_EXCLUSIVE, Set.of(Uris.DIGEST_SHA256)),

    /** W3C XML-DSig with RSA (2048 bits or more), exclusive C14N and SHA-256. */
    XMLDSIG_RSA_SHA256("xmldsig-rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            Uris.C14N_EXCLUSIVE, Set.of(Uris.DIGEST_SHA256)),

    /** Detached CMS (PKCS#7) signature beside the document; not an XML signature, signed elsewhere. */
    CMS_DETACHED("cms-detached", null, null, Set.of());

    /** Kept in a nested class: enum constants cannot refer to the enum's own static fields. */
    static final class Uris {
        static final String C14N_INCLUSIVE = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
        static final String C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
        static final String DIGEST_SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
        static final String DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

        private Uris() {
        }
    }

    private final String id;
    private final String signatureMethod;
    private final String canonicalization;
    @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf below: unmodifiable, which the declared type cannot say
    private final Set<String> digestMethods;

    SigningProfile(String id, String signatureMethod, String canonicalization, Set<String> digestMethods) {
        this.id = id;
        this.signatureMethod = signatureMethod;
        this.canonicalization = canonicalization;
        this.digestMethods = Set.copyOf(digestMethods);
    }

    /** The stable identifier used in partner configuration, e.g. {@code cn-eport-sm2}. */
    public String id() {
        return id;
    }

    /** The profile with this identifier; the exception lists the valid ones. */
    public static SigningProfile of(String id) {
        for (SigningProfile profile : values()) {
            if (profile.id.equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown signing profile '" + id + "'; valid profiles: "
                + Arrays.stream(values()).map(SigningProfile::id).collect(Collectors.joining(", ")));
    }

    /** The profile whose SignatureMethod URI this is, or null (CMS has none). */
    static SigningProfile bySignatureMethod(String uri) {
        for (SigningProfile profile : values()) {
            if (profile.signatureMethod != null && profile.signatureMethod.equals(uri)) {
                return profile;
            }
        }
        return null;
    }

    /** True for the enveloped XML-DSig profiles this package signs and verifies. */
    boolean xmlSignature() {
        return signatureMethod != null;
    }

    String signatureMethod() {
        return signatureMethod;
    }

    /** Canonicalization of SignedInfo, and the only canonicalization transform references may carry. */
    String canonicalization() {
        return canonicalization;
    }

    Set<String> digestMethods() {
        return digestMethods;
    }
}
