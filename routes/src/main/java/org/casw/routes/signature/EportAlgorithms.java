package org.casw.routes.signature;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.AlgorithmParameterSpec;

import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.algorithms.SignatureAlgorithmSpi;
import org.apache.xml.security.exceptions.AlgorithmAlreadyRegisteredException;
import org.apache.xml.security.signature.XMLSignatureException;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers the China E-Port algorithms (SM3withSM2, SM3) with Santuario and holds the BC provider used per call. */
public final class EportAlgorithms {

    /** SignatureMethod of E-Port signatures; not W3C-registered, but what E-Port samples carry. */
    public static final String SIGNATURE_SM2_SM3 = "http://www.w3.org/2000/09/xmldsig#sm2-sm3";
    /** DigestMethod for SM3 (the xmldsig-more namespace of RFC 6931, as other SM implementations use). */
    public static final String DIGEST_SM3 = "http://www.w3.org/2007/05/xmldsig-more#sm3";

    private static final BigInteger SM2_ORDER = GMNamedCurves.getByName("sm2p256v1").getN();
    private static final BigInteger P256_ORDER = SECNamedCurves.getByName("secp256r1").getN();

    private static volatile Provider provider;

    private EportAlgorithms() {
    }

    /**
     * Initializes Santuario and registers the E-Port algorithms with it, once per JVM; later calls return
     * at once. Appends Bouncy Castle to the provider list if absent (never at the front: reordering the
     * list would change every TLS handshake), because Santuario looks digests up by name only, so SM3
     * must be findable there.
     */
    public static Provider register() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (EportAlgorithms.class) {
            if (provider == null) {
                Init.init();
                Provider bc = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
                if (bc == null) {
                    bc = new BouncyCastleProvider();
                    Security.addProvider(bc);
                    // Another thread may have won the race; use whichever instance is registered.
                    bc = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
                }
                JCEMapper.register(DIGEST_SM3, new JCEMapper.Algorithm("", "SM3", "MessageDigest"));
                JCEMapper.register(SIGNATURE_SM2_SM3, new JCEMapper.Algorithm("EC", "SM3withSM2", "Signature"));
                try {
                    SignatureAlgorithm.register(SIGNATURE_SM2_SM3, Sm2Sm3.class);
                } catch (AlgorithmAlreadyRegisteredException e) {
                    // Registered by an earlier class loader's copy of this class; that one works as well.
                } catch (ClassNotFoundException | XMLSignatureException e) {
                    throw new IllegalStateException("cannot register " + SIGNATURE_SM2_SM3 + " with Santuario", e);
                }
                provider = bc;
            }
            return provider;
        }
    }

    /** The Bouncy Castle provider, registering the algorithms first if needed. */
    static Provider provider() {
        Provider p = provider;
        return p != null ? p : register();
    }

    /** True if the EC key lies on the SM2 curve (sm2p256v1). */
    static boolean isSm2Key(Key key) {
        return key instanceof ECKey ec && SM2_ORDER.equals(ec.getParams().getOrder());
    }

    /** True if the EC key lies on NIST P-256 (secp256r1). */
    static boolean isP256Key(Key key) {
        return key instanceof ECKey ec && P256_ORDER.equals(ec.getParams().getOrder());
    }

    /**
     * Santuario's plug-in for {@link #SIGNATURE_SM2_SM3}: Bouncy Castle's "SM3withSM2" with the default
     * user ID of GM/T 0009 ("1234567812345678"). The SignatureValue is what BC produces, the DER
     * SEQUENCE { INTEGER r, INTEGER s } (ECDSA style, as GM/T 0009 encodes SM2 signatures), not the
     * fixed 64-byte r||s that RFC 4051 prescribes for W3C ECDSA; E-Port peers expect DER.
     * Santuario instantiates it per signature; public so it can.
     */
    public static final class Sm2Sm3 extends SignatureAlgorithmSpi {

        /**
         * Bouncy Castle's SM2 signer derives the public point from the private key (a full scalar multiplication,
         * as costly as the signature itself) on every initSign. After a signature it is ready for the next one with
         * the same key, so each thread keeps its last initialised signer and takes it back for the same key. It is
         * handed out only between complete signatures: one abandoned half-way is never reused.
         */
        private static final ThreadLocal<ReadySigner> READY = new ThreadLocal<>();

        private record ReadySigner(Key key, Signature signature) {
        }

        private final Signature signature;
        /** What update and sign use: this instance's own signature, or a ready signer taken for the same key. */
        private Signature active;
        private Key activeKey;
        private boolean customParameters;

        public Sm2Sm3() throws XMLSignatureException {
            this(null);
        }

        /** The provider Santuario passes is ignored: only Bouncy Castle does SM2 here, so it is always used. */
        public Sm2Sm3(Provider ignored) throws XMLSignatureException {
            try {
                signature = Signature.getInstance("SM3withSM2", provider());
                active = signature;
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected String engineGetURI() {
            return SIGNATURE_SM2_SM3;
        }

        @Override
        protected String engineGetJCEAlgorithmString() {
            return signature.getAlgorithm();
        }

        @Override
        protected String engineGetJCEProviderName() {
            return signature.getProvider().getName();
        }

        @Override
        protected void engineUpdate(byte[] input) throws XMLSignatureException {
            try {
                active.update(input);
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected void engineUpdate(byte input) throws XMLSignatureException {
            try {
                active.update(input);
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
            try {
                active.update(buf, offset, len);
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected void engineInitSign(Key key) throws XMLSignatureException {
            engineInitSign(key, (SecureRandom) null);
        }

        @Override
        protected void engineInitSign(Key key, SecureRandom random) throws XMLSignatureException {
            requireSm2(key);
            ReadySigner ready = READY.get();
            if (ready != null && ready.key() == key && random == null && !customParameters) {
                READY.remove();
                active = ready.signature();
            } else {
                engineInitSign(key, random, signature);
                active = signature;
            }
            activeKey = random == null && !customParameters ? key : null;
        }

        @Override
        protected void engineInitSign(Key key, AlgorithmParameterSpec spec) throws XMLSignatureException {
            // e.g. an SM2ParameterSpec carrying a user ID other than the default
            engineSetParameter(spec);
            engineInitSign(key);
        }

        @Override
        protected byte[] engineSign() throws XMLSignatureException {
            try {
                byte[] value = active.sign();
                if (activeKey != null) {
                    READY.set(new ReadySigner(activeKey, active)); // reset by sign(): ready for the next document
                }
                return value;
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected void engineInitVerify(Key key) throws XMLSignatureException {
            requireSm2(key);
            engineInitVerify(key, signature);
            active = signature;
            activeKey = null;
        }

        @Override
        protected boolean engineVerify(byte[] value) throws XMLSignatureException {
            try {
                return signature.verify(value);
            } catch (GeneralSecurityException e) {
                // A value that is not DER of two integers is a bad signature, not a processing error.
                return false;
            }
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec spec) throws XMLSignatureException {
            try {
                customParameters = true; // e.g. another user ID: such a signer is never shared
                signature.setParameter(spec);
            } catch (GeneralSecurityException e) {
                throw new XMLSignatureException(e);
            }
        }

        @Override
        protected void engineSetHMACOutputLength(int length) throws XMLSignatureException {
            throw new XMLSignatureException("algorithms.HMACOutputLengthOnlyForHMAC");
        }

        /** BC would happily run SM2 over a P-256 key; an E-Port signature must use an SM2 key. */
        private static void requireSm2(Key key) throws XMLSignatureException {
            if (!isSm2Key(key)) {
                throw new XMLSignatureException("empty", new Object[] {
                    "SM3withSM2 needs a key on sm2p256v1, got " + (key == null ? "none" : key.getAlgorithm())});
            }
        }
    }
}
